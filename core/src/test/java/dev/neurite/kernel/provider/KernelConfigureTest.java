package dev.neurite.kernel.provider;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.kernel.KernelThreads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend and thread count set from code: before the first kernel call, and after it. */
class KernelConfigureTest {

    @Test
    void codeOverridesThePropertiesBeforeTheFirstKernelCall(@TempDir Path dir) throws Exception {
        String out = child(dir, List.of("-Dneurite.backend=simd", "-Dneurite.threads=2"), "scalar", "1");
        assertTrue(out.contains("backend=scalar threads=1 requested=true"), out);
        assertTrue(out.contains("late configure refused: the kernels already run on scalar in this JVM"), out);
    }

    @Test
    void autoAsThePropertyMeansAutomaticSelectionAsItDoesInCode(@TempDir Path dir) throws Exception {
        String out = child(dir, List.of("-Dneurite.backend= Auto "), "-", "1");
        assertTrue(out.contains("threads=1 requested=false"), out);
    }

    @Test
    void afterTheFirstCallOnlyTheSettingsInUseAreAccepted() {
        KernelProvider.Selection selection = KernelProvider.selection();
        int threads = KernelThreads.count();
        assertDoesNotThrow(() -> KernelProvider.configure(selection.kernels().name()));
        assertDoesNotThrow(() -> KernelThreads.configure(threads));
        String other = "scalar".equals(selection.kernels().name()) ? "opencl" : "scalar";
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> KernelProvider.configure(other));
        assertTrue(late.getMessage().contains("configure the backend before the first kernel call"), late.getMessage());
        assertThrows(IllegalStateException.class, () -> KernelThreads.configure(threads + 1));
        assertEquals(selection, KernelProvider.selection(), "a refused configure changes nothing");
        assertEquals(threads, KernelThreads.count());
    }

    @Test
    void badSettingsAreRejectedWithTheValue() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> KernelProvider.configure("cuda"));
        assertTrue(name.getMessage().contains("unknown kernel backend 'cuda'"), name.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> KernelThreads.configure(0));
        assertTrue(zero.getMessage().contains("at least 1, got 0"), zero.getMessage());
    }

    private static String child(Path dir, List<String> properties, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(properties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConfiguredKernelsMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("NEURITE_BACKEND");
        builder.environment().remove("NEURITE_THREADS");
        builder.redirectErrorStream(true);
        builder.redirectOutput(dir.resolve("out.txt").toFile());
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
