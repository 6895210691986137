package dev.neurite.cli;

import dev.neurite.optim.GradientClipping;
import dev.neurite.optim.Optimizer;
import dev.neurite.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * An optimizer that clips the gradients (by global norm, then by value) before the wrapped
 * optimizer's step: the trainer calls {@code step()} right after backward, which is exactly
 * where clipping belongs. Learning-rate changes (schedules) pass through.
 */
final class ClippingOptimizer extends Optimizer {

    private final Optimizer inner;
    private final double maxNorm;
    private final double clipValue;

    /** Clips to {@code maxNorm} (0: not by norm) and to {@code [-clipValue, clipValue]} (0: not by value). */
    ClippingOptimizer(Optimizer inner, double maxNorm, double clipValue) {
        super(inner.parameters(), inner.learningRate());
        this.inner = inner;
        this.maxNorm = maxNorm;
        this.clipValue = clipValue;
    }

    @Override
    public void setLearningRate(double learningRate) {
        super.setLearningRate(learningRate);
        if (inner != null) { // null while the super constructor runs
            inner.setLearningRate(learningRate);
        }
    }

    @Override
    protected void update(long t) {
        if (maxNorm > 0) {
            GradientClipping.clipByGlobalNorm(parameters(), maxNorm);
        }
        if (clipValue > 0) {
            GradientClipping.clipByValue(parameters(), clipValue);
        }
        inner.step();
    }

    @Override
    protected List<String> stateSlots() {
        return List.of();
    }

    @Override
    public Map<String, Tensor> state() {
        return inner.state();
    }

    @Override
    public void close() {
        super.close();
        inner.close();
    }
}
