package dev.neurite.nn;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Device;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A trainable tensor and the gradient accumulated for it. Backward passes add into
 * {@link #grad()}; {@link #zeroGrad()} clears it. Optimizers update {@link #value()} in place.
 *
 * <p>{@link #zeroGrad()} writes no memory: it marks the gradient as zero, the first backward write
 * after it overwrites instead of adding (layers ask {@code gradScale()}), and {@link #grad()} clears the
 * memory only when it is read before any such write. A training step saves a pass over every
 * gradient (a megabyte for the Fashion-MNIST MLP), as PyTorch's {@code zero_grad(set_to_none)} does.
 *
 * <p>A parameter owns its value and gradient, and the tensors {@link #attach attached} to it
 * (an optimizer's state for it): {@link #close()}, which its model calls on close, frees them
 * all, so closing a model frees its optimizer's state even if the optimizer is never closed.
 */
public final class Parameter implements AutoCloseable {

    private final String name;
    // replaced only by moveTo, under the model's write lock; calls read them under its read lock
    private Tensor value;
    private Tensor grad;
    /** The gradient is zero whatever its memory holds (set by {@link #zeroGrad()}). */
    private boolean gradIsZero;
    private final Set<Tensor> attached = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    /** A zero-filled parameter of the given shape, e.g. {@code dense1.weight}. */
    public Parameter(String name, DType dtype, int rows, int cols) {
        this.name = name;
        this.value = Tensor.zeros(dtype, rows, cols);
        this.grad = Tensor.zeros(dtype, rows, cols);
    }

    /**
     * Moves the value and gradient to {@code device} (what {@code Sequential.to} does for each
     * parameter). Refused while an optimizer holds state for it elsewhere: as in PyTorch, move the
     * model before creating its optimizer (or move the optimizer's state first).
     */
    void moveTo(Device device) {
        if (value.device() == device) {
            return;
        }
        synchronized (attached) {
            for (Tensor state : attached) {
                if (state.device() != device) {
                    throw new IllegalStateException("to: parameter " + name + " has optimizer state on "
                            + state.device().name() + "; move the model before creating its optimizer, or move"
                            + " the optimizer first (optimizer.to(device))");
                }
            }
        }
        Tensor v = value.to(device);
        Tensor g;
        try {
            g = gradIsZero ? Tensor.zeros(grad.dtype(), grad.rows(), grad.cols(), device) : grad.to(device);
        } catch (RuntimeException | Error e) {
            v.close();
            throw e;
        }
        value.close();
        grad.close();
        value = v;
        grad = g;
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
        if (gradIsZero) {
            grad.fill(0);
            gradIsZero = false;
        }
        return grad;
    }

    /**
     * The scale of the old gradient in a backward pass's sum: 0 after {@link #zeroGrad()} (the
     * write overwrites; the memory may hold anything), else 1 (the write adds). Call
     * {@link #gradWritten()} once the write has succeeded; a write that fails leaves the gradient
     * zero. Write through {@link #gradStorage()}.
     */
    double gradScale() {
        return gradIsZero ? 0 : 1;
    }

    /** Counts the gradient as written, after a write that {@link #gradScale()} scaled. */
    void gradWritten() {
        gradIsZero = false;
    }

    /** The gradient's memory as it is, for a write scaled by {@link #gradScale()}. */
    Tensor gradStorage() {
        return grad;
    }

    /** Number of scalars. */
    public long size() {
        return value.size();
    }

    /** Sets the gradient to zero (lazily: see the class comment). */
    public void zeroGrad() {
        gradIsZero = true;
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
