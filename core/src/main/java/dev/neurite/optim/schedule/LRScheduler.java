package dev.neurite.optim.schedule;

import dev.neurite.optim.Optimizer;

/**
 * Changes an optimizer's learning rate between epochs. The trainer calls {@link #step} once
 * after every epoch with the number of epochs done and the monitored value (the validation loss,
 * or the training loss without validation data).
 */
public abstract class LRScheduler {

    protected final Optimizer optimizer;
    protected final double initialLearningRate;

    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        this.initialLearningRate = optimizer.learningRate();
    }

    /** Updates the optimizer's learning rate after {@code epochsDone} epochs. */
    public abstract void step(int epochsDone, double monitoredValue);
}
