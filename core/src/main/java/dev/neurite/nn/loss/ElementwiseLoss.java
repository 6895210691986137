package dev.neurite.nn.loss;

import dev.neurite.kernel.PointwiseLoss;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/**
 * A mean of element-wise terms of prediction and target, {@code (N, d)} each, computed with its
 * gradient in one pass by {@link Ops#pointwiseLoss}, wherever the tensors live. A value outside
 * the loss's domain makes the sum NaN; only then does {@link #explainNaN} look for it, so a tensor
 * on a device is read back on the error path alone.
 */
abstract class ElementwiseLoss extends Loss {

    private final PointwiseLoss kind;
    private Tensor prediction;
    private Tensor target;
    private Tensor grad;

    ElementwiseLoss(PointwiseLoss kind) {
        this.kind = kind;
    }

    @Override
    public final double forward(Tensor p, Tensor t) {
        requireSameShape(p, t);
        long n = Math.max(1, p.size());
        grad = buffers(p).dInput(p.rows(), p.cols());
        double total = Ops.get().pointwiseLoss(kind, grad, p, t, 1.0 / n);
        if (Double.isNaN(total)) {
            explainNaN(p, t); // returns when the NaN is the prediction's own
        }
        prediction = p;
        target = t;
        return total / n;
    }

    /** Throws naming the value and its position when one lies outside the loss's domain. */
    abstract void explainNaN(Tensor prediction, Tensor target);

    /** The prediction of the last {@link #forward}; null before the first. */
    final Tensor prediction() {
        return prediction;
    }

    /** The target of the last {@link #forward}; null before the first. */
    final Tensor target() {
        return target;
    }

    @Override
    public final Tensor backward() {
        if (grad == null) {
            throw new IllegalStateException(name() + ": backward called before forward");
        }
        return grad;
    }
}
