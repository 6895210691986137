package dev.neurite.tensor;

/**
 * A request for more memory than Neurite may have, refused before anything was allocated (see
 * {@link NativeMemory}); the message names the request and the sizes.
 */
public final class MemoryLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A refusal with the given one-line message. */
    public MemoryLimitException(String message) {
        super(message);
    }
}
