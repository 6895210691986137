package dev.neurite.train;

import java.util.Locale;

/**
 * Training diverged: a mini-batch loss was not finite or exploded past the {@link NanGuard}'s
 * bound, or a step left a parameter or a batch-norm running statistic non-finite.
 * {@link Trainer#fit} throws it instead of returning a {@link History}, so a diverged run cannot
 * pass for a trained model.
 *
 * <p>When it is thrown the guard has already put back the last good weights (see
 * {@link #restored()}), parameters and running statistics together, so a caller that catches it
 * holds a finite model, though not a trained one. The optimizer's state (moments, step count) is
 * not put back: to retry, build a new optimizer (with a smaller learning rate).
 *
 * <p>Epochs and steps are counted from 0 here, and from 1 in the message.
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int step;
    private final double loss;
    private final String reason;
    private final String restored;

    /**
     * @param epoch the failing epoch, from 0
     * @param step the failing step within the epoch, from 0
     * @param loss that step's mini-batch loss
     * @param reason what went wrong, starting with the loss ({@code "loss NaN"})
     * @param restored which weights were put back ({@code "the weights from the start of epoch 2"})
     */
    public TrainingDivergedException(int epoch, int step, double loss, String reason, String restored) {
        super(message(epoch, step, reason, restored));
        if (epoch < 0 || step < 0) {
            throw new IllegalArgumentException("invalid epoch " + epoch + " or step " + step);
        }
        if (reason == null || restored == null) {
            throw new IllegalArgumentException("a divergence needs a reason and what was restored");
        }
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
        this.reason = reason;
        this.restored = restored;
    }

    private static String message(int epoch, int step, String reason, String restored) {
        return String.format(Locale.ROOT, "training diverged at epoch %d, step %d: %s; restored %s",
                epoch + 1, step + 1, reason, restored);
    }

    /** The failing epoch, from 0. */
    public int epoch() {
        return epoch;
    }

    /** The failing step within its epoch, from 0. */
    public int step() {
        return step;
    }

    /** The failing step's mini-batch loss (finite when a parameter or statistic was the problem). */
    public double loss() {
        return loss;
    }

    /** What went wrong, starting with the loss, e.g. {@code loss NaN}. */
    public String reason() {
        return reason;
    }

    /** Which weights were put back, e.g. {@code the weights from the start of epoch 2}. */
    public String restored() {
        return restored;
    }
}
