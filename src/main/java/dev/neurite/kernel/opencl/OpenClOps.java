package dev.neurite.kernel.opencl;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.UnaryOp;

/**
 * Element-wise, bias, activation, gather and optimizer kernels on device-resident buffers: the
 * device form of the vector and bias methods of {@code dev.neurite.kernel.Kernels}, with the same
 * formulas, argument order (outputs first) and element offsets. The precision is the buffers'
 * {@link ClType} ({@code FLOAT32} or {@code FLOAT64}); every real buffer of one call has the same
 * type. Methods enqueue on the context's in-order queue and return without waiting. Not
 * thread-safe: one per thread, or locked by the caller.
 */
public final class OpenClOps {

    private final OpenClContext context;

    public OpenClOps(OpenClContext context) {
        this.context = context;
    }

    public OpenClContext context() {
        return context;
    }

    /** {@code out[i] = value}. */
    public void fill(OpenClBuffer out, long outOff, long n, double value) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code out[i] = x[i]}. */
    public void copy(OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long n) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code y[i] += alpha * x[i]}. */
    public void axpy(OpenClBuffer y, long yOff, double alpha, OpenClBuffer x, long xOff, long n) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code out[i] = alpha * x[i]}. */
    public void scale(OpenClBuffer out, long outOff, double alpha, OpenClBuffer x, long xOff, long n) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code out[i] = a[i] op b[i]}. */
    public void binary(BinaryOp op, OpenClBuffer out, long outOff, OpenClBuffer a, long aOff,
                       OpenClBuffer b, long bOff, long n) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code out[i] = op(x[i])}. */
    public void unary(UnaryOp op, OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long n) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code out[i] = min(max(x[i], lo), hi)}. */
    public void clamp(OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long n, double lo, double hi) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code y[i] = f(x[i])}. */
    public void activationForward(Activation f, double slope, OpenClBuffer y, long yOff,
                                  OpenClBuffer x, long xOff, long n) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code dX[i] = dY[i] * f'(x[i])} from the forward output {@code y}; {@code dX} may alias {@code dY}. */
    public void activationBackward(Activation f, double slope, OpenClBuffer dX, long dXOff,
                                   OpenClBuffer dY, long dYOff, OpenClBuffer y, long yOff, long n) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code out[i, j] = a[i, j] + bias[j]}. */
    public void addRowVector(OpenClBuffer out, long outOff, long ldOut, OpenClBuffer a, long aOff, long lda,
                             OpenClBuffer bias, long biasOff, int rows, int cols) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code out[i, j] = f(a[i, j] + bias[j])}, the sum rounded to the precision first. */
    public void addRowVectorActivation(Activation f, double slope, OpenClBuffer out, long outOff, long ldOut,
                                       OpenClBuffer a, long aOff, long lda, OpenClBuffer bias, long biasOff,
                                       int rows, int cols) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code out[j] = sum_i a[i, j]}, {@code out} contiguous. */
    public void columnSums(OpenClBuffer out, long outOff, OpenClBuffer a, long aOff, long lda, int rows, int cols) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * {@code out[i, j] = src[srcOff + index[i] * ld + j]} for {@code i < rows, j < cols}: gathers
     * mini-batch rows of a device-resident data set; {@code index} is an {@code INT32} buffer and
     * {@code out} is contiguous ({@code rows x cols}). Works for {@code INT32} src/out as well
     * (labels).
     */
    public void gatherRows(OpenClBuffer out, long outOff, OpenClBuffer src, long srcOff, long ld,
                           OpenClBuffer index, long indexOff, int rows, int cols) {
        throw new UnsupportedOperationException("TODO");
    }

    /** One SGD step, as {@code Kernels.sgdUpdateF32}. */
    public void sgdUpdate(OpenClBuffer w, long wOff, OpenClBuffer buf, long bufOff, OpenClBuffer g, long gOff,
                          long n, double lr, double momentum, double dampening, boolean nesterov,
                          double weightDecay, double l1, boolean firstStep) {
        throw new UnsupportedOperationException("TODO");
    }

    /** One RMSprop step, as {@code Kernels.rmspropUpdateF32}. */
    public void rmspropUpdate(OpenClBuffer w, long wOff, OpenClBuffer sq, long sqOff, OpenClBuffer gAvg,
                              long gAvgOff, OpenClBuffer buf, long bufOff, OpenClBuffer g, long gOff, long n,
                              double lr, double alpha, double eps, double momentum, boolean centered,
                              double weightDecay, double l1) {
        throw new UnsupportedOperationException("TODO");
    }

    /** One Adam/AdamW step, as {@code Kernels.adamUpdateF32}. */
    public void adamUpdate(OpenClBuffer w, long wOff, OpenClBuffer m, long mOff, OpenClBuffer v, long vOff,
                           OpenClBuffer g, long gOff, long n, double stepSize, double beta1, double beta2,
                           double eps, double biasCorrection2Sqrt, double weightDecay, double l1, double decay) {
        throw new UnsupportedOperationException("TODO");
    }
}
