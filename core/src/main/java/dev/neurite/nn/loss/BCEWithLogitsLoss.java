package dev.neurite.nn.loss;

import dev.neurite.kernel.PointwiseLoss;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/**
 * Binary cross-entropy on logits, sigmoid fused in and stable for any {@code z}:
 * {@code L = (1 / (N * d)) * sum (max(z, 0) - z t + log(1 + exp(-|z|)))}, which equals
 * {@code BCE(sigmoid(z), t)}; {@code dL/dz = (sigmoid(z) - t) / (N * d)}. Logits {@code z} and
 * targets {@code t} are {@code (N, d)}, targets in {@code [0, 1]}. The gradient is computed with
 * the loss, in one pass, wherever the tensors live.
 */
public final class BCEWithLogitsLoss extends Loss {

    private Tensor grad;

    @Override
    public String name() {
        return "bce-with-logits";
    }

    @Override
    public double forward(Tensor z, Tensor t) {
        requireSameShape(z, t);
        long n = Math.max(1, z.size());
        grad = buffers(z).dInput(z.rows(), z.cols());
        double total = Ops.get().pointwiseLoss(PointwiseLoss.BINARY_CROSS_ENTROPY_WITH_LOGITS, grad, z, t, 1.0 / n);
        if (Double.isNaN(total)) {
            TargetChecks.requireFinite(name(), "target", t);
            TargetChecks.requireProbabilities(name(), "target", t, "");
        }
        return total / n;
    }

    @Override
    public Tensor backward() {
        if (grad == null) {
            throw new IllegalStateException(name() + ": backward called before forward");
        }
        return grad;
    }
}
