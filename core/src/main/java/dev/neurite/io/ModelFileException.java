package dev.neurite.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model or checkpoint file that cannot be read: the message starts with the file's path and
 * says what is wrong, with the byte offset for binary data, e.g.
 * {@code /models/mnist/model-3f2a9c0e1b7d4a65.safetensors: dense2.weight has shape [128, 10], the architecture
 * needs [64, 10]}.
 */
public final class ModelFileException extends IOException {

    private final Path file;

    ModelFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    ModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that is wrong. */
    public Path file() {
        return file;
    }
}
