package dev.neurite.kernel.simd;

import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.MemorySegment;

/** Stand-in for the blocked Vector API GEMM: same entry point, plain loops behind it. */
final class SimdGemm {

    private static final ScalarKernels SCALAR = new ScalarKernels();

    private SimdGemm() {
    }

    static void gemmF32(MemorySegment c, long cOff, long ldc,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment b, long bOff, long ldb, boolean transB,
                        int m, int n, int k, float alpha, float beta) {
        SCALAR.gemmF32(c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
    }
}
