package dev.neurite.kernel.blas;

import dev.neurite.kernel.BackendAgainstScalarTest;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.simd.SimdKernels;

/**
 * The whole {@code blas} backend, as the provider builds it (OpenBLAS for the BLAS calls, simd
 * for the rest), through the same checks as every other backend.
 */
class BlasBackendAgainstScalarTest extends BackendAgainstScalarTest {

    @Override
    protected Kernels backend() {
        return new BlasKernels(new SimdKernels());
    }

    @Override
    protected int lanes() {
        return SimdKernels.floatLanes();
    }
}
