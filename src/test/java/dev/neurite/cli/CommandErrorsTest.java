package dev.neurite.cli;

import static dev.neurite.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.neurite.io.ModelIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandErrorsTest {

    @TempDir
    Path dir;

    private Path train;
    private Path out;

    @BeforeEach
    void writeData() throws IOException {
        train = CliRun.classificationCsv(dir.resolve("train.csv"), 90, 5);
        out = dir.resolve("out");
    }

    private CliRun.Result quickTrain(Path data, String label, Path outDir, String layers) {
        return run("train", "--data", "csv:" + data, "--label", label, "--layers", layers, "--epochs", "1",
                "--no-baselines", "--out", outDir);
    }

    @Test
    void missingFile() {
        quickTrain(dir.resolve("nope.csv"), "species", out, "8").failedWith("no such file");
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownLabelColumn() {
        quickTrain(train, "kind", out, "8").failedWith("no column named 'kind'");
        assertFalse(Files.exists(out));
    }

    @Test
    void raggedRow() throws IOException {
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, Files.readString(train) + "1.0,2.0,setosa\n");
        quickTrain(ragged, "species", out, "8").failedWith("expected 5 as in the header");
        assertFalse(Files.exists(out));
    }

    @Test
    void badOptionValue() {
        run("train", "--data", "csv:" + train, "--label", "species", "--optimizer", "adagrad", "--out", out)
                .failedWith("unknown --optimizer 'adagrad'");
        run("train", "--data", "csv:" + train, "--label", "species", "--schedule", "step:x:0.5", "--out", out)
                .failedWith("--schedule");
        run("train", "--data", "csv:" + train, "--label", "species", "--backend", "nope", "--out", out)
                .failedWith("unknown --backend 'nope'");
        assertFalse(Files.exists(out));
    }

    @Test
    void featureCountMismatchAtPredictTime() throws IOException {
        quickTrain(train, "species", out, "8").succeeded();
        Path narrow = dir.resolve("narrow.csv");
        Files.writeString(narrow, "x1,x2,x3\n1,2,3\n4,5,6\n");
        Path output = dir.resolve("pred.csv");
        run("predict", "--model", out.resolve("model"), "--input", narrow, "--output", output)
                .failedWith("narrow.csv:1: the header does not name the expected feature columns: missing ['x4']");
        assertFalse(Files.exists(output));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".pred")), "no temporary file");
        }
    }

    @Test
    void modelDirectoryFromAnotherArchitecture() throws IOException {
        quickTrain(train, "species", out, "8").succeeded();
        Path other = dir.resolve("other");
        quickTrain(train, "species", other, "16").succeeded();
        Files.copy(other.resolve("model").resolve(ModelIO.WEIGHTS_FILE),
                out.resolve("model").resolve(ModelIO.WEIGHTS_FILE), StandardCopyOption.REPLACE_EXISTING);
        Path output = dir.resolve("pred.csv");
        run("predict", "--model", out.resolve("model"), "--input", train, "--output", output)
                .failedWith(ModelIO.WEIGHTS_FILE);
        assertFalse(Files.exists(output));
        Path report = dir.resolve("eval");
        run("evaluate", "--model", out.resolve("model"), "--data", "csv:" + train, "--report", report)
                .failedWith(ModelIO.WEIGHTS_FILE);
        assertFalse(Files.exists(report));
    }

    @Test
    void notAModelDirectory() {
        run("evaluate", "--model", dir.resolve("missing"), "--data", "csv:" + train).failedWith("no model directory");
    }

    @Test
    void evaluationDataWithOtherFeatures() throws IOException {
        quickTrain(train, "species", out, "8").succeeded();
        Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, "a,b,c,d,e,species\n1,2,3,4,5,setosa\n");
        run("evaluate", "--model", out.resolve("model"), "--data", "csv:" + wide)
                .failedWith("wide.csv:1: the header does not name the expected feature columns: missing ['x1', 'x2', 'x3', "
                        + "'x4'], unexpected ['a', 'b', 'c', 'd', 'e']");
    }
}
