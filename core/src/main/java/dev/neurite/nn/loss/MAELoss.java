package dev.neurite.nn.loss;

import dev.neurite.kernel.PointwiseLoss;
import dev.neurite.nn.KinkSides;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/**
 * Mean absolute error (L1): {@code L = (1 / (N * d)) * sum |p - t|}, prediction and target
 * {@code (N, d)}; {@code dL/dp = sign(p - t) / (N * d)}, with the subgradient 0 where
 * {@code p == t}. The gradient is computed with the loss, in one pass, wherever the tensors live.
 */
public final class MAELoss extends Loss {

    private Tensor prediction;
    private Tensor target;
    private Tensor grad;

    @Override
    public String name() {
        return "mae";
    }

    @Override
    public double forward(Tensor p, Tensor t) {
        requireSameShape(p, t);
        long n = Math.max(1, p.size());
        grad = buffers(p).dInput(p.rows(), p.cols());
        double total = Ops.get().pointwiseLoss(PointwiseLoss.ABSOLUTE_ERROR, grad, p, t, 1.0 / n);
        if (Double.isNaN(total)) {
            TargetChecks.requireFinite(name(), "target", t); // else the prediction holds the NaN
        }
        prediction = p;
        target = t;
        return total / n;
    }

    /** {@code |p - t|} has its kink at {@code p == t}. */
    @Override
    public void recordKinkSides(KinkSides sides) {
        if (prediction == null) {
            return;
        }
        for (int i = 0; i < prediction.rows(); i++) {
            for (int j = 0; j < prediction.cols(); j++) {
                sides.add(name(), prediction.get(i, j) - target.get(i, j));
            }
        }
    }

    @Override
    public Tensor backward() {
        if (grad == null) {
            throw new IllegalStateException(name() + ": backward called before forward");
        }
        return grad;
    }
}
