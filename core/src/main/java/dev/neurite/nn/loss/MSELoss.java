package dev.neurite.nn.loss;

import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/**
 * Mean squared error: {@code L = (1 / (N * d)) * sum (p - t)^2}, prediction and target
 * {@code (N, d)}; {@code dL/dp = 2 (p - t) / (N * d)}.
 */
public final class MSELoss extends Loss {

    private Tensor diff;

    /**
     * The factor of {@code dL/dp = factor * (p - t)} for {@code elements} predicted values:
     * {@code 2 / elements}.
     */
    public static double gradientFactor(long elements) {
        return 2.0 / Math.max(1, elements);
    }

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double forward(Tensor prediction, Tensor target) {
        requireSameShape(prediction, target);
        Ops ops = Ops.get();
        diff = buffers(prediction).output(prediction.rows(), prediction.cols());
        ops.sub(diff, prediction, target);
        long n = Math.max(1, prediction.size());
        return ops.sumOfSquares(diff) / n;
    }

    @Override
    public Tensor backward() {
        if (diff == null) {
            throw new IllegalStateException(name() + ": backward called before forward");
        }
        Tensor grad = buffers(diff).dInput(diff.rows(), diff.cols());
        Ops.get().scale(grad, gradientFactor(diff.size()), diff);
        return grad;
    }
}
