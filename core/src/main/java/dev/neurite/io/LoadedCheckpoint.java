package dev.neurite.io;

import dev.neurite.nn.Sequential;
import dev.neurite.optim.Optimizer;

/**
 * A training state read by {@link Checkpoint#load} or {@link Checkpoint#restore}.
 *
 * @param model the model, with the saved weights, batch-norm statistics and dropout random state
 * @param optimizer the optimizer over the model's parameters, with the saved settings, state and step count
 * @param epoch the number of epochs completed when the checkpoint was saved (the next epoch to run)
 * @param metadata the metadata saved with the model (training history, ...)
 */
public record LoadedCheckpoint(Sequential model, Optimizer optimizer, int epoch, Metadata metadata)
        implements AutoCloseable {

    /** Closes the model. */
    @Override
    public void close() {
        model.close();
    }
}
