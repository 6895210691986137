package dev.neurite.kernel;

import java.lang.foreign.MemorySegment;

/**
 * The numerics kernel: the hot loops of Neurite over off-heap memory.
 *
 * <p>Conventions every implementation follows:
 * <ul>
 *   <li>Matrices are row-major. Offsets, leading dimensions ({@code ld*}) and lengths count
 *       elements, not bytes. Element {@code (i, j)} of a matrix {@code a} lives at
 *       {@code aOff + i * lda + j}.</li>
 *   <li>Outputs come first in every signature; an output may alias an input only where the
 *       method says so.</li>
 *   <li>Kernels allocate nothing on the Java heap per call and do not validate: the public layer
 *       ({@code dev.neurite.tensor.Ops}) checks shapes, dtypes and lifetimes and names them in its
 *       errors; kernels only {@code assert}.</li>
 *   <li>NaN and infinities propagate as IEEE 754 arithmetic says.</li>
 * </ul>
 *
 * <p>{@code F32} methods work on {@code float} memory ({@code ValueLayout.JAVA_FLOAT}),
 * {@code F64} methods on {@code double} memory. This is an internal interface: applications use
 * {@code Tensor} and {@code Ops}, which carry no FFM types.
 */
public interface Kernels extends AutoCloseable {

    /** Short lower-case backend name: {@code scalar}, {@code simd}, {@code blas}. */
    String name();

    /**
     * Releases what this backend holds (the OpenCL backend's context and device buffers); later
     * calls throw {@link IllegalStateException}. The CPU backends hold nothing: nothing to do.
     */
    @Override
    default void close() {
    }

    /** One line of details for {@code ./neurite info}, e.g. vector width or library version. */
    default String details() {
        return "";
    }

    // ---------------------------------------------------------------------------------------
    // Level 3 / level 2

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(A)} is {@code m x k},
     * {@code op(B)} is {@code k x n} and {@code C} is {@code m x n}. When {@code transA} is set,
     * {@code A} is stored as a {@code k x m} matrix (leading dimension {@code lda}), likewise for
     * {@code B}. When {@code beta == 0}, {@code C} is not read (NaN in C does not propagate), as in
     * BLAS. {@code C} must not overlap {@code A} or {@code B}.
     */
    void gemmF32(MemorySegment c, long cOff, long ldc,
                 MemorySegment a, long aOff, long lda, boolean transA,
                 MemorySegment b, long bOff, long ldb, boolean transB,
                 int m, int n, int k, float alpha, float beta);

    /** Double-precision {@link #gemmF32}. */
    void gemmF64(MemorySegment c, long cOff, long ldc,
                 MemorySegment a, long aOff, long lda, boolean transA,
                 MemorySegment b, long bOff, long ldb, boolean transB,
                 int m, int n, int k, double alpha, double beta);

    /**
     * {@code y = alpha * op(A) * x + beta * y} with {@code A} stored {@code m x n} (leading
     * dimension {@code lda}). Without transpose {@code x} has {@code n} and {@code y} {@code m}
     * entries; with {@code transA} {@code x} has {@code m} and {@code y} {@code n}. Vectors are
     * contiguous. When {@code beta == 0}, {@code y} is not read.
     */
    void gemvF32(MemorySegment y, long yOff,
                 MemorySegment a, long aOff, long lda, boolean transA,
                 MemorySegment x, long xOff, int m, int n, float alpha, float beta);

    /** Double-precision {@link #gemvF32}. */
    void gemvF64(MemorySegment y, long yOff,
                 MemorySegment a, long aOff, long lda, boolean transA,
                 MemorySegment x, long xOff, int m, int n, double alpha, double beta);

    // ---------------------------------------------------------------------------------------
    // Contiguous vectors. "out" may alias an input exactly (same segment and offset).

    /** {@code y[i] += alpha * x[i]} for {@code i < n}. */
    void axpyF32(MemorySegment y, long yOff, float alpha, MemorySegment x, long xOff, long n);

    /** Double-precision {@link #axpyF32}. */
    void axpyF64(MemorySegment y, long yOff, double alpha, MemorySegment x, long xOff, long n);

    /** {@code out[i] = alpha * x[i]}. */
    void scaleF32(MemorySegment out, long outOff, float alpha, MemorySegment x, long xOff, long n);

    /** Double-precision {@link #scaleF32}. */
    void scaleF64(MemorySegment out, long outOff, double alpha, MemorySegment x, long xOff, long n);

    /** {@code out[i] = a[i] op b[i]}. */
    void binaryF32(BinaryOp op, MemorySegment out, long outOff,
                   MemorySegment a, long aOff, MemorySegment b, long bOff, long n);

    /** Double-precision {@link #binaryF32}. */
    void binaryF64(BinaryOp op, MemorySegment out, long outOff,
                   MemorySegment a, long aOff, MemorySegment b, long bOff, long n);

    /** {@code out[i] = op(x[i])}. */
    void unaryF32(UnaryOp op, MemorySegment out, long outOff, MemorySegment x, long xOff, long n);

    /** Double-precision {@link #unaryF32}. */
    void unaryF64(UnaryOp op, MemorySegment out, long outOff, MemorySegment x, long xOff, long n);

    /**
     * {@code y[i] = f(x[i])} for the activation {@code f}; {@code slope} is the negative-side slope
     * of {@link Activation#LEAKY_RELU} and ignored otherwise.
     */
    void activationForwardF32(Activation f, float slope, MemorySegment y, long yOff,
                              MemorySegment x, long xOff, long n);

    /** Double-precision {@link #activationForwardF32}. */
    void activationForwardF64(Activation f, double slope, MemorySegment y, long yOff,
                              MemorySegment x, long xOff, long n);

    /**
     * {@code dX[i] = dY[i] * f'(x[i])}, with the derivative computed from the forward output
     * {@code y = f(x)} (see {@link Activation} for each formula). {@code dX} may alias {@code dY}.
     */
    void activationBackwardF32(Activation f, float slope, MemorySegment dX, long dXOff,
                               MemorySegment dY, long dYOff, MemorySegment y, long yOff, long n);

    /** Double-precision {@link #activationBackwardF32}. */
    void activationBackwardF64(Activation f, double slope, MemorySegment dX, long dXOff,
                               MemorySegment dY, long dYOff, MemorySegment y, long yOff, long n);

    /** {@code sum_i x[i] * y[i]}. */
    float dotF32(MemorySegment x, long xOff, MemorySegment y, long yOff, long n);

    /** Double-precision {@link #dotF32}. */
    double dotF64(MemorySegment x, long xOff, MemorySegment y, long yOff, long n);

    /** {@code sum_i x[i]}. */
    float sumF32(MemorySegment x, long xOff, long n);

    /** Double-precision {@link #sumF32}. */
    double sumF64(MemorySegment x, long xOff, long n);

    /** {@code sum_i x[i]^2}. */
    float sumOfSquaresF32(MemorySegment x, long xOff, long n);

    /** Double-precision {@link #sumOfSquaresF32}. */
    double sumOfSquaresF64(MemorySegment x, long xOff, long n);

    // ---------------------------------------------------------------------------------------
    // Row-major matrices, rows x cols. "out" may alias "x"/"a" exactly (same offset and ld).

    /** Bias add: {@code out[i, j] = a[i, j] + bias[j]}; {@code bias} is contiguous. */
    void addRowVectorF32(MemorySegment out, long outOff, long ldOut,
                         MemorySegment a, long aOff, long lda,
                         MemorySegment bias, long biasOff, int rows, int cols);

    /** Double-precision {@link #addRowVectorF32}. */
    void addRowVectorF64(MemorySegment out, long outOff, long ldOut,
                         MemorySegment a, long aOff, long lda,
                         MemorySegment bias, long biasOff, int rows, int cols);

    /**
     * Bias add and activation in one pass, the fused form of {@link #addRowVectorF32} followed
     * by {@link #activationForwardF32}: {@code out[i, j] = f(a[i, j] + bias[j])}, the sum rounded
     * to float before {@code f}, so the result equals the two calls in sequence.
     */
    void addRowVectorActivationF32(Activation f, float slope, MemorySegment out, long outOff, long ldOut,
                                   MemorySegment a, long aOff, long lda,
                                   MemorySegment bias, long biasOff, int rows, int cols);

    /** Double-precision {@link #addRowVectorActivationF32}. */
    void addRowVectorActivationF64(Activation f, double slope, MemorySegment out, long outOff, long ldOut,
                                   MemorySegment a, long aOff, long lda,
                                   MemorySegment bias, long biasOff, int rows, int cols);

    /**
     * Row broadcast: {@code out[i, j] = op(a[i, j], v[j])} over a {@code rows x cols} block,
     * {@code v} a contiguous row of {@code cols} values (a per-feature scale, as in normalisation
     * layers); {@code out} may be {@code a}.
     */
    void rowBroadcastF32(BinaryOp op, MemorySegment out, long outOff, long ldOut,
                         MemorySegment a, long aOff, long lda, MemorySegment v, long vOff, int rows, int cols);

    /** Double-precision {@link #rowBroadcastF32}. */
    void rowBroadcastF64(BinaryOp op, MemorySegment out, long outOff, long ldOut,
                         MemorySegment a, long aOff, long lda, MemorySegment v, long vOff, int rows, int cols);

    /**
     * Column broadcast: {@code out[i, j] = op(a[i, j], c[i])} over a {@code rows x cols} block,
     * {@code c} a contiguous column of {@code rows} values (a per-row statistic);
     * {@code out} may be {@code a}.
     */
    void columnBroadcastF32(BinaryOp op, MemorySegment out, long outOff, long ldOut,
                            MemorySegment a, long aOff, long lda, MemorySegment c, long cOff, int rows, int cols);

    /** Double-precision {@link #columnBroadcastF32}. */
    void columnBroadcastF64(BinaryOp op, MemorySegment out, long outOff, long ldOut,
                            MemorySegment a, long aOff, long lda, MemorySegment c, long cOff, int rows, int cols);

    /** Bias gradient: {@code out[j] = sum_i a[i, j]}; {@code out} is contiguous, overwritten. */
    void columnSumsF32(MemorySegment out, long outOff,
                       MemorySegment a, long aOff, long lda, int rows, int cols);

    /** Double-precision {@link #columnSumsF32}. */
    void columnSumsF64(MemorySegment out, long outOff,
                       MemorySegment a, long aOff, long lda, int rows, int cols);

    /**
     * Row-wise {@code out[i, j] = exp(x[i, j] - max_i) / sum_j exp(x[i, j] - max_i)}: the row
     * maximum is subtracted first, so large logits stay finite.
     */
    void softmaxRowsF32(MemorySegment out, long outOff, long ldOut,
                        MemorySegment x, long xOff, long ldx, int rows, int cols);

    /** Double-precision {@link #softmaxRowsF32}. */
    void softmaxRowsF64(MemorySegment out, long outOff, long ldOut,
                        MemorySegment x, long xOff, long ldx, int rows, int cols);

    /** Row-wise {@code out[i, j] = x[i, j] - max_i - log(sum_j exp(x[i, j] - max_i))}. */
    void logSoftmaxRowsF32(MemorySegment out, long outOff, long ldOut,
                           MemorySegment x, long xOff, long ldx, int rows, int cols);

    /** Double-precision {@link #logSoftmaxRowsF32}. */
    void logSoftmaxRowsF64(MemorySegment out, long outOff, long ldOut,
                           MemorySegment x, long xOff, long ldx, int rows, int cols);

    /**
     * Softmax cross-entropy against class indices, loss and gradient in one pass over the logits
     * {@code z} ({@code rows x cols}): with {@code lse_i = max_i + log(sum_j exp(z[i, j] - max_i))}
     * it returns {@code sum_i (lse_i - z[i, labels[i]])} and writes
     * {@code dZ[i, j] = scale * (exp(z[i, j] - lse_i) - (j == labels[i] ? 1 : 0))}. The labels
     * are {@code labels[labelsOff + i]}, each in {@code [0, cols)}; {@code dZ} must not overlap
     * {@code z}.
     */
    double softmaxCrossEntropyF32(MemorySegment dZ, long dZOff, long ldd, MemorySegment z, long zOff, long ldz,
                                  int[] labels, int labelsOff, int rows, int cols, float scale);

    /** Double-precision {@link #softmaxCrossEntropyF32}. */
    double softmaxCrossEntropyF64(MemorySegment dZ, long dZOff, long ldd, MemorySegment z, long zOff, long ldz,
                                  int[] labels, int labelsOff, int rows, int cols, double scale);

    /** {@code out[i] = reduce_j x[i, j]}; {@code out} is contiguous, of the same dtype. */
    void rowReduceF32(RowReduction op, MemorySegment out, long outOff,
                      MemorySegment x, long xOff, long ldx, int rows, int cols);

    /** Double-precision {@link #rowReduceF32}. */
    void rowReduceF64(RowReduction op, MemorySegment out, long outOff,
                      MemorySegment x, long xOff, long ldx, int rows, int cols);

    /**
     * {@code out[i] = argmax_j x[i, j]} as {@code int}s ({@code ValueLayout.JAVA_INT}); the first
     * index wins ties; a NaN counts as the maximum (the first NaN wins), as in NumPy.
     */
    void rowArgmaxF32(MemorySegment out, long outOff,
                      MemorySegment x, long xOff, long ldx, int rows, int cols);

    /** Double-precision {@link #rowArgmaxF32}. */
    void rowArgmaxF64(MemorySegment out, long outOff,
                      MemorySegment x, long xOff, long ldx, int rows, int cols);

    // ---------------------------------------------------------------------------------------
    // Optimizer updates over contiguous vectors of n elements. The parameter w and every state
    // vector are updated in place; the gradient g is only read. No two of them may overlap, and a
    // state vector the method says is unused is neither read nor written (any segment will do).
    // The effective gradient is d = g + weightDecay * w + l1 * sign(w), each term added only
    // when its coefficient is nonzero, so that w = inf with weightDecay = 0 gives no NaN.
    // sign is Math.signum: sign(+-0) = +-0, sign(NaN) = NaN.
    // Every new state value (buf, sq, gAvg, m, v) below the smallest normal value of its type in
    // magnitude is stored as +0, and the update uses that value: a deliberate difference from
    // IEEE gradual underflow. A moment decaying towards zero would otherwise crawl through the
    // subnormal range, where each operation on it costs tens of times more (23x measured for
    // Adam on AVX-512); torch.optim keeps the subnormal, a difference below 1.2e-38 in f32.

    /**
     * One step of {@code torch.optim.SGD}: with {@code momentum != 0},
     * {@code buf = firstStep ? d : momentum * buf + (1 - dampening) * d} and
     * {@code d = nesterov ? d + momentum * buf : buf}; then {@code w -= lr * d}.
     * {@code buf} is unused when {@code momentum == 0}.
     */
    void sgdUpdateF32(MemorySegment w, long wOff, MemorySegment buf, long bufOff,
                      MemorySegment g, long gOff, long n, float lr, float momentum, float dampening,
                      boolean nesterov, float weightDecay, float l1, boolean firstStep);

    /** Double-precision {@link #sgdUpdateF32}. */
    void sgdUpdateF64(MemorySegment w, long wOff, MemorySegment buf, long bufOff,
                      MemorySegment g, long gOff, long n, double lr, double momentum, double dampening,
                      boolean nesterov, double weightDecay, double l1, boolean firstStep);

    /**
     * One step of {@code torch.optim.RMSprop}: {@code sq = alpha * sq + (1 - alpha) * d * d}; if
     * {@code centered}, {@code gAvg = alpha * gAvg + (1 - alpha) * d} and
     * {@code avg = sqrt(sq - gAvg * gAvg) + eps}, else {@code avg = sqrt(sq) + eps}; with
     * {@code momentum > 0}, {@code buf = momentum * buf + d / avg} and {@code w -= lr * buf},
     * else {@code w -= lr * (d / avg)}. {@code gAvg} is unused unless {@code centered}, {@code buf}
     * unless {@code momentum > 0}.
     */
    void rmspropUpdateF32(MemorySegment w, long wOff, MemorySegment sq, long sqOff,
                          MemorySegment gAvg, long gAvgOff, MemorySegment buf, long bufOff,
                          MemorySegment g, long gOff, long n, float lr, float alpha, float eps,
                          float momentum, boolean centered, float weightDecay, float l1);

    /** Double-precision {@link #rmspropUpdateF32}. */
    void rmspropUpdateF64(MemorySegment w, long wOff, MemorySegment sq, long sqOff,
                          MemorySegment gAvg, long gAvgOff, MemorySegment buf, long bufOff,
                          MemorySegment g, long gOff, long n, double lr, double alpha, double eps,
                          double momentum, boolean centered, double weightDecay, double l1);

    /**
     * One step of {@code torch.optim.Adam} and {@code AdamW}: first {@code w *= decay} (AdamW's
     * decoupled decay {@code 1 - lr * wd}; 1 for Adam), then with the effective gradient {@code d}
     * of the decayed {@code w}: {@code m = beta1 * m + (1 - beta1) * d},
     * {@code v = beta2 * v + (1 - beta2) * d * d},
     * {@code w -= stepSize * (m / (sqrt(v) / biasCorrection2Sqrt + eps))}, where the caller passes
     * {@code stepSize = lr / (1 - beta1^t)} and {@code biasCorrection2Sqrt = sqrt(1 - beta2^t)}.
     */
    void adamUpdateF32(MemorySegment w, long wOff, MemorySegment m, long mOff, MemorySegment v, long vOff,
                       MemorySegment g, long gOff, long n, float stepSize, float beta1, float beta2,
                       float eps, float biasCorrection2Sqrt, float weightDecay, float l1, float decay);

    /** Double-precision {@link #adamUpdateF32}. */
    void adamUpdateF64(MemorySegment w, long wOff, MemorySegment m, long mOff, MemorySegment v, long vOff,
                       MemorySegment g, long gOff, long n, double stepSize, double beta1, double beta2,
                       double eps, double biasCorrection2Sqrt, double weightDecay, double l1, double decay);

    /**
     * {@code out[i] = min(max(x[i], lo), hi)} with {@code Math.max/min} semantics (NaN stays NaN);
     * {@code lo <= hi}. {@code out} may alias {@code x} exactly.
     */
    void clampF32(MemorySegment out, long outOff, MemorySegment x, long xOff, long n, float lo, float hi);

    /** Double-precision {@link #clampF32}. */
    void clampF64(MemorySegment out, long outOff, MemorySegment x, long xOff, long n, double lo, double hi);
}
