package dev.neurite.kernel.blas;

import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.scalar.ScalarKernels;

/** Placeholder until the OpenBLAS backend lands. */
public final class BlasKernels extends ScalarKernels {
    public BlasKernels(Kernels elementwise) {
        throw new UnsupportedOperationException("not built yet");
    }
}
