package dev.neurite.report;

import java.util.Locale;

/** Number formatting shared by the page and the charts: locale-independent, NaN as a dash. */
final class Formats {

    /** Shown where a value is missing (NaN). */
    static final String MISSING = "\u2014";

    private Formats() {
    }

    /** A metric in {@code [0, 1]}-ish range with four decimals: {@code 0.8923}. */
    static String fixed4(double v) {
        return Double.isNaN(v) ? MISSING : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A fraction as a percentage with two decimals: {@code 89.23%}. */
    static String percent(double v) {
        return Double.isNaN(v) ? MISSING : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    /** A count with thousands separators: {@code 10,000}. */
    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A loss or other unbounded value: six significant digits, no trailing noise. */
    static String general(double v) {
        if (Double.isNaN(v)) {
            return MISSING;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\u221e" : "\u2212\u221e";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.1f", v);
        }
        if (a >= 1e-3) {
            return String.format(Locale.ROOT, "%.4f", v);
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** Seconds as {@code 41.2 s}, {@code 3 min 05 s} or {@code 1 h 02 min}. */
    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return MISSING;
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    /** True when a table cell reads as a number (and is then right-aligned). */
    static boolean looksNumeric(String cell) {
        String s = cell.strip();
        if (s.isEmpty()) {
            return false;
        }
        if (s.endsWith("%") || s.endsWith(" s")) {
            s = s.substring(0, s.length() - (s.endsWith("%") ? 1 : 2)).strip();
        }
        s = s.replace(",", "").replace("\u00b1", "").replace("\u2212", "-");
        if (s.equals(MISSING)) {
            return true;
        }
        for (String part : s.split("\\s+")) {
            try {
                Double.parseDouble(part);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }
}
