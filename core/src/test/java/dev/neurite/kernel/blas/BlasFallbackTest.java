package dev.neurite.kernel.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backend selection when OpenBLAS is missing, in child JVMs pointed at a library that does not
 * exist: auto selection falls back and says why; an explicit request for blas fails cleanly.
 */
class BlasFallbackTest {

    private static final String MISSING = "/nonexistent/libopenblas.so.0";
    private static final long CHILD_TIMEOUT_SECONDS = 60;

    private record Child(int exit, String out, String err) {
    }

    private static Child run(Path dir, String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"),
                "-Dneurite.blas.library=" + MISSING));
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BackendChoiceMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("NEURITE_BACKEND");
        builder.redirectOutput(dir.resolve("out.txt").toFile());
        builder.redirectError(dir.resolve("err.txt").toFile());
        Process process = builder.start();
        assertTrue(process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "child JVM did not finish");
        return new Child(process.exitValue(),
                Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static void assertNoCrashFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith("hs_err")), "JVM crash file");
        }
    }

    @Test
    void autoSelectionSkipsMissingBlasAndSaysWhy(@TempDir Path dir) throws Exception {
        Child child = run(dir);
        assertEquals(0, child.exit(), child.err());
        String line = child.out().strip();
        assertTrue(line.startsWith("Neurite kernel backend: simd (auto)")
                || line.startsWith("Neurite kernel backend: scalar (auto)"), line);
        assertTrue(line.contains("skipped blas: OpenBLAS not loadable: " + MISSING), line);
        assertTrue(line.contains("libopenblas0-pthread"), line);
        assertNoCrashFile(dir);
    }

    @Test
    void requestedBlasWithoutTheLibraryFailsWithTheReason(@TempDir Path dir) throws Exception {
        Child child = run(dir, "-Dneurite.backend=blas");
        assertNotEquals(0, child.exit(), child.out());
        assertTrue(child.err().contains("kernel backend 'blas' was requested but cannot be used"), child.err());
        assertTrue(child.err().contains("OpenBLAS not loadable: " + MISSING), child.err());
        assertFalse(child.out().contains("Neurite kernel backend"), child.out());
        assertNoCrashFile(dir);
    }
}
