package dev.neurite.optim.schedule;

import dev.neurite.optim.Optimizer;

/**
 * Lowers the learning rate when the monitored value stops improving, as
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau}. After each epoch the value counts as an
 * improvement if it beats the best so far by the threshold (mode min, relative:
 * {@code value < best * (1 - threshold)}; absolute: {@code value < best - threshold}; mode max
 * mirrors these); otherwise the count of bad epochs grows. When it exceeds {@code patience},
 * {@code lr = max(lr * factor, minLr)} (skipped if that changes it by 1e-8 or less), the count
 * restarts and the next {@code cooldown} epochs count no bad epochs. A NaN value is never an
 * improvement.
 *
 * <p>Defaults: mode min, factor 0.1, patience 10, relative threshold 1e-4, cooldown 0, minLr 0.
 * Settings chain: {@code new ReduceLROnPlateau(opt).factor(0.5).patience(3)}.
 */
public final class ReduceLROnPlateau extends LRScheduler {

    /** Whether lower or higher monitored values are better. */
    public enum Mode { MIN, MAX }

    /** Whether the threshold is relative to the best value or absolute. */
    public enum ThresholdMode { REL, ABS }

    /** Changes of the rate no larger than this are skipped, as in torch. */
    static final double MIN_CHANGE = 1e-8;

    private Mode mode = Mode.MIN;
    private ThresholdMode thresholdMode = ThresholdMode.REL;
    private double factor = 0.1;
    private int patience = 10;
    private double threshold = 1e-4;
    private int cooldown;
    private double minLr;

    private double best = Double.POSITIVE_INFINITY;
    private int badEpochs;
    private int cooldownLeft;

    /** A scheduler with the default settings. */
    public ReduceLROnPlateau(Optimizer optimizer) {
        super(optimizer);
    }

    /** Sets whether lower ({@code MIN}) or higher ({@code MAX}) values are better; resets the best value. */
    public ReduceLROnPlateau mode(Mode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("invalid mode: null");
        }
        this.mode = mode;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        return this;
    }

    /** Sets whether the threshold is relative ({@code REL}) or absolute ({@code ABS}). */
    public ReduceLROnPlateau thresholdMode(ThresholdMode thresholdMode) {
        if (thresholdMode == null) {
            throw new IllegalArgumentException("invalid threshold mode: null");
        }
        this.thresholdMode = thresholdMode;
        return this;
    }

    /** Sets the factor the rate is multiplied by; {@code 0 <= factor < 1}. */
    public ReduceLROnPlateau factor(double factor) {
        if (!(factor >= 0 && factor < 1)) {
            throw new IllegalArgumentException("invalid factor: " + factor + " (must be in [0, 1))");
        }
        this.factor = factor;
        return this;
    }

    /** Sets the number of epochs without improvement tolerated; {@code >= 0}. */
    public ReduceLROnPlateau patience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("invalid patience: " + patience + " (must be >= 0)");
        }
        this.patience = patience;
        return this;
    }

    /** Sets the improvement threshold; finite and {@code >= 0}. */
    public ReduceLROnPlateau threshold(double threshold) {
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("invalid threshold: " + threshold + " (must be finite and >= 0)");
        }
        this.threshold = threshold;
        return this;
    }

    /** Sets the number of epochs after a reduction during which no bad epochs are counted; {@code >= 0}. */
    public ReduceLROnPlateau cooldown(int cooldown) {
        if (cooldown < 0) {
            throw new IllegalArgumentException("invalid cooldown: " + cooldown + " (must be >= 0)");
        }
        this.cooldown = cooldown;
        return this;
    }

    /** Sets the lower bound of the rate; finite and {@code >= 0}. */
    public ReduceLROnPlateau minLr(double minLr) {
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("invalid minLr: " + minLr + " (must be finite and >= 0)");
        }
        this.minLr = minLr;
        return this;
    }

    /** The best monitored value so far. */
    public double best() {
        return best;
    }

    /** The number of epochs since the last improvement (or reduction). */
    public int badEpochs() {
        return badEpochs;
    }

    private boolean isBetter(double value) {
        if (mode == Mode.MIN) {
            return thresholdMode == ThresholdMode.REL ? value < best * (1 - threshold) : value < best - threshold;
        }
        return thresholdMode == ThresholdMode.REL ? value > best * (1 + threshold) : value > best + threshold;
    }

    @Override
    public void step(int epochsDone, double monitoredValue) {
        if (isBetter(monitoredValue)) {
            best = monitoredValue;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            double old = optimizer.learningRate();
            double reduced = Math.max(old * factor, minLr);
            if (old - reduced > MIN_CHANGE) {
                optimizer.setLearningRate(reduced);
            }
            cooldownLeft = cooldown;
            badEpochs = 0;
        }
    }
}
