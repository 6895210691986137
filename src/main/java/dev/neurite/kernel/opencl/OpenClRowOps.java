package dev.neurite.kernel.opencl;

import dev.neurite.kernel.RowReduction;

/**
 * Row-wise and reducing kernels on device-resident buffers: softmax, log-softmax, softmax
 * cross-entropy, row reductions and arg-max, and whole-vector sums whose result stays on the
 * device (so a training step reads back only the loss it asks for). Formulas and argument order
 * as in {@code dev.neurite.kernel.Kernels}; precision from the buffers' {@link ClType}. Methods
 * enqueue and return without waiting. Not thread-safe.
 */
public final class OpenClRowOps {

    private final OpenClContext context;

    public OpenClRowOps(OpenClContext context) {
        this.context = context;
    }

    /** Row-wise softmax, max subtracted first. */
    public void softmaxRows(OpenClBuffer out, long outOff, long ldOut, OpenClBuffer x, long xOff, long ldx,
                            int rows, int cols) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Row-wise log-softmax. */
    public void logSoftmaxRows(OpenClBuffer out, long outOff, long ldOut, OpenClBuffer x, long xOff, long ldx,
                               int rows, int cols) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Softmax cross-entropy on class indices ({@code labels}: {@code INT32}): writes
     * {@code dZ[i, j] = scale * (softmax(z)[i, j] - (j == labels[i]))} and
     * {@code rowLoss[i] = lse_i - z[i, labels[i]]}; {@code rowLoss} is contiguous, of the real type.
     */
    public void softmaxCrossEntropy(OpenClBuffer dZ, long dZOff, long ldd, OpenClBuffer z, long zOff, long ldz,
                                    OpenClBuffer labels, long labelsOff, int rows, int cols, double scale,
                                    OpenClBuffer rowLoss, long rowLossOff) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code out[i] = reduce_j x[i, j]}. */
    public void rowReduce(RowReduction op, OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long ldx,
                          int rows, int cols) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code out[i] = argmax_j x[i, j]} into an {@code INT32} buffer; first index wins ties, NaN is the max. */
    public void rowArgmax(OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long ldx, int rows, int cols) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code out[outOff] = sum_i x[i]}, left on the device. */
    public void sum(OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long n) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code out[outOff] = sum_i x[i] * y[i]}, left on the device. */
    public void dot(OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, OpenClBuffer y, long yOff, long n) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code out[outOff] = sum_i x[i]^2}, left on the device. */
    public void sumOfSquares(OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long n) {
        throw new UnsupportedOperationException("TODO");
    }
}
