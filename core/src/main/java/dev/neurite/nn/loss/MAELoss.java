package dev.neurite.nn.loss;

import dev.neurite.nn.KinkSides;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/**
 * Mean absolute error (L1): {@code L = (1 / (N * d)) * sum |p - t|}, prediction and target
 * {@code (N, d)}; {@code dL/dp = sign(p - t) / (N * d)}, with the subgradient 0 where
 * {@code p == t}.
 */
public final class MAELoss extends Loss {

    private Tensor diff;

    @Override
    public String name() {
        return "mae";
    }

    @Override
    public double forward(Tensor prediction, Tensor target) {
        requireSameShape(prediction, target);
        TargetChecks.requireFinite(name(), "target", target);
        diff = buffers(prediction).output(prediction.rows(), prediction.cols());
        Ops.get().sub(diff, prediction, target);
        double total = 0;
        for (int i = 0; i < diff.rows(); i++) {
            for (int j = 0; j < diff.cols(); j++) {
                total += Math.abs(diff.get(i, j));
            }
        }
        return total / Math.max(1, diff.size());
    }

    /** {@code |p - t|} has its kink at {@code p == t}. */
    @Override
    public void recordKinkSides(KinkSides sides) {
        if (diff == null) {
            return;
        }
        for (int i = 0; i < diff.rows(); i++) {
            for (int j = 0; j < diff.cols(); j++) {
                sides.add(name(), diff.get(i, j));
            }
        }
    }

    @Override
    public Tensor backward() {
        if (diff == null) {
            throw new IllegalStateException(name() + ": backward called before forward");
        }
        Tensor grad = buffers(diff).dInput(diff.rows(), diff.cols());
        double scale = 1.0 / Math.max(1, diff.size());
        for (int i = 0; i < diff.rows(); i++) {
            for (int j = 0; j < diff.cols(); j++) {
                grad.set(i, j, Math.signum(diff.get(i, j)) * scale);
            }
        }
        return grad;
    }
}
