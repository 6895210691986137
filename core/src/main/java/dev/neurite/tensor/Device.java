package dev.neurite.tensor;

import dev.neurite.kernel.DeviceBackend;
import dev.neurite.kernel.provider.DeviceProvider;

/**
 * Where a tensor's memory lives: {@link #HOST} (off-heap memory of this process, computed by the
 * kernel backend) or a compute device with its own memory, such as an OpenCL GPU. {@link Ops}
 * runs an operation where its tensors live and refuses tensors of different devices;
 * {@link Tensor#to(Device)} copies between them.
 *
 * <p>A device is a resource: {@link #close()} frees the memory of every tensor still on it and
 * the device context, after which those tensors report closed.
 *
 * <pre>{@code
 * try (Device gpu = Device.opencl()) {
 *     Tensor a = hostA.to(gpu), b = hostB.to(gpu), c = Tensor.zeros(DType.F32, m, n, gpu);
 *     Ops.get().matmul(c, a, b);        // runs on the device
 *     float[] result = c.toFloatArray(); // copies back
 * }
 * }</pre>
 */
public final class Device implements AutoCloseable {

    /** The host: tensors in this process's memory. Closing it does nothing. */
    public static final Device HOST = new Device(null);

    private final DeviceBackend backend;

    private Device(DeviceBackend backend) {
        this.backend = backend;
    }

    /**
     * The OpenCL device {@code -Dneurite.opencl.device} selects (an index or part of its name;
     * else the first one), with a context of its own; close it when done.
     *
     * @throws IllegalStateException naming why when there is no usable OpenCL device
     */
    public static Device opencl() {
        return new Device(DeviceProvider.opencl());
    }

    /**
     * The OpenCL device {@code selector} names: an index over all platforms, or part of the
     * device or platform name ({@code ./neurite info} lists them); close it when done.
     *
     * @throws IllegalStateException naming why when there is no such device
     */
    public static Device opencl(String selector) {
        return new Device(DeviceProvider.opencl(selector));
    }

    /** {@code host}, or the device's name such as {@code opencl:0}. */
    public String name() {
        return backend == null ? "host" : backend.name();
    }

    /** True for {@link #HOST}. */
    public boolean isHost() {
        return backend == null;
    }

    /** One line about the device. */
    public String describe() {
        return backend == null ? "host" : backend.describe();
    }

    /** Frees the memory of every tensor on this device, then the device context. Idempotent. */
    @Override
    public void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @Override
    public String toString() {
        return name();
    }

    /** The backend of a device that is not the host. */
    DeviceBackend backend() {
        assert backend != null;
        return backend;
    }
}
