package dev.neurite.cli;

import static dev.neurite.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.ModelIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diverging {@code train} exits with code 3 and one line, and saves nothing. */
class TrainDivergenceTest {

    private static final Pattern DIVERGED = Pattern.compile(
            "neurite train: training diverged at epoch \\d+, step \\d+: loss \\S+.*; no model saved \\(try a smaller --lr\\)");

    @TempDir
    Path dir;

    /** Asserts exit code 3 with exactly one error line, the divergence line, and no stack trace. */
    private static void assertDiverged(CliRun.Result r) {
        assertEquals(Main.DIVERGED, r.code(), "exit code; stdout:\n" + r.out() + "\nstderr:\n" + r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("neurite ")).toList();
        assertEquals(1, lines.size(), "one error line expected:\n" + r.err());
        assertTrue(DIVERGED.matcher(lines.getFirst()).matches(), lines.getFirst());
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
        assertFalse(r.out().contains("Model saved"), r.out());
    }

    @Test
    void adamAtAHugeLearningRateExitsThreeAndLeavesTheSavedModelAlone() throws IOException {
        Path csv = CliRun.classificationCsv(dir.resolve("train.csv"), 90, 1);
        Path out = dir.resolve("run");
        Path model = out.resolve("model");
        run("train", "--data", "csv:" + csv, "--label", "species", "--layers", "8", "--epochs", "2",
                "--no-baselines", "--out", out).succeeded();
        byte[] json = Files.readAllBytes(model.resolve(ModelIO.MODEL_FILE));
        byte[] weights = Files.readAllBytes(ModelIO.weightsFile(model));
        byte[] report = Files.readAllBytes(out.resolve("report.html"));

        CliRun.Result r = run("train", "--data", "csv:" + csv, "--label", "species", "--optimizer", "adam",
                "--lr", "1e10", "--out", out, "--overwrite");
        assertDiverged(r);
        assertTrue(r.err().contains("exceeds the divergence bound"), r.err());
        assertArrayEquals(json, Files.readAllBytes(model.resolve(ModelIO.MODEL_FILE)));
        assertArrayEquals(weights, Files.readAllBytes(ModelIO.weightsFile(model)));
        assertArrayEquals(report, Files.readAllBytes(out.resolve("report.html")));
    }

    @Test
    void sgdWithBatchNormAtAHugeLearningRateExitsThreeWithoutWritingAnything() throws IOException {
        // the running statistics used to be saved as Infinity, making every prediction one class
        Path csv = CliRun.classificationCsv(dir.resolve("train.csv"), 90, 2);
        Path out = dir.resolve("run");
        CliRun.Result r = run("train", "--data", "csv:" + csv, "--label", "species", "--optimizer", "sgd",
                "--batchnorm", "--lr", "1e10", "--out", out);
        assertDiverged(r);
        assertFalse(Files.exists(out), "nothing written");
    }
}
