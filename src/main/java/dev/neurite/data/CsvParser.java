package dev.neurite.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records of fields (RFC 4180 basics): fields separated by a delimiter,
 * records by LF, CRLF or CR; a field in double quotes may hold the delimiter, line breaks and
 * doubled quotes ({@code ""} stands for {@code "}). Unquoted fields are trimmed of surrounding
 * blanks; quoted fields are kept exactly. Tracks the line on which each record starts.
 */
final class CsvParser {

    private final String file;
    private final String text;
    private final char delimiter;
    private int pos;
    private int line = 1;
    private int recordLine;
    private boolean quotedLast; // whether the field last read was quoted

    CsvParser(String file, String text, char delimiter) {
        this.file = file;
        // a UTF-8 byte order mark is not part of the first column's name
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.delimiter = delimiter;
    }

    /** The line (1-based) on which the record last returned by {@link #next()} starts. */
    int recordLine() {
        return recordLine;
    }

    /** The next record, or null at the end of the text; blank lines are skipped. */
    List<String> next() {
        while (pos < text.length()) {
            recordLine = line;
            List<String> fields = new ArrayList<>();
            boolean more = true;
            while (more) {
                more = field(fields);
            }
            if (fields.size() == 1 && fields.get(0).isEmpty() && !quotedLast) {
                continue; // a blank line
            }
            return fields;
        }
        return null;
    }

    /** Reads one field into {@code fields}; true when another field of the same record follows. */
    private boolean field(List<String> fields) {
        int start = pos;
        // leading blanks before an opening quote are allowed
        int probe = pos;
        while (probe < text.length() && isBlank(text.charAt(probe))) {
            probe++;
        }
        if (probe < text.length() && text.charAt(probe) == '"') {
            quotedLast = true;
            return quoted(fields, probe);
        }
        quotedLast = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == delimiter) {
                fields.add(text.substring(start, pos).strip());
                pos++;
                return true;
            }
            if (c == '\n' || c == '\r') {
                fields.add(text.substring(start, pos).strip());
                endOfLine();
                return false;
            }
            pos++;
        }
        fields.add(text.substring(start).strip());
        return false;
    }

    private boolean quoted(List<String> fields, int quote) {
        int openLine = line;
        StringBuilder value = new StringBuilder();
        pos = quote + 1;
        while (true) {
            if (pos >= text.length()) {
                throw new MalformedDataException(file + ":" + openLine + ": field " + (fields.size() + 1)
                        + " opens a quote that is never closed (expected a closing \")");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                    value.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            if (c == '\n' || (c == '\r' && !(pos + 1 < text.length() && text.charAt(pos + 1) == '\n'))) {
                line++;
            }
            value.append(c);
            pos++;
        }
        fields.add(value.toString());
        while (pos < text.length() && isBlank(text.charAt(pos))) {
            pos++;
        }
        if (pos >= text.length()) {
            return false;
        }
        char c = text.charAt(pos);
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

    private void endOfLine() {
        if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
            pos++;
        }
        pos++;
        line++;
    }

    private boolean isBlank(char c) {
        return (c == ' ' || c == '\t') && c != delimiter;
    }
}
