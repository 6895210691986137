package dev.neurite.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The record of one {@link Trainer#fit}: one {@link EpochLogs} per completed epoch, each metric
 * as a list indexed by epoch, a small text table, and why training stopped early if it did.
 */
public final class History {

    private final List<EpochLogs> epochs = new ArrayList<>();
    private String stopReason;

    void add(EpochLogs logs) {
        epochs.add(logs);
    }

    void stopReason(String reason) {
        this.stopReason = reason;
    }

    /** The completed epochs, in order. */
    public List<EpochLogs> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** Number of completed epochs. */
    public int size() {
        return epochs.size();
    }

    /** The last completed epoch. */
    public EpochLogs last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch was completed");
        }
        return epochs.getLast();
    }

    /**
     * Why training ended before its last epoch (early stopping, another callback), if it did. A
     * diverged run has no history: {@link Trainer#fit} throws {@link TrainingDivergedException}.
     */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /** Mean training loss per epoch. */
    public List<Double> trainLoss() {
        return column(EpochLogs::trainLoss);
    }

    /** Validation loss per epoch (NaN without validation data). */
    public List<Double> validationLoss() {
        return column(EpochLogs::validationLoss);
    }

    /** Training accuracy per epoch (NaN unless classifying). */
    public List<Double> trainAccuracy() {
        return column(EpochLogs::trainAccuracy);
    }

    /** Validation accuracy per epoch (NaN unless classifying with validation data). */
    public List<Double> validationAccuracy() {
        return column(EpochLogs::validationAccuracy);
    }

    /** Learning rate used in each epoch. */
    public List<Double> learningRate() {
        return column(EpochLogs::learningRate);
    }

    /** Wall seconds per epoch. */
    public List<Double> seconds() {
        return column(EpochLogs::seconds);
    }

    private List<Double> column(ToDoubleFunction<EpochLogs> field) {
        return epochs.stream().map(e -> field.applyAsDouble(e)).toList();
    }

    /** The epochs as a text table; columns without values (all NaN) are left out. */
    public String table() {
        boolean trainAcc = epochs.stream().anyMatch(e -> !Double.isNaN(e.trainAccuracy()));
        boolean valLoss = epochs.stream().anyMatch(EpochLogs::hasValidation);
        boolean valAcc = epochs.stream().anyMatch(e -> !Double.isNaN(e.validationAccuracy()));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%6s %12s", "epoch", "loss"));
        if (trainAcc) {
            sb.append(String.format(Locale.ROOT, " %9s", "acc"));
        }
        if (valLoss) {
            sb.append(String.format(Locale.ROOT, " %12s", "val_loss"));
        }
        if (valAcc) {
            sb.append(String.format(Locale.ROOT, " %9s", "val_acc"));
        }
        sb.append(String.format(Locale.ROOT, " %11s %9s%n", "lr", "seconds"));
        for (EpochLogs e : epochs) {
            sb.append(String.format(Locale.ROOT, "%6d %12.6g", e.epoch() + 1, e.trainLoss()));
            if (trainAcc) {
                sb.append(String.format(Locale.ROOT, " %9.4f", e.trainAccuracy()));
            }
            if (valLoss) {
                sb.append(String.format(Locale.ROOT, " %12.6g", e.validationLoss()));
            }
            if (valAcc) {
                sb.append(String.format(Locale.ROOT, " %9.4f", e.validationAccuracy()));
            }
            sb.append(String.format(Locale.ROOT, " %11.4g %9.3f%n", e.learningRate(), e.seconds()));
        }
        if (stopReason != null) {
            sb.append("stopped: ").append(stopReason).append(System.lineSeparator());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return table();
    }
}
