package dev.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.kernel.opencl.OpenClDevices;
import org.junit.jupiter.api.Test;

/** An instance of Ops.using owns its backend: closing it releases the OpenCL context. */
class OpsCloseTest {

    @Test
    void closingAnOpenClInstanceReleasesItsContextAndLaterCallsAreRefused() {
        assertTrue(!OpenClDevices.list().isEmpty(), "no OpenCL device: install pocl-opencl-icd and ocl-icd-libopencl1");
        try (Tensor x = Tensor.of(new float[] {-1, 2, -3, 4}, 2, 2); Tensor y = Tensor.zeros(DType.F32, 2, 2)) {
            Ops opencl = Ops.using("opencl");
            try (opencl) {
                opencl.relu(y, x);
                assertArrayEquals(new float[] {0, 2, 0, 4}, y.toFloatArray());
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> opencl.relu(y, x));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }

    @Test
    void closingTheJvmWideInstanceChangesNothing() {
        Ops.get().close();
        try (Tensor x = Tensor.of(new float[] {-1, 2}, 1, 2); Tensor y = Tensor.zeros(DType.F32, 1, 2)) {
            Ops.get().relu(y, x);
            assertArrayEquals(new float[] {0, 2}, y.toFloatArray());
        }
    }
}
