package dev.neurite.kernel.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device path's bad cases, each a clear error and never a silent fall back to the CPU: no
 * OpenCL platform (a child JVM whose ICD loader finds no vendor), a device without fp64 asked
 * for float64, a buffer larger than the device allows.
 */
class OpenClErrorsTest {

    private static final long CHILD_TIMEOUT_SECONDS = 120;
    /**
     * Debian's ICD loader (ocl-icd-libopencl1), which finds vendors through
     * {@code OCL_ICD_VENDORS}; pinned because other loaders on the search path (such as one shipped
     * with CUDA) may look elsewhere.
     */
    private static final Path DEBIAN_LOADER = Path.of("/usr/lib/x86_64-linux-gnu/libOpenCL.so.1");

    /** A finished child JVM; {@code err} ends with its command line, for failure messages. */
    private record Child(int exit, String out, String err) {
    }

    /** Runs {@link OpenClRequestMain} with the ICD loader pointed at an empty vendor directory. */
    private static Child runWithoutPlatforms(Path dir, String mode, String... properties)
            throws IOException, InterruptedException {
        assertTrue(Files.exists(DEBIAN_LOADER), "these tests need Debian's ocl-icd-libopencl1 at " + DEBIAN_LOADER);
        List<String> all = new ArrayList<>(List.of(properties));
        all.add("-D" + OpenClLibrary.PROPERTY + "=" + DEBIAN_LOADER);
        return run(dir, mode, all);
    }

    private static Child run(Path dir, String mode, List<String> properties) throws IOException, InterruptedException {
        Path vendors = Files.createDirectories(dir.resolve("no-vendors"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log")));
        command.addAll(properties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), OpenClRequestMain.class.getName(), mode));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("NEURITE_BACKEND");
        builder.environment().put("OCL_ICD_VENDORS", vendors.toString());
        builder.redirectOutput(dir.resolve("out.txt").toFile());
        builder.redirectError(dir.resolve("err.txt").toFile());
        Process process = builder.start();
        assertTrue(process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "child JVM did not finish");
        return new Child(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8) + "\n(command: "
                        + String.join(" ", command) + ")");
    }

    @Test
    void requestedBackendWithoutPlatformFailsWithTheReason(@TempDir Path dir) throws Exception {
        Child child = runWithoutPlatforms(dir, "backend", "-Dneurite.backend=opencl");
        assertNotEquals(0, child.exit(), child.out());
        assertTrue(child.err().contains("kernel backend 'opencl' was requested but cannot be used"), child.err());
        assertTrue(child.err().contains("no OpenCL platform found"), child.err());
        assertFalse(child.out().contains("Neurite kernel backend"), "no fallback: " + child.out());
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().startsWith("hs_err")), "JVM crash");
    }

    @Test
    void aMissingOpenClLibraryIsNamedWithWhatToInstall(@TempDir Path dir) throws Exception {
        Child child = run(dir, "train", List.of("-D" + OpenClLibrary.PROPERTY + "=/nonexistent/libOpenCL.so.1"));
        assertNotEquals(0, child.exit(), child.out());
        assertTrue(child.err().contains("OpenCL not loadable: /nonexistent/libOpenCL.so.1"), child.err());
        assertTrue(child.err().contains("ocl-icd-libopencl1"), child.err());
        assertFalse(child.out().contains("trained"), child.out());
    }

    @Test
    void automaticSelectionNeverPicksOpenClSoItsAbsenceIsHarmless(@TempDir Path dir) throws Exception {
        Child child = runWithoutPlatforms(dir, "backend");
        assertEquals(0, child.exit(), child.err());
        assertTrue(child.out().startsWith("Neurite kernel backend: "), child.out());
        assertFalse(child.out().contains("opencl"), child.out());
    }

    @Test
    void deviceTrainingWithoutPlatformFailsInsteadOfTrainingOnTheCpu(@TempDir Path dir) throws Exception {
        Child child = runWithoutPlatforms(dir, "train");
        assertNotEquals(0, child.exit(), child.out());
        assertTrue(child.err().contains("no OpenCL platform found"), child.err());
        assertTrue(child.err().contains("pocl-opencl-icd"), "says what to install: " + child.err());
        assertFalse(child.out().contains("trained"), child.out());
    }

    /** The first device, described as lacking fp64 (same handle, so a context still opens). */
    private static OpenClDevice withoutFp64() {
        OpenClDevice d = OpenClDevicesTest.devicesOrFail().getFirst();
        return new OpenClDevice(d.index(), d.platformName(), d.platformVendor(), d.platformVersion(), d.name(),
                d.vendor(), d.version(), 0, d.computeUnits(), d.globalMemoryBytes(), d.maxAllocationBytes(), d.maxWorkGroupSize(), d.localMemoryBytes(), false,
                d.id());
    }

    @Test
    void float64OnADeviceWithoutFp64IsAClearError() {
        try (OpenClContext context = new OpenClContext(withoutFp64())) {
            OpenClException e = assertThrows(OpenClException.class, () -> context.buffer(ClType.FLOAT64, 4));
            assertTrue(e.getMessage().contains("does not support double precision"), e.getMessage());
            assertTrue(e.getMessage().contains("float32"), "says what to do: " + e.getMessage());
            context.buffer(ClType.FLOAT32, 4).close(); // float32 still works
        }
        try (OpenClBackend backend = new OpenClBackend(withoutFp64())) {
            OpenClException e = assertThrows(OpenClException.class, () -> backend.allocate(4, true));
            assertTrue(e.getMessage().contains("does not support double precision"), e.getMessage());
        }
    }

    @Test
    void aBufferBeyondTheDeviceLimitIsReportedAsExhaustedMemory() {
        OpenClDevice device = OpenClDevicesTest.devicesOrFail().getFirst();
        try (OpenClContext context = new OpenClContext(device)) {
            long tooMany = device.maxAllocationBytes() / 4 + 1;
            OpenClException e = assertThrows(OpenClException.class, () -> context.buffer(ClType.FLOAT32, tooMany));
            assertTrue(e.getMessage().contains("device memory exhausted"), e.getMessage());
            assertTrue(e.getMessage().contains(device.name()), e.getMessage());
        }
    }
}
