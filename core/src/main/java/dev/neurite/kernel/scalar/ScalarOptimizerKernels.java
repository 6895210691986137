package dev.neurite.kernel.scalar;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.MemorySegment;

/**
 * The reference optimizer updates of {@link ScalarKernels}: one element at a time, each
 * operation rounded in the element type, in the order the {@code Kernels} documentation writes
 * it (no fused multiply-add), so that a vector backend doing the same operations lane-wise gets
 * the same bits.
 */
final class ScalarOptimizerKernels {

    private ScalarOptimizerKernels() {
    }

    private static float f(MemorySegment s, long i) {
        return s.getAtIndex(JAVA_FLOAT, i);
    }

    private static void f(MemorySegment s, long i, float v) {
        s.setAtIndex(JAVA_FLOAT, i, v);
    }

    private static double d(MemorySegment s, long i) {
        return s.getAtIndex(JAVA_DOUBLE, i);
    }

    private static void d(MemorySegment s, long i, double v) {
        s.setAtIndex(JAVA_DOUBLE, i, v);
    }

    /**
     * Optimizer state below the smallest normal value becomes zero: a deliberate difference from
     * IEEE gradual underflow. A moment that decays towards zero (a weight whose gradient stays 0)
     * would otherwise sit in the subnormal range, where every operation on it costs tens of
     * times more; zero is what it tends to and makes no difference to an update.
     */
    static float flush(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    static double flush(double x) {
        return Math.abs(x) < Double.MIN_NORMAL ? 0 : x;
    }

    /** {@code g + weightDecay * w + l1 * sign(w)}, each term only when its coefficient is nonzero. */
    private static float effectiveGradient(float g, float w, float weightDecay, float l1) {
        float d = g;
        if (weightDecay != 0f) {
            d = d + weightDecay * w;
        }
        if (l1 != 0f) {
            d = d + l1 * Math.signum(w);
        }
        return d;
    }

    private static double effectiveGradient(double g, double w, double weightDecay, double l1) {
        double d = g;
        if (weightDecay != 0) {
            d = d + weightDecay * w;
        }
        if (l1 != 0) {
            d = d + l1 * Math.signum(w);
        }
        return d;
    }

    static void sgdF32(MemorySegment w, long wOff, MemorySegment buf, long bufOff, MemorySegment g, long gOff,
                       long n, float lr, float momentum, float dampening, boolean nesterov,
                       float weightDecay, float l1, boolean firstStep) {
        float keep = 1f - dampening;
        for (long i = 0; i < n; i++) {
            float wi = f(w, wOff + i);
            float dir = effectiveGradient(f(g, gOff + i), wi, weightDecay, l1);
            if (momentum != 0f) {
                float b = flush(firstStep ? dir : momentum * f(buf, bufOff + i) + keep * dir);
                f(buf, bufOff + i, b);
                dir = nesterov ? dir + momentum * b : b;
            }
            f(w, wOff + i, wi - lr * dir);
        }
    }

    static void sgdF64(MemorySegment w, long wOff, MemorySegment buf, long bufOff, MemorySegment g, long gOff,
                       long n, double lr, double momentum, double dampening, boolean nesterov,
                       double weightDecay, double l1, boolean firstStep) {
        double keep = 1 - dampening;
        for (long i = 0; i < n; i++) {
            double wi = d(w, wOff + i);
            double dir = effectiveGradient(d(g, gOff + i), wi, weightDecay, l1);
            if (momentum != 0) {
                double b = flush(firstStep ? dir : momentum * d(buf, bufOff + i) + keep * dir);
                d(buf, bufOff + i, b);
                dir = nesterov ? dir + momentum * b : b;
            }
            d(w, wOff + i, wi - lr * dir);
        }
    }

    static void rmspropF32(MemorySegment w, long wOff, MemorySegment sq, long sqOff,
                           MemorySegment gAvg, long gAvgOff, MemorySegment buf, long bufOff,
                           MemorySegment g, long gOff, long n, float lr, float alpha, float eps,
                           float momentum, boolean centered, float weightDecay, float l1) {
        float rest = 1f - alpha;
        for (long i = 0; i < n; i++) {
            float wi = f(w, wOff + i);
            float dir = effectiveGradient(f(g, gOff + i), wi, weightDecay, l1);
            float s = flush(alpha * f(sq, sqOff + i) + rest * dir * dir);
            f(sq, sqOff + i, s);
            float avg;
            if (centered) {
                float ga = flush(alpha * f(gAvg, gAvgOff + i) + rest * dir);
                f(gAvg, gAvgOff + i, ga);
                avg = (float) Math.sqrt(s - ga * ga) + eps;
            } else {
                avg = (float) Math.sqrt(s) + eps;
            }
            if (momentum > 0f) {
                float b = flush(momentum * f(buf, bufOff + i) + dir / avg);
                f(buf, bufOff + i, b);
                f(w, wOff + i, wi - lr * b);
            } else {
                f(w, wOff + i, wi - lr * (dir / avg));
            }
        }
    }

    static void rmspropF64(MemorySegment w, long wOff, MemorySegment sq, long sqOff,
                           MemorySegment gAvg, long gAvgOff, MemorySegment buf, long bufOff,
                           MemorySegment g, long gOff, long n, double lr, double alpha, double eps,
                           double momentum, boolean centered, double weightDecay, double l1) {
        double rest = 1 - alpha;
        for (long i = 0; i < n; i++) {
            double wi = d(w, wOff + i);
            double dir = effectiveGradient(d(g, gOff + i), wi, weightDecay, l1);
            double s = flush(alpha * d(sq, sqOff + i) + rest * dir * dir);
            d(sq, sqOff + i, s);
            double avg;
            if (centered) {
                double ga = flush(alpha * d(gAvg, gAvgOff + i) + rest * dir);
                d(gAvg, gAvgOff + i, ga);
                avg = Math.sqrt(s - ga * ga) + eps;
            } else {
                avg = Math.sqrt(s) + eps;
            }
            if (momentum > 0) {
                double b = flush(momentum * d(buf, bufOff + i) + dir / avg);
                d(buf, bufOff + i, b);
                d(w, wOff + i, wi - lr * b);
            } else {
                d(w, wOff + i, wi - lr * (dir / avg));
            }
        }
    }

    static void adamF32(MemorySegment w, long wOff, MemorySegment m, long mOff, MemorySegment v, long vOff,
                        MemorySegment g, long gOff, long n, float stepSize, float beta1, float beta2,
                        float eps, float biasCorrection2Sqrt, float weightDecay, float l1, float decay) {
        float rest1 = 1f - beta1;
        float rest2 = 1f - beta2;
        for (long i = 0; i < n; i++) {
            float wi = f(w, wOff + i) * decay;
            float dir = effectiveGradient(f(g, gOff + i), wi, weightDecay, l1);
            float mi = flush(beta1 * f(m, mOff + i) + rest1 * dir);
            float vi = flush(beta2 * f(v, vOff + i) + rest2 * dir * dir);
            f(m, mOff + i, mi);
            f(v, vOff + i, vi);
            float denom = (float) Math.sqrt(vi) / biasCorrection2Sqrt + eps;
            f(w, wOff + i, wi - stepSize * (mi / denom));
        }
    }

    static void adamF64(MemorySegment w, long wOff, MemorySegment m, long mOff, MemorySegment v, long vOff,
                        MemorySegment g, long gOff, long n, double stepSize, double beta1, double beta2,
                        double eps, double biasCorrection2Sqrt, double weightDecay, double l1, double decay) {
        double rest1 = 1 - beta1;
        double rest2 = 1 - beta2;
        for (long i = 0; i < n; i++) {
            double wi = d(w, wOff + i) * decay;
            double dir = effectiveGradient(d(g, gOff + i), wi, weightDecay, l1);
            double mi = flush(beta1 * d(m, mOff + i) + rest1 * dir);
            double vi = flush(beta2 * d(v, vOff + i) + rest2 * dir * dir);
            d(m, mOff + i, mi);
            d(v, vOff + i, vi);
            double denom = Math.sqrt(vi) / biasCorrection2Sqrt + eps;
            d(w, wOff + i, wi - stepSize * (mi / denom));
        }
    }

    static void clampF32(MemorySegment out, long outOff, MemorySegment x, long xOff, long n, float lo, float hi) {
        for (long i = 0; i < n; i++) {
            f(out, outOff + i, Math.min(Math.max(f(x, xOff + i), lo), hi));
        }
    }

    static void clampF64(MemorySegment out, long outOff, MemorySegment x, long xOff, long n, double lo, double hi) {
        for (long i = 0; i < n; i++) {
            d(out, outOff + i, Math.min(Math.max(d(x, xOff + i), lo), hi));
        }
    }
}
