package dev.neurite.kernel.provider;

import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.blas.OpenBlasInfo;
import dev.neurite.kernel.scalar.ScalarKernels;
import dev.neurite.kernel.simd.SimdSupport;
import java.util.Set;

/** Builds the OpenBLAS backend, with the best available backend for the element-wise ops. */
final class BlasSupport {

    /**
     * OpenBLAS kernel sets with 128-bit SSE code only. OpenBLAS falls back to one of them on a
     * CPU newer than itself (0.3.21 runs {@code Prescott} on Sapphire Rapids), where it is slower
     * than the simd backend's AVX2 or AVX-512 vectors: 2.3x per training epoch measured there.
     */
    static final Set<String> SSE_ONLY_CORES = Set.of("prescott", "core2", "penryn", "dunnington", "nehalem",
            "atom", "opteron", "opteron_sse3", "barcelona", "bobcat", "katmai", "coppermine", "northwood",
            "banias");

    private BlasSupport() {
    }

    /**
     * Why automatic selection should pass over OpenBLAS here, or null: its kernels are SSE-only
     * while the simd backend runs 256-bit or wider vectors. A request for blas still gets it.
     */
    static String slowerThanSimd() {
        String core;
        try {
            core = OpenBlasInfo.runningCore().orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null; // creating the backend reports why OpenBLAS cannot be used
        }
        if (core == null) {
            return null;
        }
        int bits;
        try {
            SimdSupport.create();
            bits = SimdSupport.vectorBits();
        } catch (UnsupportedOperationException e) {
            return null;
        }
        return slowerThanSimd(core, bits);
    }

    /** The rule of {@link #slowerThanSimd()} for an OpenBLAS core name and a simd vector width. */
    static String slowerThanSimd(String core, int simdBits) {
        if (simdBits < 256 || !SSE_ONLY_CORES.contains(core.toLowerCase(java.util.Locale.ROOT))) {
            return null;
        }
        return "OpenBLAS runs its SSE-only " + core + " kernels on this CPU, slower than the simd backend's "
                + simdBits + "-bit vectors (-D" + KernelProvider.PROPERTY + "=blas uses it anyway)";
    }

    static Kernels create() {
        Kernels elementwise;
        boolean simd;
        try {
            elementwise = SimdSupport.create();
            simd = true;
        } catch (UnsupportedOperationException e) {
            elementwise = new ScalarKernels();
            simd = false;
        }
        return new dev.neurite.kernel.blas.BlasKernels(elementwise, simd);
    }
}
