package dev.neurite.report;

import java.awt.Color;

/**
 * Colours that stay distinguishable with the common forms of colour blindness: the Okabe-Ito
 * qualitative set (yellow darkened to read on white) for lines, and a single-hue blue ramp
 * (ColorBrewer "Blues") for heatmaps.
 */
final class Palette {

    /** Series colours in the order they are handed out. */
    private static final Color[] QUALITATIVE = {
        new Color(0x0072B2), // blue
        new Color(0xE69F00), // orange
        new Color(0x009E73), // bluish green
        new Color(0xD55E00), // vermillion
        new Color(0xCC79A7), // reddish purple
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
        new Color(0xB59B00), // yellow, darkened
    };

    /** ColorBrewer Blues, 9 classes, light to dark. */
    private static final Color[] BLUES = {
        new Color(0xf7fbff), new Color(0xdeebf7), new Color(0xc6dbef), new Color(0x9ecae1),
        new Color(0x6baed6), new Color(0x4292c6), new Color(0x2171b5), new Color(0x08519c),
        new Color(0x08306b),
    };

    static final Color TRAIN = QUALITATIVE[0];
    static final Color VALIDATION = QUALITATIVE[3];

    private Palette() {
    }

    /** Number of distinct colours before {@link #series} repeats them. */
    static int size() {
        return QUALITATIVE.length;
    }

    /** Colour of series {@code i}; callers vary the line style once the colours repeat. */
    static Color series(int i) {
        return QUALITATIVE[i % QUALITATIVE.length];
    }

    /** The blue ramp at {@code t} in {@code [0, 1]}, interpolated between its stops. */
    static Color blues(double t) {
        double clamped = Math.min(1, Math.max(0, Double.isNaN(t) ? 0 : t));
        double pos = clamped * (BLUES.length - 1);
        int i = Math.min(BLUES.length - 2, (int) pos);
        double f = pos - i;
        Color a = BLUES[i];
        Color b = BLUES[i + 1];
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
                mix(a.getBlue(), b.getBlue(), f));
    }

    /** Black or white, whichever reads better on {@code background} (WCAG relative luminance). */
    static Color textOn(Color background) {
        double l = 0.2126 * linear(background.getRed()) + 0.7152 * linear(background.getGreen())
                + 0.0722 * linear(background.getBlue());
        // contrast with white (1.05 / (l + 0.05)) against contrast with black ((l + 0.05) / 0.05)
        return 1.05 / (l + 0.05) > (l + 0.05) / 0.05 ? Color.WHITE : ChartCanvas.TEXT;
    }

    /** The colour with {@code alpha} in {@code [0, 1]}. */
    static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * alpha));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
