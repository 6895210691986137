package dev.neurite.kernel.opencl;

import dev.neurite.kernel.BackendAgainstScalarTest;
import dev.neurite.kernel.Kernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole {@code opencl} backend, as the provider builds it (host memory staged through device
 * buffers per call), through the same checks as every other backend. One instance serves every
 * test, so each kernel source is compiled once.
 */
class OpenClBackendAgainstScalarTest extends BackendAgainstScalarTest {

    private static OpenClKernels kernels;

    @BeforeAll
    static void openDevice() {
        OpenClDevicesTest.devicesOrFail();
        kernels = new OpenClKernels();
    }

    @AfterAll
    static void closeDevice() {
        kernels.close();
    }

    @Override
    protected Kernels backend() {
        return kernels;
    }
}
