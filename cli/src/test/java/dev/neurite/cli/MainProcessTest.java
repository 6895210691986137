package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in child JVMs started as the launcher starts it, for what a test JVM cannot
 * show: settings read once per JVM and the log lines on the console.
 */
class MainProcessTest {

    private static final long CHILD_TIMEOUT_SECONDS = 120;
    /** The launcher's log format: {@code LEVEL: message}. */
    private static final String LOG_FORMAT = "-Djava.util.logging.SimpleFormatter.format=%4$s: %5$s%6$s%n";

    @TempDir
    Path dir;

    /** A finished child; {@code output} is stdout and stderr in the order they were written. */
    private record Child(int exit, String output, String command) {

        List<String> errorLines() {
            return output.lines().filter(l -> l.startsWith("neurite ")).toList();
        }
    }

    private Child run(Map<String, String> env, List<String> properties, String... args)
            throws IOException, InterruptedException {
        return run(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"), env,
                properties, args);
    }

    /** A child with the JVM flags {@code flags} instead of the launcher's. */
    private Child run(List<String> flags, Map<String, String> env, List<String> properties, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(flags);
        command.addAll(List.of(LOG_FORMAT, "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log")));
        command.addAll(properties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("NEURITE_BACKEND");
        builder.environment().remove("NEURITE_THREADS");
        builder.environment().putAll(env);
        Path output = dir.resolve("output.txt");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        assertTrue(process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "child JVM did not finish");
        return new Child(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), String.join(" ", command));
    }

    private static void assertOneLineError(Child child, String expected) {
        String context = child.output() + "\n(command: " + child.command() + ")";
        assertEquals(1, child.exit(), context);
        assertEquals(List.of(expected), child.errorLines(), context);
        assertFalse(child.output().contains("ExceptionInInitializerError"), context);
        assertFalse(child.output().contains("\tat "), "no stack trace: " + context);
    }

    @Test
    void missingJvmFlagsAreNamedAndTheBackendFallsBack() throws Exception {
        // the announced default: native access denied unless enabled; simd needs none of it
        Child denied = run(List.of("--add-modules", "jdk.incubator.vector", "--illegal-native-access=deny"),
                Map.of(), List.of(), "info");
        String context = denied.output() + "\n(command: " + denied.command() + ")";
        assertEquals(0, denied.exit(), context);
        assertTrue(denied.output().contains("Selected: simd (auto); skipped blas: OpenBLAS not loadable: "
                + "libopenblas.so.0: native access is not enabled for the class path; run Java with "
                + "--enable-native-access=ALL-UNNAMED"), context);
        assertFalse(denied.output().contains("ExceptionInInitializerError"), context);
        assertFalse(denied.output().contains("NoClassDefFoundError"), context);

        // without the Vector API, blas says that its element-wise ops run scalar, and why
        Child noVector = run(List.of("--enable-native-access=ALL-UNNAMED"), Map.of(), List.of(), "info");
        context = noVector.output() + "\n(command: " + noVector.command() + ")";
        assertEquals(0, noVector.exit(), context);
        assertTrue(noVector.output().contains("Selected: blas (auto); skipped simd for the element-wise ops, which "
                + "run scalar: the Vector API module is not loaded (run with --add-modules jdk.incubator.vector)"),
                context);
    }

    @Test
    void trainingWorksWithoutEitherFlagAndTheLogNamesIt() throws Exception {
        Path csv = dir.resolve("rows.csv");
        StringBuilder rows = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 120; i++) {
            int label = i % 2;
            rows.append(label + 0.1 * (i % 7)).append(',').append(-label + 0.05 * (i % 5)).append(",c").append(label)
                    .append('\n');
        }
        Files.writeString(csv, rows);
        Map<List<String>, String> cases = Map.of(
                List.of("--add-modules", "jdk.incubator.vector", "--illegal-native-access=deny"),
                "--enable-native-access=ALL-UNNAMED",
                List.of("--enable-native-access=ALL-UNNAMED"), "--add-modules jdk.incubator.vector");
        int n = 0;
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            Child child = run(c.getKey(), Map.of(), List.of(), "train", "--data", "csv:" + csv, "--label", "label",
                    "--layers", "8", "--epochs", "60", "--lr", "0.05", "--validation", "0", "--no-baselines",
                    "--out", dir.resolve("run" + n++).toString());
            String context = child.output() + "\n(command: " + child.command() + ")";
            assertEquals(0, child.exit(), context);
            assertTrue(child.output().lines().anyMatch(l -> l.startsWith("INFO: Neurite kernel backend: ")
                    && l.contains(c.getValue())), "the backend line names " + c.getValue() + ": " + context);
            java.util.regex.Matcher accuracy = java.util.regex.Pattern.compile("TRAIN test_accuracy=([0-9.]+)")
                    .matcher(child.output());
            assertTrue(accuracy.find(), context);
            assertTrue(Double.parseDouble(accuracy.group(1)) >= 0.9, "separable classes: " + context);
        }
    }

    @Test
    void badThreadSettingsAreOneLineErrorsNamingTheSetting() throws Exception {
        assertOneLineError(run(Map.of("NEURITE_THREADS", "abc"), List.of(), "gradcheck"),
                "neurite gradcheck: NEURITE_THREADS must be a whole number >= 1, got 'abc'");
        assertOneLineError(run(Map.of(), List.of("-Dneurite.threads=0"), "info"),
                "neurite info: -Dneurite.threads must be a whole number >= 1, got '0'");
        CliRun.classificationCsv(dir.resolve("train.csv"), 30, 1);
        assertOneLineError(run(Map.of("NEURITE_THREADS", "0"), List.of(), "train", "--data", "csv:train.csv",
                        "--label", "species", "--epochs", "1", "--out", "out"),
                "neurite train: NEURITE_THREADS must be a whole number >= 1, got '0'");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void infoPrintsNoLogLineInsideItsBlock() throws Exception {
        Child child = run(Map.of(), List.of(), "info");
        String context = child.output() + "\n(command: " + child.command() + ")";
        assertEquals(0, child.exit(), context);
        List<String> lines = child.output().lines().filter(l -> !l.startsWith("WARNING: Using incubator")).toList();
        assertTrue(lines.getFirst().startsWith("Neurite "), context);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("INFO:")), "no log line in the block: " + context);
    }
}
