package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export} writes an ONNX file that {@code evaluate} and {@code predict} read back with the model's results. */
class ExportCommandTest {

    @TempDir
    Path dir;

    private static CliRun.Result run(Object... args) {
        return CliRun.run(args);
    }

    @Test
    void anExportedModelEvaluatesAndPredictsAsTheModelDirectoryDoes() throws IOException {
        Path train = CliRun.classificationCsv(dir.resolve("train.csv"), 240, 1);
        Path test = CliRun.classificationCsv(dir.resolve("test.csv"), 60, 2);
        Path out = dir.resolve("run");
        run("train", "--data", "csv:" + train, "--label", "species", "--test-csv", test, "--layers", "16",
                "--epochs", "4", "--batch-size", "16", "--no-baselines", "--out", out).succeeded();
        Path onnx = dir.resolve("model.onnx");
        CliRun.Result exported = run("export", "--model", out.resolve("model"), "--format", "onnx", "--out", onnx).succeeded();
        assertTrue(exported.lastLine().startsWith("EXPORT format=onnx out=" + onnx + " bytes="), exported.lastLine());
        assertEquals(Files.size(onnx), (long) exported.number("bytes"));

        CliRun.Result fromDir = run("evaluate", "--model", out.resolve("model"), "--data", "csv:" + test).succeeded();
        CliRun.Result fromOnnx = run("evaluate", "--model", onnx, "--data", "csv:" + test).succeeded();
        assertEquals(fromDir.lastLine(), fromOnnx.lastLine(), "the same metrics from the ONNX file");

        Path p1 = dir.resolve("p1.csv");
        Path p2 = dir.resolve("p2.csv");
        run("predict", "--model", out.resolve("model"), "--input", test, "--output", p1).succeeded();
        run("predict", "--model", onnx, "--input", test, "--output", p2).succeeded();
        assertEquals(Files.readAllLines(p1), Files.readAllLines(p2), "the same predictions, class names included");

        run("export", "--model", out.resolve("model"), "--format", "onnx", "--out", onnx)
                .failedWith("--out " + onnx + " already exists; add --overwrite to replace it");
        run("export", "--model", out.resolve("model"), "--format", "tflite", "--out", dir.resolve("m.tflite"))
                .failedWith("--format tflite is not a format export writes (onnx)");
        run("export", "--model", out.resolve("model"), "--format", "onnx", "--out", onnx, "--overwrite").succeeded();
    }

    @Test
    void aCorruptOnnxFileIsOneLineNamingIt() throws IOException {
        Path bad = dir.resolve("bad.onnx");
        Files.write(bad, new byte[] {0x3A, (byte) 0xFF, (byte) 0xFF, 0x7F});
        run("evaluate", "--model", bad, "--data", "fashion-mnist", "--limit", "10")
                .failedWith(bad + ": ModelProto at byte 0: field 7 declares 2097151 bytes, but only 0 are left");
    }

    @Test
    void anOnnxFileThatNamesNoFeaturesIsNotMatchedToCsvColumnsByPosition() throws IOException {
        Path plain = dir.resolve("plain.onnx");
        try (dev.neurite.nn.Sequential m = new dev.neurite.nn.Sequential(2, 1, new dev.neurite.nn.Dense(2, 3))) {
            dev.neurite.onnx.Onnx.save(m, plain);
        }
        Path test = CliRun.classificationCsv(dir.resolve("test.csv"), 30, 2);
        run("predict", "--model", plain, "--input", test, "--output", dir.resolve("p.csv"))
                .failedWith(plain + " names no features, so a CSV's columns cannot be matched to its inputs by name");
        run("evaluate", "--model", plain, "--data", "csv:" + test, "--label", "species")
                .failedWith(plain + " names no features");
    }
}
