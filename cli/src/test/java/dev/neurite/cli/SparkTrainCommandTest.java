package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.ModelIO;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spark-train} on local[2]: trains, evaluates, saves a model that evaluate reads; bad options are one line. */
class SparkTrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsOnLocalSparkAndSavesAModelEvaluateReads() {
        Path out = dir.resolve("run");
        CliRun.Result r = CliRun.run("spark-train", "--data", "fashion-mnist", "--limit", "1500", "--layers", "32",
                "--epochs", "2", "--batch-size", "32", "--master", "local[2]", "--partitions", "2", "--out", out)
                .succeeded();
        assertTrue(r.lastLine().startsWith("SPARK test_accuracy="), r.lastLine());
        assertTrue(r.number("test_accuracy") > 0.6, "well above chance (0.1): " + r.lastLine());
        assertEquals(2, (int) r.number("rounds"), "one round per epoch by default");
        assertTrue(Files.isRegularFile(out.resolve("model").resolve(ModelIO.MODEL_FILE)));
        CliRun.Result evaluated = CliRun.run("evaluate", "--model", out.resolve("model"), "--data", "fashion-mnist")
                .succeeded();
        assertEquals(r.number("test_accuracy"), evaluated.number("accuracy"), 1e-4, "the saved model scores the same");
    }

    @Test
    void optionsThatCannotApplyAreErrors() {
        CliRun.run("spark-train", "--data", "fashion-mnist", "--averaging", "median")
                .failedWith("--averaging must be parameters or gradients, got 'median'");
        CliRun.run("spark-train", "--data", "fashion-mnist", "--averaging", "gradients", "--averaging-steps", "5")
                .failedWith("--averaging-steps applies to --averaging parameters");
        CliRun.run("spark-train", "--data", "fashion-mnist", "--dropout", "0.2").usageError("--dropout");
    }
}
