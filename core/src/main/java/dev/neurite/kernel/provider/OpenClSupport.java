package dev.neurite.kernel.provider;

import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.opencl.OpenClException;
import dev.neurite.kernel.opencl.OpenClKernels;

/**
 * Builds the OpenCL backend on the device {@code -Dneurite.opencl.device} selects. No OpenCL
 * library, platform or device is "not here" ({@link UnsupportedOperationException} with the
 * reason), so that a request for {@code opencl} fails with that reason instead of running
 * elsewhere.
 */
final class OpenClSupport {

    private OpenClSupport() {
    }

    static Kernels create() {
        try {
            return new OpenClKernels();
        } catch (OpenClException e) {
            throw new UnsupportedOperationException(e.getMessage(), e);
        }
    }
}
