package dev.neurite.train;

import dev.neurite.tensor.Device;
import dev.neurite.tensor.Tensor;

/**
 * Puts the host batches of a fit where the model lives: on the host it passes them through; for
 * a model on a device it copies each into reusable device buffers (inputs and targets), which
 * grow to the largest batch and are freed with this object.
 */
final class DeviceBatches implements AutoCloseable {

    private final Device device;
    private Tensor x;
    private Tensor y;

    DeviceBatches(Device device) {
        this.device = device;
    }

    /** The inputs {@code host} on the model's device. */
    Tensor inputs(Tensor host) {
        if (device.isHost()) {
            return host;
        }
        x = fit(x, host);
        return upload(x, host);
    }

    /** The targets {@code host} on the model's device. */
    Tensor targets(Tensor host) {
        if (device.isHost()) {
            return host;
        }
        y = fit(y, host);
        return upload(y, host);
    }

    private Tensor fit(Tensor buffer, Tensor host) {
        if (buffer != null && buffer.cols() == host.cols() && buffer.rows() >= host.rows()
                && buffer.dtype() == host.dtype()) {
            return buffer;
        }
        if (buffer != null) {
            buffer.close();
        }
        return Tensor.zeros(host.dtype(), Math.max(1, host.rows()), host.cols(), device);
    }

    private static Tensor upload(Tensor buffer, Tensor host) {
        Tensor view = buffer.rows() == host.rows() ? buffer : buffer.rows(0, host.rows());
        view.copyFrom(host);
        return view;
    }

    @Override
    public void close() {
        if (x != null) {
            x.close();
        }
        if (y != null) {
            y.close();
        }
    }
}
