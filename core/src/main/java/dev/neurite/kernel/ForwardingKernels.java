package dev.neurite.kernel;

import java.lang.foreign.MemorySegment;

/**
 * A backend that hands every call to another one: a backend extends it and overrides only what it
 * accelerates (the OpenBLAS backend its products and level-1 calls, the Vector API backend its
 * float32 kernels, leaving float64 where it has nothing better to the scalar reference). The
 * delegate's {@link #close()} is not called: the extending backend owns what it holds.
 */
public abstract class ForwardingKernels implements Kernels {

    /** Where every call this backend does not override goes. */
    protected final Kernels delegate;

    /** A backend that forwards to {@code delegate}. */
    protected ForwardingKernels(Kernels delegate) {
        if (delegate == null) {
            throw new IllegalArgumentException("a forwarding backend needs a delegate");
        }
        this.delegate = delegate;
    }

    @Override
    public void gemmF32(MemorySegment c, long cOff, long ldc, MemorySegment a, long aOff, long lda,
                        boolean transA, MemorySegment b, long bOff, long ldb, boolean transB, int m, int n,
                        int k, float alpha, float beta) {
        delegate.gemmF32(c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
    }

    @Override
    public void gemmF64(MemorySegment c, long cOff, long ldc, MemorySegment a, long aOff, long lda,
                        boolean transA, MemorySegment b, long bOff, long ldb, boolean transB, int m, int n,
                        int k, double alpha, double beta) {
        delegate.gemmF64(c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
    }

    @Override
    public void gemvF32(MemorySegment y, long yOff, MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment x, long xOff, int m, int n, float alpha, float beta) {
        delegate.gemvF32(y, yOff, a, aOff, lda, transA, x, xOff, m, n, alpha, beta);
    }

    @Override
    public void gemvF64(MemorySegment y, long yOff, MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment x, long xOff, int m, int n, double alpha, double beta) {
        delegate.gemvF64(y, yOff, a, aOff, lda, transA, x, xOff, m, n, alpha, beta);
    }

    @Override
    public void axpyF32(MemorySegment y, long yOff, float alpha, MemorySegment x, long xOff, long n) {
        delegate.axpyF32(y, yOff, alpha, x, xOff, n);
    }

    @Override
    public void axpyF64(MemorySegment y, long yOff, double alpha, MemorySegment x, long xOff, long n) {
        delegate.axpyF64(y, yOff, alpha, x, xOff, n);
    }

    @Override
    public void scaleF32(MemorySegment out, long outOff, float alpha, MemorySegment x, long xOff, long n) {
        delegate.scaleF32(out, outOff, alpha, x, xOff, n);
    }

    @Override
    public void scaleF64(MemorySegment out, long outOff, double alpha, MemorySegment x, long xOff, long n) {
        delegate.scaleF64(out, outOff, alpha, x, xOff, n);
    }

    @Override
    public void binaryF32(BinaryOp op, MemorySegment out, long outOff, MemorySegment a, long aOff,
                          MemorySegment b, long bOff, long n) {
        delegate.binaryF32(op, out, outOff, a, aOff, b, bOff, n);
    }

    @Override
    public void binaryF64(BinaryOp op, MemorySegment out, long outOff, MemorySegment a, long aOff,
                          MemorySegment b, long bOff, long n) {
        delegate.binaryF64(op, out, outOff, a, aOff, b, bOff, n);
    }

    @Override
    public void unaryF32(UnaryOp op, MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        delegate.unaryF32(op, out, outOff, x, xOff, n);
    }

    @Override
    public void unaryF64(UnaryOp op, MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        delegate.unaryF64(op, out, outOff, x, xOff, n);
    }

    @Override
    public void activationForwardF32(Activation f, float slope, MemorySegment y, long yOff, MemorySegment x,
                                     long xOff, long n) {
        delegate.activationForwardF32(f, slope, y, yOff, x, xOff, n);
    }

    @Override
    public void activationForwardF64(Activation f, double slope, MemorySegment y, long yOff, MemorySegment x,
                                     long xOff, long n) {
        delegate.activationForwardF64(f, slope, y, yOff, x, xOff, n);
    }

    @Override
    public void activationBackwardF32(Activation f, float slope, MemorySegment dX, long dXOff,
                                      MemorySegment dY, long dYOff, MemorySegment y, long yOff, long n) {
        delegate.activationBackwardF32(f, slope, dX, dXOff, dY, dYOff, y, yOff, n);
    }

    @Override
    public void activationBackwardF64(Activation f, double slope, MemorySegment dX, long dXOff,
                                      MemorySegment dY, long dYOff, MemorySegment y, long yOff, long n) {
        delegate.activationBackwardF64(f, slope, dX, dXOff, dY, dYOff, y, yOff, n);
    }

    @Override
    public float dotF32(MemorySegment x, long xOff, MemorySegment y, long yOff, long n) {
        return delegate.dotF32(x, xOff, y, yOff, n);
    }

    @Override
    public double dotF64(MemorySegment x, long xOff, MemorySegment y, long yOff, long n) {
        return delegate.dotF64(x, xOff, y, yOff, n);
    }

    @Override
    public float sumF32(MemorySegment x, long xOff, long n) {
        return delegate.sumF32(x, xOff, n);
    }

    @Override
    public double sumF64(MemorySegment x, long xOff, long n) {
        return delegate.sumF64(x, xOff, n);
    }

    @Override
    public float sumOfSquaresF32(MemorySegment x, long xOff, long n) {
        return delegate.sumOfSquaresF32(x, xOff, n);
    }

    @Override
    public double sumOfSquaresF64(MemorySegment x, long xOff, long n) {
        return delegate.sumOfSquaresF64(x, xOff, n);
    }

    @Override
    public void addRowVectorF32(MemorySegment out, long outOff, long ldOut, MemorySegment a, long aOff,
                                long lda, MemorySegment bias, long biasOff, int rows, int cols) {
        delegate.addRowVectorF32(out, outOff, ldOut, a, aOff, lda, bias, biasOff, rows, cols);
    }

    @Override
    public void addRowVectorF64(MemorySegment out, long outOff, long ldOut, MemorySegment a, long aOff,
                                long lda, MemorySegment bias, long biasOff, int rows, int cols) {
        delegate.addRowVectorF64(out, outOff, ldOut, a, aOff, lda, bias, biasOff, rows, cols);
    }

    @Override
    public void addRowVectorActivationF32(Activation f, float slope, MemorySegment out, long outOff,
                                          long ldOut, MemorySegment a, long aOff, long lda, MemorySegment bias,
                                          long biasOff, int rows, int cols) {
        delegate.addRowVectorActivationF32(f, slope, out, outOff, ldOut, a, aOff, lda, bias, biasOff, rows, cols);
    }

    @Override
    public void addRowVectorActivationF64(Activation f, double slope, MemorySegment out, long outOff,
                                          long ldOut, MemorySegment a, long aOff, long lda, MemorySegment bias,
                                          long biasOff, int rows, int cols) {
        delegate.addRowVectorActivationF64(f, slope, out, outOff, ldOut, a, aOff, lda, bias, biasOff, rows, cols);
    }

    @Override
    public void columnSumsF32(MemorySegment out, long outOff, MemorySegment a, long aOff, long lda, int rows,
                              int cols) {
        delegate.columnSumsF32(out, outOff, a, aOff, lda, rows, cols);
    }

    @Override
    public void columnSumsF64(MemorySegment out, long outOff, MemorySegment a, long aOff, long lda, int rows,
                              int cols) {
        delegate.columnSumsF64(out, outOff, a, aOff, lda, rows, cols);
    }

    @Override
    public void softmaxRowsF32(MemorySegment out, long outOff, long ldOut, MemorySegment x, long xOff,
                               long ldx, int rows, int cols) {
        delegate.softmaxRowsF32(out, outOff, ldOut, x, xOff, ldx, rows, cols);
    }

    @Override
    public void softmaxRowsF64(MemorySegment out, long outOff, long ldOut, MemorySegment x, long xOff,
                               long ldx, int rows, int cols) {
        delegate.softmaxRowsF64(out, outOff, ldOut, x, xOff, ldx, rows, cols);
    }

    @Override
    public void logSoftmaxRowsF32(MemorySegment out, long outOff, long ldOut, MemorySegment x, long xOff,
                                  long ldx, int rows, int cols) {
        delegate.logSoftmaxRowsF32(out, outOff, ldOut, x, xOff, ldx, rows, cols);
    }

    @Override
    public void logSoftmaxRowsF64(MemorySegment out, long outOff, long ldOut, MemorySegment x, long xOff,
                                  long ldx, int rows, int cols) {
        delegate.logSoftmaxRowsF64(out, outOff, ldOut, x, xOff, ldx, rows, cols);
    }

    @Override
    public double softmaxCrossEntropyF32(MemorySegment dZ, long dZOff, long ldd, MemorySegment z, long zOff,
                                         long ldz, int[] labels, int labelsOff, int rows, int cols, float scale) {
        return delegate.softmaxCrossEntropyF32(dZ, dZOff, ldd, z, zOff, ldz, labels, labelsOff, rows, cols, scale);
    }

    @Override
    public double softmaxCrossEntropyF64(MemorySegment dZ, long dZOff, long ldd, MemorySegment z, long zOff,
                                         long ldz, int[] labels, int labelsOff, int rows, int cols, double scale) {
        return delegate.softmaxCrossEntropyF64(dZ, dZOff, ldd, z, zOff, ldz, labels, labelsOff, rows, cols, scale);
    }

    @Override
    public void rowReduceF32(RowReduction op, MemorySegment out, long outOff, MemorySegment x, long xOff,
                             long ldx, int rows, int cols) {
        delegate.rowReduceF32(op, out, outOff, x, xOff, ldx, rows, cols);
    }

    @Override
    public void rowReduceF64(RowReduction op, MemorySegment out, long outOff, MemorySegment x, long xOff,
                             long ldx, int rows, int cols) {
        delegate.rowReduceF64(op, out, outOff, x, xOff, ldx, rows, cols);
    }

    @Override
    public void rowArgmaxF32(MemorySegment out, long outOff, MemorySegment x, long xOff, long ldx, int rows,
                             int cols) {
        delegate.rowArgmaxF32(out, outOff, x, xOff, ldx, rows, cols);
    }

    @Override
    public void rowArgmaxF64(MemorySegment out, long outOff, MemorySegment x, long xOff, long ldx, int rows,
                             int cols) {
        delegate.rowArgmaxF64(out, outOff, x, xOff, ldx, rows, cols);
    }

    @Override
    public void sgdUpdateF32(MemorySegment w, long wOff, MemorySegment buf, long bufOff, MemorySegment g,
                             long gOff, long n, float lr, float momentum, float dampening, boolean nesterov,
                             float weightDecay, float l1, boolean firstStep) {
        delegate.sgdUpdateF32(w, wOff, buf, bufOff, g, gOff, n,
                lr, momentum, dampening, nesterov, weightDecay, l1, firstStep);
    }

    @Override
    public void sgdUpdateF64(MemorySegment w, long wOff, MemorySegment buf, long bufOff, MemorySegment g,
                             long gOff, long n, double lr, double momentum, double dampening, boolean nesterov,
                             double weightDecay, double l1, boolean firstStep) {
        delegate.sgdUpdateF64(w, wOff, buf, bufOff, g, gOff, n,
                lr, momentum, dampening, nesterov, weightDecay, l1, firstStep);
    }

    @Override
    public void rmspropUpdateF32(MemorySegment w, long wOff, MemorySegment sq, long sqOff, MemorySegment gAvg,
                                 long gAvgOff, MemorySegment buf, long bufOff, MemorySegment g, long gOff,
                                 long n, float lr, float alpha, float eps, float momentum, boolean centered,
                                 float weightDecay, float l1) {
        delegate.rmspropUpdateF32(w, wOff, sq, sqOff, gAvg, gAvgOff, buf, bufOff, g,
                gOff, n, lr, alpha, eps, momentum, centered, weightDecay, l1);
    }

    @Override
    public void rmspropUpdateF64(MemorySegment w, long wOff, MemorySegment sq, long sqOff, MemorySegment gAvg,
                                 long gAvgOff, MemorySegment buf, long bufOff, MemorySegment g, long gOff,
                                 long n, double lr, double alpha, double eps, double momentum,
                                 boolean centered, double weightDecay, double l1) {
        delegate.rmspropUpdateF64(w, wOff, sq, sqOff, gAvg, gAvgOff, buf, bufOff, g,
                gOff, n, lr, alpha, eps, momentum, centered, weightDecay, l1);
    }

    @Override
    public void adamUpdateF32(MemorySegment w, long wOff, MemorySegment m, long mOff, MemorySegment v,
                              long vOff, MemorySegment g, long gOff, long n, float stepSize, float beta1,
                              float beta2, float eps, float biasCorrection2Sqrt, float weightDecay, float l1,
                              float decay) {
        delegate.adamUpdateF32(w, wOff, m, mOff, v, vOff, g, gOff,
                n, stepSize, beta1, beta2, eps, biasCorrection2Sqrt, weightDecay, l1, decay);
    }

    @Override
    public void adamUpdateF64(MemorySegment w, long wOff, MemorySegment m, long mOff, MemorySegment v,
                              long vOff, MemorySegment g, long gOff, long n, double stepSize, double beta1,
                              double beta2, double eps, double biasCorrection2Sqrt, double weightDecay,
                              double l1, double decay) {
        delegate.adamUpdateF64(w, wOff, m, mOff, v, vOff, g, gOff,
                n, stepSize, beta1, beta2, eps, biasCorrection2Sqrt, weightDecay, l1, decay);
    }

    @Override
    public void clampF32(MemorySegment out, long outOff, MemorySegment x, long xOff, long n, float lo, float hi) {
        delegate.clampF32(out, outOff, x, xOff, n, lo, hi);
    }

    @Override
    public void clampF64(MemorySegment out, long outOff, MemorySegment x, long xOff, long n, double lo,
                         double hi) {
        delegate.clampF64(out, outOff, x, xOff, n, lo, hi);
    }

    @Override
    public void rowBroadcastF32(BinaryOp op, MemorySegment out, long outOff, long ldOut, MemorySegment a, long aOff,
                                long lda, MemorySegment v, long vOff, int rows, int cols) {
        delegate.rowBroadcastF32(op, out, outOff, ldOut, a, aOff, lda, v, vOff, rows, cols);
    }

    @Override
    public void rowBroadcastF64(BinaryOp op, MemorySegment out, long outOff, long ldOut, MemorySegment a, long aOff,
                                long lda, MemorySegment v, long vOff, int rows, int cols) {
        delegate.rowBroadcastF64(op, out, outOff, ldOut, a, aOff, lda, v, vOff, rows, cols);
    }

    @Override
    public void columnBroadcastF32(BinaryOp op, MemorySegment out, long outOff, long ldOut, MemorySegment a, long aOff,
                                   long lda, MemorySegment c, long cOff, int rows, int cols) {
        delegate.columnBroadcastF32(op, out, outOff, ldOut, a, aOff, lda, c, cOff, rows, cols);
    }

    @Override
    public void columnBroadcastF64(BinaryOp op, MemorySegment out, long outOff, long ldOut, MemorySegment a, long aOff,
                                   long lda, MemorySegment c, long cOff, int rows, int cols) {
        delegate.columnBroadcastF64(op, out, outOff, ldOut, a, aOff, lda, c, cOff, rows, cols);
    }
}
