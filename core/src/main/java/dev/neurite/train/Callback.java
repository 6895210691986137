package dev.neurite.train;

/**
 * Hooks a {@link Trainer} calls around its loop; every hook does nothing by default.
 *
 * <p>Order within {@link Trainer#fit}: {@code onTrainBegin}, then per epoch
 * {@code onEpochBegin}, {@code onBatchEnd} after every optimizer step, {@code onEpochEnd} after
 * validation; then {@code onTrainEnd}, and last {@code teardown}, which also runs after a failure. Epochs and steps are counted from 0 here (messages for
 * people count from 1). Callbacks run in the order they were added.
 */
public interface Callback {

    /** Before the first epoch; the trainer gives access to the model, optimizer and settings. */
    default void onTrainBegin(Trainer trainer) {
    }

    /** Before the first step of epoch {@code epoch}. */
    default void onEpochBegin(int epoch) {
    }

    /**
     * After step {@code step} of epoch {@code epoch}, whose mini-batch had mean loss {@code loss}.
     * A callback that wants to end training here calls {@link Trainer#stop(String)}; the epoch
     * is then abandoned (no validation, not recorded).
     */
    default void onBatchEnd(int epoch, int step, double loss) {
    }

    /**
     * After epoch {@code epoch} and its validation.
     *
     * @return true to stop training after this epoch (or call {@link Trainer#stop(String)} to
     *     give the reason)
     */
    default boolean onEpochEnd(int epoch, EpochLogs logs) {
        return false;
    }

    /** After the last epoch, or after a stop; not called when training fails with an exception. */
    default void onTrainEnd(History history) {
    }

    /**
     * Last of all, whether training ended normally or with an exception: frees what the callback
     * allocated for this fit (weight snapshots), so that nothing outlives the fit.
     */
    default void teardown() {
    }
}
