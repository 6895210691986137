package dev.neurite.kernel.scalar;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.RowReduction;
import dev.neurite.kernel.UnaryOp;
import java.lang.foreign.MemorySegment;

/**
 * The reference backend: plain loops, written to be obviously right. Every other backend is
 * tested against it. Sums (GEMM, dot, reductions) accumulate in {@code double} so that the
 * oracle is closer to the exact result than any float32 backend under test.
 */
public final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
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

    // ---------------------------------------------------------------------------------------
    // GEMM / GEMV

    @Override
    public void gemmF32(MemorySegment c, long cOff, long ldc,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment b, long bOff, long ldb, boolean transB,
                        int m, int n, int k, float alpha, float beta) {
        for (long i = 0; i < m; i++) {
            for (long j = 0; j < n; j++) {
                double acc = 0;
                for (long p = 0; p < k; p++) {
                    float av = transA ? f(a, aOff + p * lda + i) : f(a, aOff + i * lda + p);
                    float bv = transB ? f(b, bOff + j * ldb + p) : f(b, bOff + p * ldb + j);
                    acc += (double) av * bv;
                }
                long ci = cOff + i * ldc + j;
                float result = (float) (alpha * acc);
                f(c, ci, beta == 0f ? result : result + beta * f(c, ci));
            }
        }
    }

    @Override
    public void gemmF64(MemorySegment c, long cOff, long ldc,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment b, long bOff, long ldb, boolean transB,
                        int m, int n, int k, double alpha, double beta) {
        for (long i = 0; i < m; i++) {
            for (long j = 0; j < n; j++) {
                double acc = 0;
                for (long p = 0; p < k; p++) {
                    double av = transA ? d(a, aOff + p * lda + i) : d(a, aOff + i * lda + p);
                    double bv = transB ? d(b, bOff + j * ldb + p) : d(b, bOff + p * ldb + j);
                    acc += av * bv;
                }
                long ci = cOff + i * ldc + j;
                d(c, ci, beta == 0 ? alpha * acc : alpha * acc + beta * d(c, ci));
            }
        }
    }

    @Override
    public void gemvF32(MemorySegment y, long yOff,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment x, long xOff, int m, int n, float alpha, float beta) {
        int outLen = transA ? n : m;
        int inLen = transA ? m : n;
        for (long i = 0; i < outLen; i++) {
            double acc = 0;
            for (long p = 0; p < inLen; p++) {
                float av = transA ? f(a, aOff + p * lda + i) : f(a, aOff + i * lda + p);
                acc += (double) av * f(x, xOff + p);
            }
            float result = (float) (alpha * acc);
            f(y, yOff + i, beta == 0f ? result : result + beta * f(y, yOff + i));
        }
    }

    @Override
    public void gemvF64(MemorySegment y, long yOff,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment x, long xOff, int m, int n, double alpha, double beta) {
        int outLen = transA ? n : m;
        int inLen = transA ? m : n;
        for (long i = 0; i < outLen; i++) {
            double acc = 0;
            for (long p = 0; p < inLen; p++) {
                double av = transA ? d(a, aOff + p * lda + i) : d(a, aOff + i * lda + p);
                acc += av * d(x, xOff + p);
            }
            d(y, yOff + i, beta == 0 ? alpha * acc : alpha * acc + beta * d(y, yOff + i));
        }
    }

    // ---------------------------------------------------------------------------------------
    // Vectors

    @Override
    public void axpyF32(MemorySegment y, long yOff, float alpha, MemorySegment x, long xOff, long n) {
        for (long i = 0; i < n; i++) {
            f(y, yOff + i, f(y, yOff + i) + alpha * f(x, xOff + i));
        }
    }

    @Override
    public void axpyF64(MemorySegment y, long yOff, double alpha, MemorySegment x, long xOff, long n) {
        for (long i = 0; i < n; i++) {
            d(y, yOff + i, d(y, yOff + i) + alpha * d(x, xOff + i));
        }
    }

    @Override
    public void scaleF32(MemorySegment out, long outOff, float alpha, MemorySegment x, long xOff, long n) {
        for (long i = 0; i < n; i++) {
            f(out, outOff + i, alpha * f(x, xOff + i));
        }
    }

    @Override
    public void scaleF64(MemorySegment out, long outOff, double alpha, MemorySegment x, long xOff, long n) {
        for (long i = 0; i < n; i++) {
            d(out, outOff + i, alpha * d(x, xOff + i));
        }
    }

    /** The reference definition of each {@link BinaryOp}. */
    public static double apply(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
        };
    }

    /** The reference definition of each {@link UnaryOp}. */
    public static double apply(UnaryOp op, double x) {
        return switch (op) {
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case NEG -> -x;
            case ABS -> Math.abs(x);
        };
    }

    /** The reference definition of each {@link Activation}. */
    public static double forward(Activation f, double slope, double x) {
        return switch (f) {
            case IDENTITY -> x;
            case RELU -> x < 0 ? 0 : x;
            case LEAKY_RELU -> x < 0 ? slope * x : x;
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
        };
    }

    /** The reference derivative of each {@link Activation}, from the output {@code y}. */
    public static double backward(Activation f, double slope, double dY, double y) {
        return switch (f) {
            case IDENTITY -> dY;
            case RELU -> y > 0 ? dY : 0;
            case LEAKY_RELU -> y > 0 ? dY : slope * dY;
            case SIGMOID -> dY * y * (1 - y);
            case TANH -> dY * (1 - y * y);
        };
    }

    @Override
    public void binaryF32(BinaryOp op, MemorySegment out, long outOff,
                          MemorySegment a, long aOff, MemorySegment b, long bOff, long n) {
        for (long i = 0; i < n; i++) {
            // float operands give the exactly rounded float result through double for + - * /
            f(out, outOff + i, (float) apply(op, f(a, aOff + i), f(b, bOff + i)));
        }
    }

    @Override
    public void binaryF64(BinaryOp op, MemorySegment out, long outOff,
                          MemorySegment a, long aOff, MemorySegment b, long bOff, long n) {
        for (long i = 0; i < n; i++) {
            d(out, outOff + i, apply(op, d(a, aOff + i), d(b, bOff + i)));
        }
    }

    @Override
    public void unaryF32(UnaryOp op, MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        for (long i = 0; i < n; i++) {
            f(out, outOff + i, (float) apply(op, f(x, xOff + i)));
        }
    }

    @Override
    public void unaryF64(UnaryOp op, MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        for (long i = 0; i < n; i++) {
            d(out, outOff + i, apply(op, d(x, xOff + i)));
        }
    }

    @Override
    public void activationForwardF32(Activation fn, float slope, MemorySegment y, long yOff,
                                     MemorySegment x, long xOff, long n) {
        for (long i = 0; i < n; i++) {
            f(y, yOff + i, (float) forward(fn, slope, f(x, xOff + i)));
        }
    }

    @Override
    public void activationForwardF64(Activation fn, double slope, MemorySegment y, long yOff,
                                     MemorySegment x, long xOff, long n) {
        for (long i = 0; i < n; i++) {
            d(y, yOff + i, forward(fn, slope, d(x, xOff + i)));
        }
    }

    @Override
    public void activationBackwardF32(Activation fn, float slope, MemorySegment dX, long dXOff,
                                      MemorySegment dY, long dYOff, MemorySegment y, long yOff, long n) {
        for (long i = 0; i < n; i++) {
            f(dX, dXOff + i, (float) backward(fn, slope, f(dY, dYOff + i), f(y, yOff + i)));
        }
    }

    @Override
    public void activationBackwardF64(Activation fn, double slope, MemorySegment dX, long dXOff,
                                      MemorySegment dY, long dYOff, MemorySegment y, long yOff, long n) {
        for (long i = 0; i < n; i++) {
            d(dX, dXOff + i, backward(fn, slope, d(dY, dYOff + i), d(y, yOff + i)));
        }
    }

    @Override
    public float dotF32(MemorySegment x, long xOff, MemorySegment y, long yOff, long n) {
        double acc = 0;
        for (long i = 0; i < n; i++) {
            acc += (double) f(x, xOff + i) * f(y, yOff + i);
        }
        return (float) acc;
    }

    @Override
    public double dotF64(MemorySegment x, long xOff, MemorySegment y, long yOff, long n) {
        double acc = 0;
        for (long i = 0; i < n; i++) {
            acc += d(x, xOff + i) * d(y, yOff + i);
        }
        return acc;
    }

    @Override
    public float sumF32(MemorySegment x, long xOff, long n) {
        double acc = 0;
        for (long i = 0; i < n; i++) {
            acc += f(x, xOff + i);
        }
        return (float) acc;
    }

    @Override
    public double sumF64(MemorySegment x, long xOff, long n) {
        double acc = 0;
        for (long i = 0; i < n; i++) {
            acc += d(x, xOff + i);
        }
        return acc;
    }

    @Override
    public float sumOfSquaresF32(MemorySegment x, long xOff, long n) {
        double acc = 0;
        for (long i = 0; i < n; i++) {
            double v = f(x, xOff + i);
            acc += v * v;
        }
        return (float) acc;
    }

    @Override
    public double sumOfSquaresF64(MemorySegment x, long xOff, long n) {
        double acc = 0;
        for (long i = 0; i < n; i++) {
            double v = d(x, xOff + i);
            acc += v * v;
        }
        return acc;
    }

    // ---------------------------------------------------------------------------------------
    // Matrices

    @Override
    public void addRowVectorF32(MemorySegment out, long outOff, long ldOut,
                                MemorySegment a, long aOff, long lda,
                                MemorySegment bias, long biasOff, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                f(out, outOff + i * ldOut + j, f(a, aOff + i * lda + j) + f(bias, biasOff + j));
            }
        }
    }

    @Override
    public void addRowVectorF64(MemorySegment out, long outOff, long ldOut,
                                MemorySegment a, long aOff, long lda,
                                MemorySegment bias, long biasOff, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                d(out, outOff + i * ldOut + j, d(a, aOff + i * lda + j) + d(bias, biasOff + j));
            }
        }
    }

    @Override
    public void addRowVectorActivationF32(Activation fn, float slope, MemorySegment out, long outOff, long ldOut,
                                          MemorySegment a, long aOff, long lda,
                                          MemorySegment bias, long biasOff, int rows, int cols) {
        ScalarFusedKernels.addRowVectorActivationF32(fn, slope, out, outOff, ldOut, a, aOff, lda, bias, biasOff,
                rows, cols);
    }

    @Override
    public void addRowVectorActivationF64(Activation fn, double slope, MemorySegment out, long outOff, long ldOut,
                                          MemorySegment a, long aOff, long lda,
                                          MemorySegment bias, long biasOff, int rows, int cols) {
        ScalarFusedKernels.addRowVectorActivationF64(fn, slope, out, outOff, ldOut, a, aOff, lda, bias, biasOff,
                rows, cols);
    }

    @Override
    public double softmaxCrossEntropyF32(MemorySegment dZ, long dZOff, long ldd, MemorySegment z, long zOff,
                                         long ldz, int[] labels, int labelsOff, int rows, int cols, float scale) {
        return ScalarFusedKernels.softmaxCrossEntropyF32(dZ, dZOff, ldd, z, zOff, ldz, labels, labelsOff, rows,
                cols, scale);
    }

    @Override
    public double softmaxCrossEntropyF64(MemorySegment dZ, long dZOff, long ldd, MemorySegment z, long zOff,
                                         long ldz, int[] labels, int labelsOff, int rows, int cols, double scale) {
        return ScalarFusedKernels.softmaxCrossEntropyF64(dZ, dZOff, ldd, z, zOff, ldz, labels, labelsOff, rows,
                cols, scale);
    }

    @Override
    public void rowBroadcastF32(BinaryOp op, MemorySegment out, long outOff, long ldOut,
                                MemorySegment a, long aOff, long lda, MemorySegment v, long vOff, int rows, int cols) {
        ScalarBroadcast.f32(true, op, out, outOff, ldOut, a, aOff, lda, v, vOff, rows, cols);
    }

    @Override
    public void rowBroadcastF64(BinaryOp op, MemorySegment out, long outOff, long ldOut,
                                MemorySegment a, long aOff, long lda, MemorySegment v, long vOff, int rows, int cols) {
        ScalarBroadcast.f64(true, op, out, outOff, ldOut, a, aOff, lda, v, vOff, rows, cols);
    }

    @Override
    public void columnBroadcastF32(BinaryOp op, MemorySegment out, long outOff, long ldOut,
                                   MemorySegment a, long aOff, long lda, MemorySegment c, long cOff, int rows,
                                   int cols) {
        ScalarBroadcast.f32(false, op, out, outOff, ldOut, a, aOff, lda, c, cOff, rows, cols);
    }

    @Override
    public void columnBroadcastF64(BinaryOp op, MemorySegment out, long outOff, long ldOut,
                                   MemorySegment a, long aOff, long lda, MemorySegment c, long cOff, int rows,
                                   int cols) {
        ScalarBroadcast.f64(false, op, out, outOff, ldOut, a, aOff, lda, c, cOff, rows, cols);
    }

    @Override
    public void columnSumsF32(MemorySegment out, long outOff,
                              MemorySegment a, long aOff, long lda, int rows, int cols) {
        for (long j = 0; j < cols; j++) {
            double acc = 0;
            for (long i = 0; i < rows; i++) {
                acc += f(a, aOff + i * lda + j);
            }
            f(out, outOff + j, (float) acc);
        }
    }

    @Override
    public void columnSumsF64(MemorySegment out, long outOff,
                              MemorySegment a, long aOff, long lda, int rows, int cols) {
        for (long j = 0; j < cols; j++) {
            double acc = 0;
            for (long i = 0; i < rows; i++) {
                acc += d(a, aOff + i * lda + j);
            }
            d(out, outOff + j, acc);
        }
    }

    @Override
    public void softmaxRowsF32(MemorySegment out, long outOff, long ldOut,
                               MemorySegment x, long xOff, long ldx, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            long xr = xOff + i * ldx;
            long or = outOff + i * ldOut;
            double max = Double.NEGATIVE_INFINITY;
            for (long j = 0; j < cols; j++) {
                max = maxNaN(max, f(x, xr + j));
            }
            double sum = 0;
            for (long j = 0; j < cols; j++) {
                sum += Math.exp(f(x, xr + j) - max);
            }
            for (long j = 0; j < cols; j++) {
                f(out, or + j, (float) (Math.exp(f(x, xr + j) - max) / sum));
            }
        }
    }

    @Override
    public void softmaxRowsF64(MemorySegment out, long outOff, long ldOut,
                               MemorySegment x, long xOff, long ldx, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            long xr = xOff + i * ldx;
            long or = outOff + i * ldOut;
            double max = Double.NEGATIVE_INFINITY;
            for (long j = 0; j < cols; j++) {
                max = maxNaN(max, d(x, xr + j));
            }
            double sum = 0;
            for (long j = 0; j < cols; j++) {
                sum += Math.exp(d(x, xr + j) - max);
            }
            for (long j = 0; j < cols; j++) {
                d(out, or + j, Math.exp(d(x, xr + j) - max) / sum);
            }
        }
    }

    @Override
    public void logSoftmaxRowsF32(MemorySegment out, long outOff, long ldOut,
                                  MemorySegment x, long xOff, long ldx, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            long xr = xOff + i * ldx;
            long or = outOff + i * ldOut;
            double max = Double.NEGATIVE_INFINITY;
            for (long j = 0; j < cols; j++) {
                max = maxNaN(max, f(x, xr + j));
            }
            double sum = 0;
            for (long j = 0; j < cols; j++) {
                sum += Math.exp(f(x, xr + j) - max);
            }
            double logSum = Math.log(sum);
            for (long j = 0; j < cols; j++) {
                f(out, or + j, (float) (f(x, xr + j) - max - logSum));
            }
        }
    }

    @Override
    public void logSoftmaxRowsF64(MemorySegment out, long outOff, long ldOut,
                                  MemorySegment x, long xOff, long ldx, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            long xr = xOff + i * ldx;
            long or = outOff + i * ldOut;
            double max = Double.NEGATIVE_INFINITY;
            for (long j = 0; j < cols; j++) {
                max = maxNaN(max, d(x, xr + j));
            }
            double sum = 0;
            for (long j = 0; j < cols; j++) {
                sum += Math.exp(d(x, xr + j) - max);
            }
            double logSum = Math.log(sum);
            for (long j = 0; j < cols; j++) {
                d(out, or + j, d(x, xr + j) - max - logSum);
            }
        }
    }

    /** {@code Math.max} propagates NaN, which is what the reductions here promise. */
    private static double maxNaN(double a, double b) {
        return Math.max(a, b);
    }

    @Override
    public void rowReduceF32(RowReduction op, MemorySegment out, long outOff,
                             MemorySegment x, long xOff, long ldx, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            long xr = xOff + i * ldx;
            double acc = op == RowReduction.SUM ? 0 : Double.NEGATIVE_INFINITY;
            for (long j = 0; j < cols; j++) {
                float v = f(x, xr + j);
                acc = op == RowReduction.SUM ? acc + v : maxNaN(acc, v);
            }
            f(out, outOff + i, (float) acc);
        }
    }

    @Override
    public void rowReduceF64(RowReduction op, MemorySegment out, long outOff,
                             MemorySegment x, long xOff, long ldx, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            long xr = xOff + i * ldx;
            double acc = op == RowReduction.SUM ? 0 : Double.NEGATIVE_INFINITY;
            for (long j = 0; j < cols; j++) {
                double v = d(x, xr + j);
                acc = op == RowReduction.SUM ? acc + v : maxNaN(acc, v);
            }
            d(out, outOff + i, acc);
        }
    }

    @Override
    public void rowArgmaxF32(MemorySegment out, long outOff,
                             MemorySegment x, long xOff, long ldx, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            long xr = xOff + i * ldx;
            int best = 0;
            float bestValue = cols > 0 ? f(x, xr) : 0f;
            for (int j = 1; j < cols && !Float.isNaN(bestValue); j++) {
                float v = f(x, xr + j);
                if (v > bestValue || Float.isNaN(v)) {
                    best = j;
                    bestValue = v;
                }
            }
            out.setAtIndex(JAVA_INT, outOff + i, best);
        }
    }

    @Override
    public void rowArgmaxF64(MemorySegment out, long outOff,
                             MemorySegment x, long xOff, long ldx, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            long xr = xOff + i * ldx;
            int best = 0;
            double bestValue = cols > 0 ? d(x, xr) : 0;
            for (int j = 1; j < cols && !Double.isNaN(bestValue); j++) {
                double v = d(x, xr + j);
                if (v > bestValue || Double.isNaN(v)) {
                    best = j;
                    bestValue = v;
                }
            }
            out.setAtIndex(JAVA_INT, outOff + i, best);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Optimizer updates

    @Override
    public void sgdUpdateF32(MemorySegment w, long wOff, MemorySegment buf, long bufOff,
                             MemorySegment g, long gOff, long n, float lr, float momentum, float dampening,
                             boolean nesterov, float weightDecay, float l1, boolean firstStep) {
        ScalarOptimizerKernels.sgdF32(w, wOff, buf, bufOff, g, gOff, n, lr, momentum, dampening, nesterov,
                weightDecay, l1, firstStep);
    }

    @Override
    public void sgdUpdateF64(MemorySegment w, long wOff, MemorySegment buf, long bufOff,
                             MemorySegment g, long gOff, long n, double lr, double momentum, double dampening,
                             boolean nesterov, double weightDecay, double l1, boolean firstStep) {
        ScalarOptimizerKernels.sgdF64(w, wOff, buf, bufOff, g, gOff, n, lr, momentum, dampening, nesterov,
                weightDecay, l1, firstStep);
    }

    @Override
    public void rmspropUpdateF32(MemorySegment w, long wOff, MemorySegment sq, long sqOff,
                                 MemorySegment gAvg, long gAvgOff, MemorySegment buf, long bufOff,
                                 MemorySegment g, long gOff, long n, float lr, float alpha, float eps,
                                 float momentum, boolean centered, float weightDecay, float l1) {
        ScalarOptimizerKernels.rmspropF32(w, wOff, sq, sqOff, gAvg, gAvgOff, buf, bufOff, g, gOff, n,
                lr, alpha, eps, momentum, centered, weightDecay, l1);
    }

    @Override
    public void rmspropUpdateF64(MemorySegment w, long wOff, MemorySegment sq, long sqOff,
                                 MemorySegment gAvg, long gAvgOff, MemorySegment buf, long bufOff,
                                 MemorySegment g, long gOff, long n, double lr, double alpha, double eps,
                                 double momentum, boolean centered, double weightDecay, double l1) {
        ScalarOptimizerKernels.rmspropF64(w, wOff, sq, sqOff, gAvg, gAvgOff, buf, bufOff, g, gOff, n,
                lr, alpha, eps, momentum, centered, weightDecay, l1);
    }

    @Override
    public void adamUpdateF32(MemorySegment w, long wOff, MemorySegment m, long mOff, MemorySegment v, long vOff,
                              MemorySegment g, long gOff, long n, float stepSize, float beta1, float beta2,
                              float eps, float biasCorrection2Sqrt, float weightDecay, float l1, float decay) {
        ScalarOptimizerKernels.adamF32(w, wOff, m, mOff, v, vOff, g, gOff, n, stepSize, beta1, beta2, eps,
                biasCorrection2Sqrt, weightDecay, l1, decay);
    }

    @Override
    public void adamUpdateF64(MemorySegment w, long wOff, MemorySegment m, long mOff, MemorySegment v, long vOff,
                              MemorySegment g, long gOff, long n, double stepSize, double beta1, double beta2,
                              double eps, double biasCorrection2Sqrt, double weightDecay, double l1, double decay) {
        ScalarOptimizerKernels.adamF64(w, wOff, m, mOff, v, vOff, g, gOff, n, stepSize, beta1, beta2, eps,
                biasCorrection2Sqrt, weightDecay, l1, decay);
    }

    @Override
    public void clampF32(MemorySegment out, long outOff, MemorySegment x, long xOff, long n, float lo, float hi) {
        ScalarOptimizerKernels.clampF32(out, outOff, x, xOff, n, lo, hi);
    }

    @Override
    public void clampF64(MemorySegment out, long outOff, MemorySegment x, long xOff, long n, double lo, double hi) {
        ScalarOptimizerKernels.clampF64(out, outOff, x, xOff, n, lo, hi);
    }
}
