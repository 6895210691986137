package dev.neurite.kernel.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.kernel.KernelThreads;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelProviderTest {

    @Test
    void explicitRequestGetsThatBackend() {
        for (String name : KernelProvider.NAMES) {
            KernelProvider.Selection s = KernelProvider.select(name);
            assertEquals(name, s.kernels().name());
            assertTrue(s.requested());
            assertTrue(s.describe().contains(name + " (requested)"), s.describe());
        }
    }

    @Test
    void automaticChoiceIsTheFastestThatLoads() {
        KernelProvider.Selection s = KernelProvider.select(null);
        assertFalse(s.requested());
        // this platform (x86-64 with AVX, OpenBLAS installed by .ci/run) has all three; OpenBLAS
        // is passed over only where it runs SSE-only kernels (a CPU newer than the library)
        String slower = BlasSupport.slowerThanSimd();
        if (slower == null) {
            assertEquals("blas", s.kernels().name(), s.describe());
            assertTrue(s.skipped().isEmpty(), s.describe());
        } else {
            assertEquals("simd", s.kernels().name(), s.describe());
            assertEquals(List.of("blas: " + slower), s.skipped());
        }
        assertEquals("blas", KernelProvider.select("blas").kernels().name(), "a request for blas gets it");
    }

    @Test
    void openBlasWithSseOnlyKernelsGivesWayToWiderSimdVectors() {
        assertEquals("OpenBLAS runs its SSE-only Prescott kernels on this CPU, slower than the simd backend's"
                + " 512-bit vectors (-Dneurite.backend=blas uses it anyway)", BlasSupport.slowerThanSimd("Prescott", 512));
        assertTrue(BlasSupport.slowerThanSimd("Nehalem", 256) != null);
        assertEquals(null, BlasSupport.slowerThanSimd("Prescott", 128), "no wider vectors than SSE's");
        for (String core : List.of("Haswell", "SkylakeX", "Zen", "Cooperlake", "Sandybridge")) {
            assertEquals(null, BlasSupport.slowerThanSimd(core, 512), core);
        }
    }

    @Test
    void openClIsOnlyUsedOnRequest() {
        // per-call staging makes opencl slower than the CPU on host tensors: never chosen automatically
        assertEquals(List.of("blas", "simd", "scalar"), KernelProvider.AUTOMATIC);
        assertTrue(KernelProvider.NAMES.containsAll(KernelProvider.AUTOMATIC));
        assertTrue(KernelProvider.NAMES.contains("opencl"));
        assertFalse(KernelProvider.AUTOMATIC.contains("opencl"));
        KernelProvider.Selection s = KernelProvider.select("opencl");
        assertEquals("opencl", s.kernels().name());
        assertTrue(s.describe().contains("opencl (requested)"), s.describe());
        assertFalse(s.kernels().details().isBlank(), "details name the device");
    }

    @Test
    void everyBackendLoadsOnThisPlatform() {
        // A missing OpenBLAS, Vector API or OpenCL (POCL) here is a broken set-up, not a reason to skip tests.
        for (String name : KernelProvider.NAMES) {
            try {
                KernelProvider.create(name);
            } catch (UnsupportedOperationException e) {
                throw new AssertionError("backend " + name + " does not load here: " + e.getMessage()
                        + " (install Debian libopenblas0-pthread and pocl-opencl-icd ocl-icd-libopencl1;"
                        + " run with --add-modules jdk.incubator.vector)", e);
            }
        }
    }

    @Test
    void openClThatCannotRunIsAClearErrorNotAFallback() {
        // a device selector that matches nothing stands in for a machine without OpenCL devices
        String before = System.getProperty("neurite.opencl.device");
        System.setProperty("neurite.opencl.device", "no-such-device-xyzzy");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelProvider.select("opencl"));
            assertTrue(e.getMessage().contains("'opencl' was requested but cannot be used")
                    && e.getMessage().contains("no-such-device-xyzzy"), e.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> KernelProvider.create("opencl"));
        } finally {
            if (before == null) {
                System.clearProperty("neurite.opencl.device");
            } else {
                System.setProperty("neurite.opencl.device", before);
            }
        }
    }

    @Test
    void unknownNameIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelProvider.select("gpu"));
        assertTrue(e.getMessage().contains("'gpu'") && e.getMessage().contains("scalar"), e.getMessage());
    }

    @Test
    void threadCountIsPositive() {
        assertTrue(KernelThreads.count() >= 1);
    }

    @Test
    void poolRunsEveryPartAndRethrowsFailures() {
        int parts = 7;
        boolean[] ran = new boolean[parts];
        KernelThreads.run(parts, p -> ran[p] = true);
        for (boolean r : ran) {
            assertTrue(r);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelThreads.run(3, p -> {
            if (p == 2) {
                throw new IllegalStateException("part 2 failed");
            }
        }));
        assertEquals("part 2 failed", e.getMessage());
    }
}
