package dev.neurite.nn.loss;

import dev.neurite.tensor.Tensor;

/**
 * Binary cross-entropy on logits, sigmoid fused in and stable for any {@code z}:
 * {@code L = (1 / (N * d)) * sum (max(z, 0) - z t + log(1 + exp(-|z|)))}, which equals
 * {@code BCE(sigmoid(z), t)}; {@code dL/dz = (sigmoid(z) - t) / (N * d)}. Logits {@code z} and
 * targets {@code t} are {@code (N, d)}, targets in {@code [0, 1]}.
 */
public final class BCEWithLogitsLoss extends Loss {

    private Tensor logits;
    private Tensor target;

    @Override
    public String name() {
        return "bce-with-logits";
    }

    @Override
    public double forward(Tensor z, Tensor t) {
        requireSameShape(z, t);
        TargetChecks.requireFinite(name(), "target", t);
        TargetChecks.requireProbabilities(name(), "target", t, "");
        double total = 0;
        for (int i = 0; i < z.rows(); i++) {
            for (int j = 0; j < z.cols(); j++) {
                double zij = z.get(i, j);
                total += Math.max(zij, 0) - zij * t.get(i, j) + Math.log1p(Math.exp(-Math.abs(zij)));
            }
        }
        logits = z;
        target = t;
        return total / Math.max(1, z.size());
    }

    @Override
    public Tensor backward() {
        if (logits == null) {
            throw new IllegalStateException(name() + ": backward called before forward");
        }
        Tensor z = logits;
        Tensor grad = buffers(z).dInput(z.rows(), z.cols());
        double scale = 1.0 / Math.max(1, z.size());
        for (int i = 0; i < z.rows(); i++) {
            for (int j = 0; j < z.cols(); j++) {
                grad.set(i, j, (sigmoid(z.get(i, j)) - target.get(i, j)) * scale);
            }
        }
        return grad;
    }

    /** Logistic sigmoid without overflow for large {@code |z|}. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
