package dev.neurite.train;

/**
 * What one epoch measured. Losses are means over samples. Accuracies are fractions in
 * {@code [0, 1]} for classification (class-index targets with several model outputs) and NaN
 * otherwise; validation values are NaN without validation data.
 *
 * @param epoch the epoch, counted from 0
 * @param trainLoss mean training loss over the epoch's mini-batches (weights changing as it goes)
 * @param trainAccuracy running training accuracy over the epoch, measured like the loss
 * @param validationLoss mean loss on the validation data after the epoch, in evaluation mode
 * @param validationAccuracy accuracy on the validation data after the epoch
 * @param learningRate the learning rate used during the epoch
 * @param seconds wall time of the epoch including validation
 * @param samples training samples seen in the epoch
 */
public record EpochLogs(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                        double validationAccuracy, double learningRate, double seconds, int samples) {

    /** True when the epoch was validated. */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    /**
     * The value early stopping and schedules watch: the validation loss, or the training loss
     * without validation data.
     */
    public double monitored() {
        return hasValidation() ? validationLoss : trainLoss;
    }
}
