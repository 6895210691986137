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
        return opencl(null);
    }

    /**
     * The OpenCL device {@code selector} names (an index over all platforms, or part of the device
     * or platform name; null: as {@link #opencl()}); the caller closes it.
     *
     * @throws IllegalStateException naming why when no such device is usable
     */
    public static DeviceBackend opencl(String selector) {
        try {
            return new OpenClBackend(selector == null ? OpenClDevices.select() : OpenClDevices.select(selector));
        } catch (OpenClException e) {
            throw new IllegalStateException(e.getMessage(), e); // names the device and lists the others
        } catch (UnsupportedOperationException | LinkageError e) {
            throw new IllegalStateException("no OpenCL device: " + e.getMessage(), e);
        }
    }
}
