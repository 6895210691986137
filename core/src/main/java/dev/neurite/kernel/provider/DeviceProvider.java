package dev.neurite.kernel.provider;

import dev.neurite.kernel.DeviceBackend;
import dev.neurite.kernel.opencl.OpenClBackend;
import dev.neurite.kernel.opencl.OpenClDevices;
import dev.neurite.kernel.opencl.OpenClException;

/** Opens the backends of devices with their own memory, for {@code dev.neurite.tensor.Device}. */
public final class DeviceProvider {

    private DeviceProvider() {
    }

    /**
     * The OpenCL device {@code -Dneurite.opencl.device} selects (else the first), with its own
     * context; the caller closes it.
     *
     * @throws IllegalStateException naming why when no OpenCL library, platform or device is usable
     */
    public static DeviceBackend opencl() {
        try {
            return new OpenClBackend(OpenClDevices.select());
        } catch (OpenClException | UnsupportedOperationException | LinkageError e) {
            throw new IllegalStateException("no OpenCL device: " + e.getMessage(), e);
        }
    }
}
