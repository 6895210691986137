package dev.neurite.kernel.scalar;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.neurite.kernel.Activation;
import java.lang.foreign.MemorySegment;

/**
 * The fused kernels of {@link ScalarKernels}: bias add with activation, and softmax
 * cross-entropy with its gradient. Public because other backends use them for shapes too small
 * to vectorize (a 10-class softmax row is shorter than most vectors).
 */
public final class ScalarFusedKernels {

    private ScalarFusedKernels() {
    }

    private static float f(MemorySegment s, long i) {
        return s.getAtIndex(JAVA_FLOAT, i);
    }

    private static double d(MemorySegment s, long i) {
        return s.getAtIndex(JAVA_DOUBLE, i);
    }

    /** {@code out[i, j] = f(a[i, j] + bias[j])}, the sum rounded to float first. */
    public static void addRowVectorActivationF32(Activation fn, float slope, MemorySegment out, long outOff,
                                                 long ldOut, MemorySegment a, long aOff, long lda,
                                                 MemorySegment bias, long biasOff, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                float sum = f(a, aOff + i * lda + j) + f(bias, biasOff + j);
                out.setAtIndex(JAVA_FLOAT, outOff + i * ldOut + j, (float) ScalarKernels.forward(fn, slope, sum));
            }
        }
    }

    /** Double-precision {@link #addRowVectorActivationF32}. */
    public static void addRowVectorActivationF64(Activation fn, double slope, MemorySegment out, long outOff,
                                                 long ldOut, MemorySegment a, long aOff, long lda,
                                                 MemorySegment bias, long biasOff, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                double sum = d(a, aOff + i * lda + j) + d(bias, biasOff + j);
                out.setAtIndex(JAVA_DOUBLE, outOff + i * ldOut + j, ScalarKernels.forward(fn, slope, sum));
            }
        }
    }

    /**
     * Softmax cross-entropy and its gradient (see {@code Kernels.softmaxCrossEntropyF32}). Each
     * row takes three passes over its {@code cols} logits: the maximum; the exponentials, kept in
     * {@code dZ}, and their sum (in double); then the scaled gradient. The loss sums in double.
     */
    public static double softmaxCrossEntropyF32(MemorySegment dZ, long dZOff, long ldd, MemorySegment z, long zOff,
                                                long ldz, int[] labels, int labelsOff, int rows, int cols,
                                                float scale) {
        double loss = 0;
        for (long i = 0; i < rows; i++) {
            long zr = zOff + i * ldz;
            long dr = dZOff + i * ldd;
            float max = Float.NEGATIVE_INFINITY;
            for (long j = 0; j < cols; j++) {
                max = Math.max(max, f(z, zr + j));
            }
            double sum = 0;
            for (long j = 0; j < cols; j++) {
                float e = (float) Math.exp(f(z, zr + j) - max);
                dZ.setAtIndex(JAVA_FLOAT, dr + j, e);
                sum += e;
            }
            int label = labels[labelsOff + (int) i];
            loss += max + Math.log(sum) - f(z, zr + label);
            float inv = (float) (1 / sum);
            for (long j = 0; j < cols; j++) {
                float p = f(dZ, dr + j) * inv;
                dZ.setAtIndex(JAVA_FLOAT, dr + j, scale * (j == label ? p - 1f : p));
            }
        }
        return loss;
    }

    /** Double-precision {@link #softmaxCrossEntropyF32}. */
    public static double softmaxCrossEntropyF64(MemorySegment dZ, long dZOff, long ldd, MemorySegment z, long zOff,
                                                long ldz, int[] labels, int labelsOff, int rows, int cols,
                                                double scale) {
        double loss = 0;
        for (long i = 0; i < rows; i++) {
            long zr = zOff + i * ldz;
            long dr = dZOff + i * ldd;
            double max = Double.NEGATIVE_INFINITY;
            for (long j = 0; j < cols; j++) {
                max = Math.max(max, d(z, zr + j));
            }
            double sum = 0;
            for (long j = 0; j < cols; j++) {
                double e = Math.exp(d(z, zr + j) - max);
                dZ.setAtIndex(JAVA_DOUBLE, dr + j, e);
                sum += e;
            }
            int label = labels[labelsOff + (int) i];
            loss += max + Math.log(sum) - d(z, zr + label);
            for (long j = 0; j < cols; j++) {
                double p = d(dZ, dr + j) / sum;
                dZ.setAtIndex(JAVA_DOUBLE, dr + j, scale * (j == label ? p - 1 : p));
            }
        }
        return loss;
    }
}
