package dev.neurite.train;

import dev.neurite.optim.schedule.LRScheduler;

/**
 * Steps a learning-rate schedule after every epoch with the number of epochs done and the
 * monitored value ({@link EpochLogs#monitored()}: validation loss, else training loss).
 * {@link Trainer#scheduler} adds one of these.
 */
public final class LRSchedulerCallback implements Callback {

    private final LRScheduler scheduler;

    /** A callback stepping {@code scheduler}. */
    public LRSchedulerCallback(LRScheduler scheduler) {
        if (scheduler == null) {
            throw new IllegalArgumentException("LRSchedulerCallback needs a scheduler");
        }
        this.scheduler = scheduler;
    }

    /** The schedule this callback steps. */
    public LRScheduler scheduler() {
        return scheduler;
    }

    @Override
    public boolean onEpochEnd(int epoch, EpochLogs logs) {
        scheduler.step(epoch + 1, logs.monitored());
        return false;
    }
}
