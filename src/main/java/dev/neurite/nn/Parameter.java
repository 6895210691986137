package dev.neurite.nn;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A trainable tensor and the gradient accumulated for it. Backward passes add into
 * {@link #grad()}; {@link #zeroGrad()} clears it. Optimizers update {@link #value()} in place.
 *
 * <p>A parameter owns its value and gradient, and the tensors {@link #attach attached} to it
 * (an optimizer's state for it): {@link #close()}, which its model calls on close, frees them
 * all, so closing a model frees its optimizer's state even if the optimizer is never closed.
 */
public final class Parameter implements AutoCloseable {

    private final String name;
    private final Tensor value;
    private final Tensor grad;
    private final Set<Tensor> attached = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

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

    /**
     * Ties {@code state}, a tensor that owns its memory, to this parameter: {@link #close()}
     * closes it too. Optimizers attach their per-parameter state.
     *
     * @throws IllegalStateException when this parameter is already closed
     */
    public void attach(Tensor state) {
        if (!value.isOpen()) {
            throw new IllegalStateException("attach: parameter " + name + " is closed");
        }
        attached.add(state);
    }

    /** Unties a tensor {@link #attach attached} before, which its owner closes itself. */
    public void detach(Tensor state) {
        attached.remove(state);
    }

    /** Frees the value, the gradient and every attached tensor. Idempotent. */
    @Override
    public void close() {
        value.close();
        grad.close();
        Tensor[] states;
        synchronized (attached) {
            states = attached.toArray(new Tensor[0]);
            attached.clear();
        }
        for (Tensor t : states) {
            t.close();
        }
    }

    @Override
    public String toString() {
        return name + " " + value.shape();
    }
}
