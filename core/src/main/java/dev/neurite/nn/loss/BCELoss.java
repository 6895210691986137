package dev.neurite.nn.loss;

import dev.neurite.kernel.PointwiseLoss;
import dev.neurite.nn.KinkSides;
import dev.neurite.tensor.Tensor;

/**
 * Binary cross-entropy on probabilities, as PyTorch's {@code BCELoss}:
 * {@code L = -(1 / (N * d)) * sum (t log p + (1 - t) log(1 - p))}, prediction {@code p} and
 * target {@code t} both {@code (N, d)} with values in {@code [0, 1]} (soft targets allowed).
 *
 * <p>Each log is clamped at {@code -100}, so {@code p = 0} or {@code 1} gives a large finite loss
 * instead of infinity. The gradient is PyTorch's
 * {@code dL/dp = (p - t) / max(p (1 - p), 1e-12) / (N * d)}, exact wherever
 * {@code p (1 - p) > 1e-12}. Predictions are usually the output of a {@code Sigmoid} layer;
 * on logits, {@link BCEWithLogitsLoss} is more accurate. The gradient is computed with the loss,
 * in one pass, wherever the tensors live.
 */
public final class BCELoss extends ElementwiseLoss {

    /** Floor of each log term, as in PyTorch. */
    public static final double LOG_FLOOR = PointwiseLoss.LOG_FLOOR;
    /** Floor of {@code p (1 - p)} in the gradient, as in PyTorch. */
    public static final double GRAD_EPS = PointwiseLoss.GRAD_EPS;

    /** Binary cross-entropy on probabilities. */
    public BCELoss() {
        super(PointwiseLoss.BINARY_CROSS_ENTROPY);
    }

    @Override
    public String name() {
        return "bce";
    }

    @Override
    void explainNaN(Tensor p, Tensor t) {
        TargetChecks.requireFinite(name(), "target", t);
        TargetChecks.requireProbabilities(name(), "target", t, "");
        TargetChecks.requireProbabilities(name(), "prediction", p,
                " (apply a Sigmoid first, or use BCEWithLogitsLoss on logits)");
    }

    /** Each log has a kink where it meets its floor. */
    @Override
    public void recordKinkSides(KinkSides sides) {
        Tensor prediction = prediction();
        if (prediction == null) {
            return;
        }
        for (int i = 0; i < prediction.rows(); i++) {
            for (int j = 0; j < prediction.cols(); j++) {
                double pij = prediction.get(i, j);
                sides.add(name(), Math.log(pij) - LOG_FLOOR);
                sides.add(name(), Math.log1p(-pij) - LOG_FLOOR);
            }
        }
    }
}
