package dev.neurite.cli;

import dev.neurite.data.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The test rows of a run, read when first needed: image data is read after training, so that its
 * test set does not take memory beside the training set while the model trains.
 */
final class TestRows implements AutoCloseable {

    /** Reads the rows. */
    @FunctionalInterface
    interface Loader {
        Dataset load() throws IOException;
    }

    private final int size;
    private final Loader loader;
    private Dataset rows;

    private TestRows(int size, Loader loader, Dataset rows) {
        this.size = size;
        this.loader = loader;
        this.rows = rows;
    }

    /** Rows already read. */
    static TestRows of(Dataset rows) {
        return new TestRows(rows.size(), null, rows);
    }

    /** {@code size} rows that {@code loader} reads on first use. */
    static TestRows lazy(int size, Loader loader) {
        return new TestRows(size, loader, null);
    }

    int size() {
        return size;
    }

    synchronized Dataset get() {
        if (rows == null) {
            try {
                rows = loader.load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (rows.size() != size) {
                throw new IllegalStateException("the test set changed while training: " + size + " rows, then "
                        + rows.size());
            }
        }
        return rows;
    }

    /** Frees the rows if they were read. */
    @Override
    public synchronized void close() {
        if (rows != null) {
            rows.close();
        }
    }
}
