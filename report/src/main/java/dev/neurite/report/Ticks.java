package dev.neurite.report;

import java.util.Locale;

/**
 * Round tick values covering a data range: steps of 1, 2, 2.5 or 5 times a power of ten, and
 * labels with as many decimals as the step needs.
 *
 * @param lo the low end of the axis (at or below the data minimum)
 * @param hi the high end of the axis (at or above the data maximum)
 * @param step distance between ticks
 */
record Ticks(double lo, double hi, double step) {

    /** Ticks spanning {@code [min, max]} with about {@code target} intervals. */
    static Ticks covering(double min, double max, int target) {
        if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / Math.max(1, target));
        double lo = Math.floor(min / step + 1e-9) * step;
        double hi = Math.ceil(max / step - 1e-9) * step;
        return new Ticks(lo, hi, step);
    }

    /**
     * Integer ticks (epochs) for {@code [min, max]} with about {@code target} intervals; the range
     * reaches {@code pad} beyond both ends so that end points do not sit on the frame.
     */
    static Ticks integers(int min, int max, int target, double pad) {
        double step = Math.ceil(Math.max(1, niceStep((double) Math.max(1, max - min) / Math.max(1, target))));
        return new Ticks(min - pad, max + pad, step);
    }

    /** Fixed ticks {@code lo, lo + step, ..., hi}. */
    static Ticks fixed(double lo, double hi, double step) {
        return new Ticks(lo, hi, step);
    }

    private static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * power;
    }

    /** The multiples of the step in {@code [lo, hi]}, increasing. */
    double[] values() {
        double first = Math.ceil(lo / step - 1e-6) * step;
        int n = Math.max(0, (int) Math.floor((hi - first) / step + 1e-6) + 1);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = first + i * step;
            if (Math.abs(v[i]) < step * 1e-9) {
                v[i] = 0; // no "-0.00"
            }
        }
        return v;
    }

    /** A tick label with the decimals the step needs. */
    String label(double v) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (step * Math.pow(10, decimals) % 1 > 1e-6) {
            decimals++; // 2.5, 0.25, ...
        }
        if (Math.abs(v) >= 1e5 || (v != 0 && Math.abs(v) < 1e-4)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
