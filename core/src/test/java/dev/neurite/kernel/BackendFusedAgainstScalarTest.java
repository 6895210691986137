package dev.neurite.kernel;

import static dev.neurite.kernel.KernelTestData.assertClose;
import static dev.neurite.kernel.KernelTestData.assertSameElements;
import static dev.neurite.kernel.KernelTestData.assertUntouched;

import dev.neurite.kernel.KernelTestData.DType;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * Checks the fused kernels of a backend, bias add with activation and softmax cross-entropy,
 * against the scalar reference and against the unfused kernels of the same backend, over the
 * awkward row shapes of {@link BackendAgainstScalarTest} (widths around the vector width, views
 * with {@code ld > cols} whose padding is NaN).
 */
public abstract class BackendFusedAgainstScalarTest extends BackendVectorsAgainstScalarTest {

    /** Extra elements per row beyond {@code cols}, for inputs and outputs. */
    private static final long IN_PAD = 3;
    private static final long OUT_PAD = 5;
    /** Leaky ReLU slope used in the checks. */
    private static final double SLOPE = 0.125;
    /** Allowed error of a softmax probability (the gradient) relative to the scale, and of the loss per row. */
    private static final double CE_GRAD_TOL = 1e-6;
    private static final double CE_LOSS_TOL = 1e-5;

    private int[][] rowShapes() {
        int l = lanes();
        return new int[][] {{0, 5}, {6, 0}, {1, 1}, {3, l - 1}, {4, l}, {2, l + 1}, {128, 10}, {7, 13},
            {5, 207}, {3, 702}, {2, 1024}, {1, 4098}};
    }

    private MemorySegment matrix(DType dt, long rows, long cols, long ld, double lo, double hi) {
        MemorySegment s = data.alloc(dt, IN_OFF + rows * ld + GUARD);
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                dt.set(s, IN_OFF + i * ld + j, lo + (hi - lo) * data.random().nextDouble());
            }
        }
        return s;
    }

    private static void biasActivation(Kernels kk, DType dt, Activation f, MemorySegment out, long outOff, long ldo,
                                       MemorySegment a, long lda, MemorySegment bias, int rows, int cols) {
        if (dt == DType.F32) {
            kk.addRowVectorActivationF32(f, (float) SLOPE, out, outOff, ldo, a, IN_OFF, lda, bias, IN_OFF, rows, cols);
        } else {
            kk.addRowVectorActivationF64(f, SLOPE, out, outOff, ldo, a, IN_OFF, lda, bias, IN_OFF, rows, cols);
        }
    }

    /** The same backend's unfused kernels: bias add, then the activation row by row in place. */
    private static void unfused(Kernels kk, DType dt, Activation f, MemorySegment out, long ldo,
                                MemorySegment a, long lda, MemorySegment bias, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            long o = OUT_OFF + i * ldo;
            if (dt == DType.F32) {
                kk.addRowVectorF32(out, o, ldo, a, IN_OFF + i * lda, lda, bias, IN_OFF, 1, cols);
                kk.activationForwardF32(f, (float) SLOPE, out, o, out, o, cols);
            } else {
                kk.addRowVectorF64(out, o, ldo, a, IN_OFF + i * lda, lda, bias, IN_OFF, 1, cols);
                kk.activationForwardF64(f, SLOPE, out, o, out, o, cols);
            }
        }
    }

    /**
     * Bit-exact for the piecewise-linear activations. Sigmoid and tanh may differ by an ulp even
     * between two runs of one vector kernel: the Vector API's exp runs as a native intrinsic once
     * compiled and in Java before that.
     */
    private static void sameAsUnfused(String at, DType dt, Activation f, MemorySegment want, long wOff,
                                      MemorySegment got, long gOff, long n) {
        if (f != Activation.SIGMOID && f != Activation.TANH) {
            assertSameElements(at, dt, want, wOff, got, gOff, n);
            return;
        }
        for (long j = 0; j < n; j++) {
            double e = dt.get(want, wOff + j);
            assertClose(at + " at " + j, e, dt.get(got, gOff + j), ELEMENTWISE_ULP_TOL * dt.ulp(e));
        }
    }

    @Test
    void addRowVectorActivationEqualsBiasAddThenActivation() {
        for (Activation f : Activation.values()) {
            for (DType dt : DType.values()) {
                for (int[] shape : rowShapes()) {
                    int rows = shape[0];
                    int cols = shape[1];
                    long lda = cols + IN_PAD;
                    long ldo = cols + OUT_PAD;
                    MemorySegment a = matrix(dt, rows, cols, lda, -6, 6);
                    injectSpecials(dt, a, IN_OFF, rows > 0 ? cols : 0);
                    MemorySegment bias = data.uniform(dt, IN_OFF + cols, -2, 2);
                    MemorySegment want = data.alloc(dt, OUT_OFF + rows * ldo + GUARD);
                    MemorySegment ref2 = data.alloc(dt, OUT_OFF + rows * ldo + GUARD);
                    MemorySegment got = data.alloc(dt, OUT_OFF + rows * ldo + GUARD);
                    unfused(k, dt, f, want, ldo, a, lda, bias, rows, cols);
                    biasActivation(ref, dt, f, ref2, OUT_OFF, ldo, a, lda, bias, rows, cols);
                    biasActivation(k, dt, f, got, OUT_OFF, ldo, a, lda, bias, rows, cols);
                    String at = "addRowVectorActivation " + f + " " + dt + " " + rows + "x" + cols;
                    for (long i = 0; i < rows; i++) {
                        long o = OUT_OFF + i * ldo;
                        sameAsUnfused(at + " row " + i, dt, f, want, o, got, o, cols);
                        for (long j = 0; j < cols; j++) {
                            double e = dt.get(ref2, o + j);
                            assertClose(at + " vs reference (" + i + ", " + j + ")", e, dt.get(got, o + j),
                                    ELEMENTWISE_ULP_TOL * dt.ulp(e));
                        }
                        assertUntouched(at, dt, got, o + cols, o + ldo);
                    }
                    assertUntouched(at, dt, got, 0, OUT_OFF);
                    MemorySegment inPlace = data.copy(dt, a, IN_OFF + rows * lda);
                    biasActivation(k, dt, f, inPlace, IN_OFF, lda, inPlace, lda, bias, rows, cols);
                    for (long i = 0; i < rows; i++) {
                        sameAsUnfused(at + " in place row " + i, dt, f, want, OUT_OFF + i * ldo,
                                inPlace, IN_OFF + i * lda, cols);
                    }
                }
            }
        }
    }

    private static double crossEntropy(Kernels kk, DType dt, MemorySegment dZ, long ldd, MemorySegment z, long ldz,
                                       int[] labels, int rows, int cols, double scale) {
        if (dt == DType.F32) {
            return kk.softmaxCrossEntropyF32(dZ, OUT_OFF, ldd, z, IN_OFF, ldz, labels, 1, rows, cols, (float) scale);
        }
        return kk.softmaxCrossEntropyF64(dZ, OUT_OFF, ldd, z, IN_OFF, ldz, labels, 1, rows, cols, scale);
    }

    @Test
    void softmaxCrossEntropyMatchesReferenceAndLogSoftmax() {
        for (DType dt : DType.values()) {
            for (int[] shape : rowShapes()) {
                int rows = shape[0];
                int cols = shape[1];
                if (cols == 0) {
                    continue; // no class to point at
                }
                for (double spread : new double[] {4, 80}) {
                    long ldz = cols + IN_PAD;
                    long ldd = cols + OUT_PAD;
                    MemorySegment z = matrix(dt, rows, cols, ldz, -spread, spread);
                    int[] labels = new int[rows + 1]; // from offset 1
                    for (int i = 0; i < rows; i++) {
                        labels[i + 1] = data.random().nextInt(cols);
                    }
                    double scale = rows == 0 ? 1 : 1.0 / rows;
                    MemorySegment want = data.alloc(dt, OUT_OFF + rows * ldd + GUARD);
                    MemorySegment got = data.alloc(dt, OUT_OFF + rows * ldd + GUARD);
                    double wantLoss = crossEntropy(ref, dt, want, ldd, z, ldz, labels, rows, cols, scale);
                    double gotLoss = crossEntropy(k, dt, got, ldd, z, ldz, labels, rows, cols, scale);
                    String at = "softmaxCrossEntropy " + dt + " " + rows + "x" + cols + " spread " + spread;
                    assertClose(at + " loss", wantLoss, gotLoss, CE_LOSS_TOL * Math.max(1, rows));
                    // the loss is the sum of -log_softmax at the labels
                    MemorySegment logProbs = data.alloc(dt, IN_OFF + rows * ldz);
                    double fromLogSoftmax = 0;
                    for (int i = 0; i < rows; i++) {
                        if (dt == DType.F32) {
                            ref.logSoftmaxRowsF32(logProbs, IN_OFF + i * ldz, ldz, z, IN_OFF + i * ldz, ldz, 1, cols);
                        } else {
                            ref.logSoftmaxRowsF64(logProbs, IN_OFF + i * ldz, ldz, z, IN_OFF + i * ldz, ldz, 1, cols);
                        }
                        fromLogSoftmax -= dt.get(logProbs, IN_OFF + i * ldz + labels[i + 1]);
                    }
                    assertClose(at + " loss vs log-softmax", fromLogSoftmax, gotLoss, CE_LOSS_TOL * Math.max(1, rows));
                    for (long i = 0; i < rows; i++) {
                        long o = OUT_OFF + i * ldd;
                        double rowSum = 0;
                        for (long j = 0; j < cols; j++) {
                            double g = dt.get(got, o + j);
                            assertClose(at + " dZ(" + i + ", " + j + ")", dt.get(want, o + j), g, CE_GRAD_TOL * scale);
                            rowSum += g;
                        }
                        // softmax sums to 1 and the one-hot takes 1 away
                        assertClose(at + " row " + i + " gradient sum", 0, rowSum, cols * CE_GRAD_TOL * scale);
                        assertUntouched(at, dt, got, o + cols, o + ldd);
                    }
                    assertUntouched(at, dt, got, 0, OUT_OFF);
                }
            }
        }
    }
}
