package dev.neurite.nn.loss;

import dev.neurite.kernel.PointwiseLoss;
import dev.neurite.nn.KinkSides;
import dev.neurite.tensor.Tensor;

/**
 * Mean absolute error (L1): {@code L = (1 / (N * d)) * sum |p - t|}, prediction and target
 * {@code (N, d)}; {@code dL/dp = sign(p - t) / (N * d)}, with the subgradient 0 where
 * {@code p == t}. The gradient is computed with the loss, in one pass, wherever the tensors live.
 */
public final class MAELoss extends ElementwiseLoss {

    /** Mean absolute error. */
    public MAELoss() {
        super(PointwiseLoss.ABSOLUTE_ERROR);
    }

    @Override
    public String name() {
        return "mae";
    }

    @Override
    void explainNaN(Tensor prediction, Tensor target) {
        TargetChecks.requireFinite(name(), "target", target);
    }

    /** {@code |p - t|} has its kink at {@code p == t}. */
    @Override
    public void recordKinkSides(KinkSides sides) {
        Tensor p = prediction();
        if (p == null) {
            return;
        }
        for (int i = 0; i < p.rows(); i++) {
            for (int j = 0; j < p.cols(); j++) {
                sides.add(name(), p.get(i, j) - target().get(i, j));
            }
        }
    }
}
