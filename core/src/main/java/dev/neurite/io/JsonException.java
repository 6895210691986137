package dev.neurite.io;

/**
 * Malformed JSON: the message says what was expected, and {@link #offset()} is the character
 * offset in the text where the problem was found.
 */
public final class JsonException extends IllegalArgumentException {

    private final int offset;

    JsonException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** Character offset into the parsed text. */
    public int offset() {
        return offset;
    }
}
