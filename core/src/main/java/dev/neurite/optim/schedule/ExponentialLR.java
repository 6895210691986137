package dev.neurite.optim.schedule;

import dev.neurite.optim.Optimizer;

/**
 * Exponential decay with a continuous exponent: after {@code e} epochs,
 * {@code lr = lr0 * rate^(e / stepEpochs)}, so the rate is multiplied by {@code rate} over
 * every {@code stepEpochs} epochs, smoothly in between. With {@code stepEpochs = 1} this is
 * {@code torch.optim.lr_scheduler.ExponentialLR(gamma = rate)}; for other steps it equals
 * torch's ExponentialLR with {@code gamma = rate^(1 / stepEpochs)} (a staircase decay is
 * {@link StepLR}).
 */
public final class ExponentialLR extends LRScheduler {

    private final double rate;
    private final double stepEpochs;

    /** {@code lr = lr0 * rate^epochs}, as torch's ExponentialLR. */
    public ExponentialLR(Optimizer optimizer, double rate) {
        this(optimizer, rate, 1);
    }

    /**
     * @throws IllegalArgumentException when {@code rate} or {@code stepEpochs} is not finite and {@code > 0}
     */
    public ExponentialLR(Optimizer optimizer, double rate, double stepEpochs) {
        super(optimizer);
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("invalid decay rate: " + rate + " (must be finite and > 0)");
        }
        if (!(stepEpochs > 0) || Double.isInfinite(stepEpochs)) {
            throw new IllegalArgumentException("invalid step: " + stepEpochs + " epochs (must be finite and > 0)");
        }
        this.rate = rate;
        this.stepEpochs = stepEpochs;
    }

    /** The learning rate after {@code epochsDone} epochs. */
    public double learningRateAt(int epochsDone) {
        return initialLearningRate * Math.pow(rate, Math.max(0, epochsDone) / stepEpochs);
    }

    @Override
    public void step(int epochsDone, double monitoredValue) {
        optimizer.setLearningRate(learningRateAt(epochsDone));
    }
}
