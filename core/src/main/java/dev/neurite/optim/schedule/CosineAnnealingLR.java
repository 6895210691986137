package dev.neurite.optim.schedule;

import dev.neurite.optim.Optimizer;

/**
 * Cosine annealing from the initial rate down to {@code etaMin} over {@code tMax} epochs, as
 * {@code torch.optim.lr_scheduler.CosineAnnealingLR}: after {@code e} epochs,
 * {@code lr = etaMin + (lr0 - etaMin) * (1 + cos(pi * e / tMax)) / 2}. Past {@code tMax} the
 * cosine goes on (the rate climbs back to {@code lr0} at {@code 2 * tMax}), as torch's does.
 */
public final class CosineAnnealingLR extends LRScheduler {

    private final int tMax;
    private final double etaMin;

    /**
     * @throws IllegalArgumentException when {@code tMax < 1} or {@code etaMin} is not finite and {@code >= 0}
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax < 1) {
            throw new IllegalArgumentException("invalid tMax: " + tMax + " (must be >= 1)");
        }
        if (!(etaMin >= 0) || Double.isInfinite(etaMin)) {
            throw new IllegalArgumentException("invalid etaMin: " + etaMin + " (must be finite and >= 0)");
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    /** The learning rate after {@code epochsDone} epochs. */
    public double learningRateAt(int epochsDone) {
        double progress = (double) Math.max(0, epochsDone) / tMax;
        return etaMin + (initialLearningRate - etaMin) * (1 + Math.cos(Math.PI * progress)) / 2;
    }

    @Override
    public void step(int epochsDone, double monitoredValue) {
        optimizer.setLearningRate(learningRateAt(epochsDone));
    }
}
