package dev.neurite.data;

/**
 * A data file whose contents do not follow its format: a bad IDX header, a truncated file, a
 * ragged CSV row, a cell that is not a number. The message is one line that names the file and
 * the place (byte offset, or line and column) and says what was expected there.
 *
 * <p>An {@link IllegalArgumentException}, so the command line reports it as one line; problems
 * reading the file at all (missing, unreadable) are {@link java.io.IOException}s instead.
 */
public class MalformedDataException extends IllegalArgumentException {

    /** An exception with the given one-line message. */
    public MalformedDataException(String message) {
        super(message);
    }

    /** An exception with the given one-line message and underlying cause. */
    public MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
