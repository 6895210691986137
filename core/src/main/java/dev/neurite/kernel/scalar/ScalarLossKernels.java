package dev.neurite.kernel.scalar;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.neurite.kernel.PointwiseLoss;
import java.lang.foreign.MemorySegment;

/**
 * Losses with their gradients, and the random keep-masks of dropout, on host memory: the one
 * implementation every host backend uses (no backend has anything faster for them, so they stay
 * out of the {@code Kernels} contract). The device kernels in {@code losses.cl} follow these
 * formulas, and draw the same masks from the same counter-based generator.
 */
public final class ScalarLossKernels {

    /** Bits of the uniform draw a keep decision compares: 24, exact in float. */
    private static final int DRAW_BITS = 24;

    private ScalarLossKernels() {
    }

    /**
     * {@code dP[i] = scale * d term_i / d p_i} for {@code i < n} and returns {@code sum_i term_i},
     * terms as {@link PointwiseLoss} defines them, computed in double.
     */
    public static double pointwiseF32(PointwiseLoss loss, MemorySegment dP, long dPOff, MemorySegment p, long pOff,
                                      MemorySegment t, long tOff, long n, double scale) {
        return pointwise(false, loss, dP, dPOff, p, pOff, t, tOff, n, scale);
    }

    /** Double-precision {@link #pointwiseF32}. */
    public static double pointwiseF64(PointwiseLoss loss, MemorySegment dP, long dPOff, MemorySegment p, long pOff,
                                      MemorySegment t, long tOff, long n, double scale) {
        return pointwise(true, loss, dP, dPOff, p, pOff, t, tOff, n, scale);
    }

    // Losses are not hot loops: one body reads either precision through get and set
    private static double pointwise(boolean f64, PointwiseLoss loss, MemorySegment dP, long dPOff, MemorySegment p,
                                    long pOff, MemorySegment t, long tOff, long n, double scale) {
        double total = 0;
        for (long i = 0; i < n; i++) {
            double pi = get(f64, p, pOff + i);
            double ti = get(f64, t, tOff + i);
            total += term(loss, pi, ti);
            set(f64, dP, dPOff + i, derivative(loss, pi, ti) * scale);
        }
        return total;
    }

    private static double get(boolean f64, MemorySegment s, long i) {
        return f64 ? s.getAtIndex(JAVA_DOUBLE, i) : s.getAtIndex(JAVA_FLOAT, i);
    }

    private static void set(boolean f64, MemorySegment s, long i, double v) {
        if (f64) {
            s.setAtIndex(JAVA_DOUBLE, i, v);
        } else {
            s.setAtIndex(JAVA_FLOAT, i, (float) v);
        }
    }

    /** The term of one element. */
    public static double term(PointwiseLoss loss, double p, double t) {
        return switch (loss) {
            case ABSOLUTE_ERROR -> Double.isFinite(t) ? Math.abs(p - t) : Double.NaN;
            case BINARY_CROSS_ENTROPY -> probability(p) && probability(t)
                    ? -(t * Math.max(Math.log(p), PointwiseLoss.LOG_FLOOR)
                        + (1 - t) * Math.max(Math.log1p(-p), PointwiseLoss.LOG_FLOOR))
                    : Double.NaN;
            case BINARY_CROSS_ENTROPY_WITH_LOGITS -> probability(t)
                    ? Math.max(p, 0) - p * t + Math.log1p(Math.exp(-Math.abs(p)))
                    : Double.NaN;
        };
    }

    /** The derivative of one element's term by its prediction. */
    public static double derivative(PointwiseLoss loss, double p, double t) {
        return switch (loss) {
            case ABSOLUTE_ERROR -> Math.signum(p - t);
            case BINARY_CROSS_ENTROPY -> (p - t) / Math.max(p * (1 - p), PointwiseLoss.GRAD_EPS);
            case BINARY_CROSS_ENTROPY_WITH_LOGITS -> sigmoid(p) - t;
        };
    }

    private static boolean probability(double v) {
        return v >= 0 && v <= 1;
    }

    /** Logistic sigmoid without overflow for large {@code |z|}. */
    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /**
     * Multi-class hinge loss (Weston-Watkins) of scores {@code s} ({@code rows x cols}) against
     * class indices {@code labels[i]}: returns {@code sum_i sum_{j != y_i} max(0, s_ij - s_iy_i + margin)}
     * and writes {@code dS[i, j] = w} for every active term, {@code dS[i, y_i] = -w * active_i}, 0 elsewhere.
     */
    public static double multiClassHingeF32(MemorySegment dS, long dSOff, long ldd, MemorySegment s, long sOff,
                                            long lds, int[] labels, int rows, int cols, double margin, double w) {
        return multiClassHinge(false, dS, dSOff, ldd, s, sOff, lds, labels, rows, cols, margin, w);
    }

    /** Double-precision {@link #multiClassHingeF32}. */
    public static double multiClassHingeF64(MemorySegment dS, long dSOff, long ldd, MemorySegment s, long sOff,
                                            long lds, int[] labels, int rows, int cols, double margin, double w) {
        return multiClassHinge(true, dS, dSOff, ldd, s, sOff, lds, labels, rows, cols, margin, w);
    }

    private static double multiClassHinge(boolean f64, MemorySegment dS, long dSOff, long ldd, MemorySegment s,
                                          long sOff, long lds, int[] labels, int rows, int cols, double margin,
                                          double w) {
        double total = 0;
        for (int i = 0; i < rows; i++) {
            long row = sOff + (long) i * lds;
            long drow = dSOff + (long) i * ldd;
            int y = labels[i];
            double correct = get(f64, s, row + y);
            int active = 0;
            for (int j = 0; j < cols; j++) {
                double g = 0;
                if (j != y) {
                    double m = get(f64, s, row + j) - correct + margin;
                    total += Math.max(0, m);
                    if (m > 0) {
                        g = w;
                        active++;
                    }
                }
                set(f64, dS, drow + j, g);
            }
            set(f64, dS, drow + y, -active * w);
        }
        return total;
    }

    /**
     * The keep threshold of a keep probability: element {@code i} is kept when
     * {@code draw(seed, i) < threshold}, so it is kept with probability {@code threshold / 2^24}.
     */
    public static int keepThreshold(double keep) {
        return (int) Math.round(keep * (1 << DRAW_BITS));
    }

    /**
     * The 24-bit uniform draw of element {@code index} under {@code seed}: SplitMix64's finaliser of
     * {@code seed + (index + 1) * golden}, a counter-based generator, so any element can be drawn
     * on its own, on the host or on a device, with the same result.
     */
    public static int draw(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) (z >>> (64 - DRAW_BITS));
    }

    /** {@code out[i] = draw(seed, i) < threshold ? scale : 0} for {@code i < n}. */
    public static void bernoulliMaskF32(MemorySegment out, long outOff, long n, long seed, int threshold,
                                        double scale) {
        float kept = (float) scale;
        for (long i = 0; i < n; i++) {
            out.setAtIndex(JAVA_FLOAT, outOff + i, draw(seed, i) < threshold ? kept : 0f);
        }
    }

    /** Double-precision {@link #bernoulliMaskF32}. */
    public static void bernoulliMaskF64(MemorySegment out, long outOff, long n, long seed, int threshold,
                                        double scale) {
        for (long i = 0; i < n; i++) {
            out.setAtIndex(JAVA_DOUBLE, outOff + i, draw(seed, i) < threshold ? scale : 0.0);
        }
    }
}
