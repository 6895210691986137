package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.ModelIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end, cut to one epoch: every output in place and the summary line well formed. */
class DemoCommandTest {

    private static final Pattern DEMO = Pattern.compile(
            "DEMO test_accuracy=([0-9.]+) logreg_accuracy=([0-9.]+) svm_accuracy=([0-9.]+) seconds=([0-9.]+) seconds_per_epoch=([0-9.]+)");

    @Test
    void oneEpochDemoWritesModelReportAndSummary(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"demo", "--epochs", "1", "--out", dir.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        String last = out.toString().strip().lines().reduce((a, b) -> b).orElseThrow();
        Matcher m = DEMO.matcher(last);
        assertTrue(m.matches(), last);
        // one epoch of the MLP already beats chance by far; the baselines are real models too
        assertTrue(Double.parseDouble(m.group(1)) > 0.75, last);
        assertTrue(Double.parseDouble(m.group(2)) > 0.6 && Double.parseDouble(m.group(3)) > 0.6, last);
        assertTrue(Files.isRegularFile(dir.resolve("report.html")));
        assertTrue(Files.isRegularFile(ModelIO.weightsFile(dir.resolve("model"))));
        assertTrue(Files.isRegularFile(dir.resolve("model").resolve("model.json")));
    }
}
