package dev.neurite.io;

import dev.neurite.nn.Sequential;

/**
 * A model read by {@link ModelIO#load} and the metadata saved with it. Closing it closes the
 * model.
 *
 * @param model the rebuilt model, with the saved weights and batch-norm statistics
 * @param metadata the saved metadata
 */
public record LoadedModel(Sequential model, Metadata metadata) implements AutoCloseable {

    @Override
    public void close() {
        model.close();
    }
}
