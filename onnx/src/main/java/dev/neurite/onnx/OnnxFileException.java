package dev.neurite.onnx;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An ONNX file that cannot be read or mapped: the message starts with the file's path and says
 * what is wrong, naming the node and its operator, or the byte offset of corrupt data, e.g.
 * {@code model.onnx: Conv node "conv1": operator Conv has no Neurite layer; supported: ...}.
 */
public final class OnnxFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    OnnxFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that is wrong. */
    public Path file() {
        return file;
    }
}
