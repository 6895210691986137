package dev.neurite.cli;

import static dev.neurite.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.ModelIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
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
    void layersTooLargeForMemoryAreOneLineBeforeAnythingIsAllocated() {
        // 4-50000-50000-3: 2.5e9 parameters, 40 GB with gradients and Adam's moments
        quickTrain(train, "species", out, "50000,50000").failedWith("training a network of 2,500,450,003 parameters"
                + " (f32 values, gradients and 2 adam state tensors each) needs 40.0 GB, more than the");
        assertFalse(Files.exists(out));
        // 4-40000-40000-3: 1.6e9 parameters; with gradients and Adam's two moments 25.6 GB, checked before building
        quickTrain(train, "species", out, "40000,40000").failedWith("training a network of 1,600,360,003 parameters"
                + " (f32 values, gradients and 2 adam state tensors each) needs 25.6 GB, more than the");
        assertFalse(Files.exists(out));
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
        Files.copy(ModelIO.weightsFile(other.resolve("model")),
                ModelIO.weightsFile(out.resolve("model")), StandardCopyOption.REPLACE_EXISTING);
        String weights = ModelIO.weightsFile(out.resolve("model")).getFileName().toString();
        Path output = dir.resolve("pred.csv");
        run("predict", "--model", out.resolve("model"), "--input", train, "--output", output)
                .failedWith(weights);
        assertFalse(Files.exists(output));
        Path report = dir.resolve("eval");
        run("evaluate", "--model", out.resolve("model"), "--data", "csv:" + train, "--report", report)
                .failedWith(weights);
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

    @Test
    void spaceSeparatedLayersAreAUsageErrorWithTheCommaList() {
        run("train", "--data", "csv:" + train, "--label", "species", "--layers", "64", "32", "--out", out)
                .usageError("did you mean --layers 64,32?");
        assertFalse(Files.exists(out));
    }

    @Test
    void openClDeviceThatDoesNotExist() {
        run("train", "--data", "csv:" + train, "--label", "species", "--epochs", "1", "--no-baselines",
                "--device", "opencl:99", "--out", out)
                .failedWith("neurite train: OpenCL device 99 does not exist; devices: #0 ");
        assertFalse(Files.exists(out));
    }

    @Test
    void gzipIdxFileCutBeforeItsTrailer() throws IOException {
        Path idx = Files.createDirectory(dir.resolve("idx"));
        int count = 2;
        ByteBuffer file = ByteBuffer.allocate(16 + count * 28 * 28).putInt(0x00000803).putInt(count).putInt(28).putInt(28);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream zip = new GZIPOutputStream(gz)) {
            zip.write(file.array());
        }
        byte[] whole = gz.toByteArray();
        Path images = idx.resolve("train-images-idx3-ubyte.gz");
        Files.write(images, Arrays.copyOf(whole, whole.length - 8)); // all data, no CRC and length
        Files.write(idx.resolve("train-labels-idx1-ubyte"),
                ByteBuffer.allocate(8 + count).putInt(0x00000801).putInt(count).array());
        run("train", "--data", "idx:" + idx, "--epochs", "1", "--out", out)
                .failedWith(images + ": not valid gzip: truncated");
        assertFalse(Files.exists(out));
    }

    /** Trains a model, then replaces the JSON value of {@code key} in its model.json with {@code json}. */
    private Path modelWithMetadata(String key, String json) throws IOException {
        quickTrain(train, "species", out, "8").succeeded();
        Path file = out.resolve("model").resolve(ModelIO.MODEL_FILE);
        String text = Files.readString(file);
        Matcher value = Pattern.compile("\"" + key + "\": (\\[[^\\]]*\\]|\"[^\"]*\")").matcher(text);
        assertTrue(value.find(), key + " in " + text);
        Files.writeString(file, text.substring(0, value.start(1)) + json + text.substring(value.end(1)));
        return file;
    }

    @Test
    void metadataOfTheWrongTypeNamesFileKeyAndType() throws IOException {
        String[][] cases = {
            {"class_names", "5", "metadata 'class_names' must be a list of strings, got a number (5)"},
            {"class_names", "[\"a\", 2, \"c\"]", "metadata 'class_names' must be a list of strings, got a number (2) at [1]"},
            {"feature_names", "\"x\"", "metadata 'feature_names' must be a list of strings, got a string (\"x\")"},
            {"task", "3", "metadata 'task' must be a string, got a number (3)"},
            {"task", "\"clustering\"", "metadata 'task' must be classification or regression, got 'clustering'"},
            {"label_column", "[]", "metadata 'label_column' must be a string, got a list"},
        };
        for (String[] c : cases) {
            Path file = modelWithMetadata(c[0], c[1]);
            run("evaluate", "--model", out.resolve("model"), "--data", "csv:" + train).failedWith(file + ": " + c[2]);
            Path output = dir.resolve("pred.csv");
            run("predict", "--model", out.resolve("model"), "--input", train, "--output", output)
                    .failedWith(file + ": " + c[2]);
            assertFalse(Files.exists(output));
            deleteTree(out);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
