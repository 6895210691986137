package dev.neurite.data;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits CSV text into records of fields (RFC 4180 basics): fields separated by a delimiter,
 * records by LF, CRLF or CR; a field in double quotes may hold the delimiter, line breaks and
 * doubled quotes ({@code ""} stands for {@code "}). Unquoted fields are trimmed of surrounding
 * blanks; quoted fields are kept exactly. Tracks the line on which each record starts.
 *
 * <p>Reads its input as a stream through a fixed buffer (grown only for a field longer than the
 * buffer), so a file of any size is parsed in bounded memory; line numbers are {@code long}.
 */
final class CsvParser {

    private static final int BUFFER_CHARS = 1 << 16;

    private final String file;
    private final Reader in;
    private final char delimiter;
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder quotedValue = new StringBuilder();
    private char[] buffer = new char[BUFFER_CHARS];
    private int pos;
    private int limit;
    private int mark = -1; // start of the unquoted field being read, kept across refills; -1 for none
    private boolean end;
    private boolean started;
    private long line = 1;
    private long recordLine;
    private boolean quotedLast; // whether the field last read was quoted

    /** A parser of {@code in} (decoded text, which the caller closes); {@code file} names it in messages. */
    CsvParser(String file, Reader in, char delimiter) {
        this.file = file;
        this.in = in;
        this.delimiter = delimiter;
    }

    /** A parser of in-memory {@code text}. */
    CsvParser(String file, String text, char delimiter) {
        this(file, new StringReader(text), delimiter);
    }

    /** The line (1-based) on which the record last returned by {@link #next()} starts. */
    long recordLine() {
        return recordLine;
    }

    /**
     * The next record, or null at the end of the input; blank lines are skipped. The list is
     * reused by the next call: copy it to keep it.
     */
    List<String> next() throws IOException {
        if (!started) {
            started = true;
            // a UTF-8 byte order mark is not part of the first column's name
            if (more() && buffer[pos] == '\uFEFF') {
                pos++;
            }
        }
        while (more()) {
            recordLine = line;
            fields.clear();
            boolean another = true;
            while (another) {
                another = field();
            }
            if (fields.size() == 1 && fields.get(0).isEmpty() && !quotedLast) {
                continue; // a blank line
            }
            return fields;
        }
        return null;
    }

    /** Reads one field into {@code fields}; true when another field of the same record follows. */
    private boolean field() throws IOException {
        mark = pos;
        // leading blanks before an opening quote are allowed
        while (more() && isBlank(buffer[pos])) {
            pos++;
        }
        if (more() && buffer[pos] == '"') {
            mark = -1;
            quotedLast = true;
            return quoted();
        }
        quotedLast = false;
        while (more()) {
            char c = buffer[pos];
            if (c == delimiter) {
                addMarked();
                pos++;
                return true;
            }
            if (c == '\n' || c == '\r') {
                addMarked();
                endOfLine();
                return false;
            }
            pos++;
        }
        addMarked();
        return false;
    }

    private void addMarked() {
        fields.add(new String(buffer, mark, pos - mark).strip());
        mark = -1;
    }

    private boolean quoted() throws IOException {
        long openLine = line;
        StringBuilder value = quotedValue;
        value.setLength(0);
        pos++; // the opening quote
        while (true) {
            if (!more()) {
                throw new MalformedDataException(file + ":" + openLine + ": field " + (fields.size() + 1)
                        + " opens a quote that is never closed (expected a closing \")");
            }
            char c = buffer[pos++];
            if (c == '"') {
                if (more() && buffer[pos] == '"') {
                    value.append('"');
                    pos++;
                    continue;
                }
                break;
            }
            // CRLF counts as one line break, at its LF
            if (c == '\n' || (c == '\r' && !(more() && buffer[pos] == '\n'))) {
                line++;
            }
            value.append(c);
        }
        fields.add(value.toString());
        while (more() && isBlank(buffer[pos])) {
            pos++;
        }
        if (!more()) {
            return false;
        }
        char c = buffer[pos];
        if (c == delimiter) {
            pos++;
            return true;
        }
        if (c == '\n' || c == '\r') {
            endOfLine();
            return false;
        }
        throw new MalformedDataException(file + ":" + line + ": field " + fields.size() + " has '" + c
                + "' after its closing quote; expected the delimiter '" + delimiter + "' or the end of the line");
    }

    private void endOfLine() throws IOException {
        char c = buffer[pos++];
        if (c == '\r' && more() && buffer[pos] == '\n') {
            pos++;
        }
        line++;
    }

    /**
     * Whether a character is available at {@code pos}, reading more input when the buffer is used
     * up; the field being read (from {@code mark}) moves to the front of the buffer.
     */
    private boolean more() throws IOException {
        if (pos < limit) {
            return true;
        }
        if (end) {
            return false;
        }
        int keep = mark >= 0 ? mark : pos;
        if (keep > 0) {
            System.arraycopy(buffer, keep, buffer, 0, limit - keep);
            limit -= keep;
            pos -= keep;
            if (mark >= 0) {
                mark = 0;
            }
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.multiplyExact(buffer.length, 2)); // one field fills the buffer
        }
        int n;
        try {
            n = in.read(buffer, limit, buffer.length - limit);
        } catch (CharacterCodingException e) {
            // the decoder reads ahead, so the line is not known exactly
            throw new MalformedDataException(file + ": not UTF-8 text (" + e + ")", e);
        }
        if (n < 0) {
            end = true;
            return false;
        }
        limit += n;
        return pos < limit;
    }

    private boolean isBlank(char c) {
        return (c == ' ' || c == '\t') && c != delimiter;
    }
}
