package dev.neurite.train;

import dev.neurite.nn.Sequential;
import java.util.Locale;

/**
 * Stops training when the monitored loss ({@link EpochLogs#monitored()}: validation loss, else
 * training loss) has not improved by more than {@code minDelta} for {@code patience} epochs in a
 * row, and optionally puts back the weights of the best epoch when training ends (whether it
 * stopped early or ran out of epochs): the parameters and the layers' state tensors (batch-norm
 * running statistics) together. A NaN loss never counts as an improvement.
 */
public final class EarlyStopping implements Callback {

    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;

    private Trainer trainer;
    private Sequential model;
    private ParameterSnapshot best;
    private double bestValue;
    private int bestEpoch;
    private int lastEpoch;
    private int stoppedEpoch;
    private int waited;

    /** Patience {@code patience}, no minimum improvement, best weights restored. */
    public EarlyStopping(int patience) {
        this(patience, 0, true);
    }

    /**
     * @param patience epochs without improvement before stopping, at least 1
     * @param minDelta how much the monitored loss must fall to count as an improvement, {@code >= 0}
     * @param restoreBestWeights whether to copy the best epoch's weights back at the end
     */
    public EarlyStopping(int patience, double minDelta, boolean restoreBestWeights) {
        if (patience < 1) {
            throw new IllegalArgumentException("invalid early-stopping patience: " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("invalid early-stopping minDelta: " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBestWeights = restoreBestWeights;
    }

    @Override
    public void onTrainBegin(Trainer trainer) {
        this.trainer = trainer;
        if (restoreBestWeights) {
            model = trainer.model();
            best = new ParameterSnapshot(model);
        }
        bestValue = Double.POSITIVE_INFINITY;
        bestEpoch = -1;
        lastEpoch = -1;
        stoppedEpoch = -1;
        waited = 0;
    }

    @Override
    public boolean onEpochEnd(int epoch, EpochLogs logs) {
        lastEpoch = epoch;
        double value = logs.monitored();
        if (value < bestValue - minDelta) {
            bestValue = value;
            bestEpoch = epoch;
            waited = 0;
            if (best != null) {
                best.save();
            }
            return false;
        }
        waited++;
        if (waited < patience) {
            return false;
        }
        stoppedEpoch = epoch;
        String monitored = logs.hasValidation() ? "validation loss" : "training loss";
        trainer.stop(String.format(Locale.ROOT,
                "early stopping after epoch %d: %s did not improve for %d epochs; best %.6g at epoch %d",
                epoch + 1, monitored, patience, bestValue, bestEpoch + 1));
        return true;
    }

    @Override
    public void onTrainEnd(History history) {
        if (best != null && best.holdsValues() && bestEpoch >= 0 && bestEpoch != lastEpoch) {
            best.restore();
        }
    }

    /** Frees the best-weights snapshot of the fit. */
    @Override
    public void teardown() {
        if (best != null) {
            best.close();
            best = null;
        }
    }

    /** The best epoch of the last fit (from 0), or -1 if none improved. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored value of the last fit. */
    public double bestValue() {
        return bestValue;
    }

    /** The epoch after which training was stopped (from 0), or -1 if it was not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }
}
