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
    private final boolean indexTargets;
    private Tensor x;
    private Tensor y;
    private Tensor resident; // all training inputs, for a model on a device

    /**
     * With {@code indexTargets} (class indices, {@code (N, 1)}, for a model of several outputs)
     * the targets stay on the host: losses only read the labels from them, and a copy up would
     * come straight back.
     */
    DeviceBatches(Device device, boolean indexTargets) {
        this.device = device;
        this.indexTargets = indexTargets;
    }

    /** True for a model on a device: it gathers each batch from the training inputs kept there. */
    boolean gathersInputs() {
        return !device.isHost();
    }

    /**
     * The inputs of {@code step}: the host batch {@code batches} loaded, or for a model on a
     * device gathered there from a copy of all training inputs made at the first call (the batch
     * order is the host's, so a fit shuffles as it does on the host).
     */
    Tensor inputs(MiniBatches batches, int step) {
        if (!gathersInputs()) {
            return batches.x();
        }
        if (resident == null) {
            resident = batches.allInputs().to(device);
        }
        if (!batches.shuffled()) {
            return resident;
        }
        int n = batches.batchRows(step);
        x = sized(x, resident.rows(0, n));
        Tensor view = x.rows() == n ? x : x.rows(0, n);
        view.gatherRows(resident, batches.order(), step * batches.batchSize());
        return view;
    }

    /** The inputs {@code host} on the model's device. */
    Tensor inputs(Tensor host) {
        if (device.isHost()) {
            return host;
        }
        x = sized(x, host);
        return upload(x, host);
    }

    /** The targets {@code host} where the loss reads them: on the model's device, class indices on the host. */
    Tensor targets(Tensor host) {
        if (device.isHost() || indexTargets) {
            return host;
        }
        y = sized(y, host);
        return upload(y, host);
    }

    /** {@code buffer} when it holds {@code like}'s rows, else a new device buffer in its place. */
    private Tensor sized(Tensor buffer, Tensor like) {
        if (buffer != null && buffer.cols() == like.cols() && buffer.rows() >= like.rows()
                && buffer.dtype() == like.dtype()) {
            return buffer;
        }
        if (buffer != null) {
            buffer.close();
        }
        return Tensor.zeros(like.dtype(), Math.max(1, like.rows()), like.cols(), device);
    }

    private static Tensor upload(Tensor buffer, Tensor host) {
        Tensor view = buffer.rows() == host.rows() ? buffer : buffer.rows(0, host.rows());
        view.copyFrom(host);
        return view;
    }

    @Override
    public void close() {
        if (resident != null) {
            resident.close();
        }
        if (x != null) {
            x.close();
        }
        if (y != null) {
            y.close();
        }
    }
}
