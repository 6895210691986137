package dev.neurite.nn.loss;

import dev.neurite.nn.KinkSides;
import dev.neurite.nn.LayerBuffers;
import dev.neurite.nn.Objective;
import dev.neurite.tensor.Tensor;

/**
 * A loss over a batch, mean-reduced over the batch. {@link #forward} computes it and keeps what
 * {@link #backward} needs; {@code backward} returns {@code dLoss/dPrediction} in a buffer the
 * loss owns (valid until the next call). Not thread-safe: one loss per training loop.
 */
public abstract class Loss implements Objective, AutoCloseable {

    private LayerBuffers buffers;

    /** Name used in errors and reports, e.g. {@code softmax-ce}. */
    public abstract String name();

    /**
     * The mean loss of {@code prediction} against {@code target}.
     *
     * @throws IllegalArgumentException naming the loss and both shapes when they do not fit,
     *     or for labels out of range
     */
    @Override
    public abstract double forward(Tensor prediction, Tensor target);

    /** {@code dLoss/dPrediction} for the last {@link #forward}. */
    @Override
    public abstract Tensor backward();

    /**
     * For gradient checks: records in {@code sides} the side of its kink that each term of the
     * last {@link #forward} took, for every point where this loss's derivative jumps (see
     * {@link KinkSides}). Smooth losses record nothing, the default.
     */
    @Override
    public void recordKinkSides(KinkSides sides) {
    }

    /** This loss's reusable buffers, created for the prediction's dtype. */
    protected LayerBuffers buffers(Tensor prediction) {
        if (buffers == null || buffers.dtype() != prediction.dtype() || buffers.device() != prediction.device()) {
            if (buffers != null) {
                buffers.close();
            }
            buffers = new LayerBuffers(prediction.dtype(), prediction.device());
        }
        return buffers;
    }

    /** Requires {@code target} to have the prediction's shape. */
    protected void requireSameShape(Tensor prediction, Tensor target) {
        if (prediction.rows() != target.rows() || prediction.cols() != target.cols()) {
            throw new IllegalArgumentException(name() + ": target " + target.shape()
                    + " does not match prediction " + prediction.shape());
        }
        requireSameDtype(prediction, target);
    }

    /** Requires both tensors to have one dtype. */
    protected void requireSameDtype(Tensor prediction, Tensor target) {
        if (prediction.dtype() != target.dtype()) {
            throw new IllegalArgumentException(name() + ": target " + target.shape()
                    + " and prediction " + prediction.shape() + " differ in dtype");
        }
    }

    /**
     * Reads class labels from an {@code (N, 1)} target into {@code labels}, checking each is an
     * integer in {@code [0, classes)}.
     */
    protected int[] labels(Tensor target, int classes, int[] reuse) {
        int n = target.rows();
        int[] labels = reuse != null && reuse.length == n ? reuse : new int[n];
        double[] onDevice = target.device().isHost() ? null : target.toDoubleArray(); // one read-back
        for (int i = 0; i < n; i++) {
            double v = onDevice == null ? target.get(i, 0) : onDevice[i * target.cols()];
            int label = (int) v;
            if (label != v || label < 0 || label >= classes) {
                throw new IllegalArgumentException(name() + ": label " + v + " in row " + i
                        + " is not a class index in [0, " + classes + ")");
            }
            labels[i] = label;
        }
        return labels;
    }

    @Override
    public void close() {
        if (buffers != null) {
            buffers.close();
        }
    }
}
