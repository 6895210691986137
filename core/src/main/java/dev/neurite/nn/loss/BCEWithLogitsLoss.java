package dev.neurite.nn.loss;

import dev.neurite.kernel.PointwiseLoss;
import dev.neurite.tensor.Tensor;

/**
 * Binary cross-entropy on logits, sigmoid fused in and stable for any {@code z}:
 * {@code L = (1 / (N * d)) * sum (max(z, 0) - z t + log(1 + exp(-|z|)))}, which equals
 * {@code BCE(sigmoid(z), t)}; {@code dL/dz = (sigmoid(z) - t) / (N * d)}. Logits {@code z} and
 * targets {@code t} are {@code (N, d)}, targets in {@code [0, 1]}. The gradient is computed with
 * the loss, in one pass, wherever the tensors live.
 */
public final class BCEWithLogitsLoss extends ElementwiseLoss {

    /** Binary cross-entropy on logits. */
    public BCEWithLogitsLoss() {
        super(PointwiseLoss.BINARY_CROSS_ENTROPY_WITH_LOGITS);
    }

    @Override
    public String name() {
        return "bce-with-logits";
    }

    @Override
    void explainNaN(Tensor logits, Tensor target) {
        TargetChecks.requireFinite(name(), "target", target);
        TargetChecks.requireProbabilities(name(), "target", target, "");
    }
}
