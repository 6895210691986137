package dev.neurite.data;

import dev.neurite.tensor.DType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The cells of a CSV file: what is missing, what is a number, and the messages that name a cell. */
final class CsvCells {

    private static final Set<String> MISSING = Set.of("", "na", "nan");

    private CsvCells() {
    }

    /** An empty cell, {@code NA} or {@code NaN}, in any case. */
    static boolean isMissing(String cell) {
        return cell.length() <= 3 && MISSING.contains(cell.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether {@code s} is a CSV number, as {@link CsvColumns#NUMBER} says
     * ({@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?}), without a regular expression per cell.
     */
    static boolean isNumber(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = digits(s, i);
        i += intDigits;
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            fracDigits = digits(s, i);
            i += fracDigits;
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = digits(s, i);
            if (expDigits == 0) {
                return false;
            }
            i += expDigits;
        }
        return i == n;
    }

    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    /**
     * The number in {@code cell}; one that overflows {@code dtype} (1e999, or 1e39 for float32) is
     * an error, or a missing value (NaN) when {@code overflowIsMissing}.
     */
    static double number(String file, long line, int column, List<String> header, String cell, String what,
                         DType dtype, boolean overflowIsMissing) {
        if (!isNumber(cell)) {
            throw malformed(file, line, column, header, "'" + cell + "' is not a number; expected a numeric " + what);
        }
        double v = Double.parseDouble(cell);
        if (Double.isInfinite(v) || (dtype == DType.F32 && Math.abs(v) > Float.MAX_VALUE)) {
            if (overflowIsMissing) {
                return Double.NaN;
            }
            throw malformed(file, line, column, header, "'" + cell + "' overflows " + (dtype == DType.F32 ? "float32"
                    : "float64") + "; expected a finite " + what);
        }
        return v;
    }

    /** A problem with one cell: {@code FILE:LINE, column N ('name'): what}. */
    static MalformedDataException malformed(String file, long line, int column, List<String> header, String what) {
        return new MalformedDataException(file + ":" + line + ", column " + (column + 1) + " ('" + header.get(column)
                + "'): " + what);
    }
}
