package dev.neurite.optim.schedule;

import dev.neurite.optim.Optimizer;

/**
 * Multiplies the learning rate by {@code gamma} every {@code stepSize} epochs, as
 * {@code torch.optim.lr_scheduler.StepLR}: after {@code e} epochs,
 * {@code lr = lr0 * gamma^floor(e / stepSize)}.
 */
public final class StepLR extends LRScheduler {

    private final int stepSize;
    private final double gamma;

    /**
     * @throws IllegalArgumentException when {@code stepSize < 1} or {@code gamma} is not finite and {@code > 0}
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize < 1) {
            throw new IllegalArgumentException("invalid step size: " + stepSize + " (must be >= 1)");
        }
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("invalid gamma: " + gamma + " (must be finite and > 0)");
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    /** The learning rate after {@code epochsDone} epochs. */
    public double learningRateAt(int epochsDone) {
        return initialLearningRate * Math.pow(gamma, Math.floorDiv(Math.max(0, epochsDone), stepSize));
    }

    @Override
    public void step(int epochsDone, double monitoredValue) {
        optimizer.setLearningRate(learningRateAt(epochsDone));
    }
}
