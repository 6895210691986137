package dev.neurite.kernel;

import dev.neurite.kernel.scalar.ScalarKernels;
import dev.neurite.kernel.simd.SimdSupport;

/** Builds the OpenBLAS backend, with the best available backend for the element-wise ops. */
final class BlasSupport {

    private BlasSupport() {
    }

    static Kernels create() {
        Kernels elementwise;
        try {
            elementwise = SimdSupport.create();
        } catch (UnsupportedOperationException e) {
            elementwise = new ScalarKernels();
        }
        return new dev.neurite.kernel.blas.BlasKernels(elementwise);
    }
}
