package dev.neurite.nn;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/**
 * A trainable tensor and the gradient accumulated for it. Backward passes add into
 * {@link #grad()}; {@link #zeroGrad()} clears it. Optimizers update {@link #value()} in place.
 */
public final class Parameter implements AutoCloseable {

    private final String name;
    private final Tensor value;
    private final Tensor grad;

    /** A zero-filled parameter of the given shape, e.g. {@code dense1.weight}. */
    public Parameter(String name, DType dtype, int rows, int cols) {
        this.name = name;
        this.value = Tensor.zeros(dtype, rows, cols);
        this.grad = Tensor.zeros(dtype, rows, cols);
    }

    /** Qualified name, e.g. {@code dense1.weight}. */
    public String name() {
        return name;
    }

    /** The current value; optimizers update it in place. */
    public Tensor value() {
        return value;
    }

    /** The accumulated gradient {@code dLoss/dValue}. */
    public Tensor grad() {
        return grad;
    }

    /** Number of scalars. */
    public long size() {
        return value.size();
    }

    /** Sets the gradient to zero. */
    public void zeroGrad() {
        grad.fill(0);
    }

    @Override
    public void close() {
        value.close();
        grad.close();
    }

    @Override
    public String toString() {
        return name + " " + value.shape();
    }
}
