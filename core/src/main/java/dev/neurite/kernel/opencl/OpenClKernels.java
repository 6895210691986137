package dev.neurite.kernel.opencl;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.ForwardingKernels;
import dev.neurite.kernel.RowReduction;
import dev.neurite.kernel.UnaryOp;
import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.MemorySegment;

/**
 * The {@code opencl} backend: the {@link dev.neurite.kernel.Kernels} methods on an OpenCL device,
 * but for the row and column broadcasts, forwarded to the scalar reference. Each call copies
 * its inputs to the device, runs the kernel and reads the outputs back ({@link OpenClStagedOps}),
 * so on host tensors it pays two transfers per call: correct everywhere, fast only where the work
 * per byte is large (GEMM). That is why automatic backend selection never picks it.
 * Device-resident training uses {@link OpenClOps}, {@link OpenClRowOps} and {@link OpenClGemm}
 * directly.
 *
 * <p>Thread-safe: every method holds this instance's lock. One lock rather than finer ones because
 * everything a call touches is shared: the single in-order queue, each kernel's argument slots
 * ({@code clSetKernelArg} sets state on the {@code cl_kernel}, not per launch), the argument
 * scratch of {@code KernelCall} and the device scratch buffers.
 */
public final class OpenClKernels extends ForwardingKernels {

    private static final ClType F32 = ClType.FLOAT32;
    private static final ClType F64 = ClType.FLOAT64;

    private final OpenClContext context;
    private final boolean ownsContext;
    private final OpenClStagedOps staged;

    /** A backend on the device {@code -Dneurite.opencl.device} selects; throws {@link OpenClException} if none. */
    public OpenClKernels() {
        this(OpenClContext.open(), true);
    }

    /** A backend on {@code context}, which the caller keeps and closes. */
    public OpenClKernels(OpenClContext context) {
        this(context, false);
    }

    private OpenClKernels(OpenClContext context, boolean ownsContext) {
        // what this backend has no device kernel for (the row and column broadcasts) runs on the
        // host reference: each call would copy its operands to the device and back anyway
        super(new ScalarKernels());
        this.context = context;
        this.ownsContext = ownsContext;
        this.staged = new OpenClStagedOps(context);
    }

    @Override
    public String name() {
        return "opencl";
    }

    /** The device this backend runs on. */
    public OpenClDevice device() {
        return context.device();
    }

    @Override
    public String details() {
        return context.device().describe();
    }

    @Override
    public synchronized void gemmF32(MemorySegment c, long cOff, long ldc, MemorySegment a, long aOff, long lda,
                                     boolean transA, MemorySegment b, long bOff, long ldb, boolean transB, int m, int n,
                                     int k, float alpha, float beta) {
        staged.gemm(F32, c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
    }

    @Override
    public synchronized void gemmF64(MemorySegment c, long cOff, long ldc, MemorySegment a, long aOff, long lda,
                                     boolean transA, MemorySegment b, long bOff, long ldb, boolean transB, int m, int n,
                                     int k, double alpha, double beta) {
        staged.gemm(F64, c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
    }

    @Override
    public synchronized void gemvF32(MemorySegment y, long yOff, MemorySegment a, long aOff, long lda, boolean transA,
                                     MemorySegment x, long xOff, int m, int n, float alpha, float beta) {
        staged.gemv(F32, y, yOff, a, aOff, lda, transA, x, xOff, m, n, alpha, beta);
    }

    @Override
    public synchronized void gemvF64(MemorySegment y, long yOff, MemorySegment a, long aOff, long lda, boolean transA,
                                     MemorySegment x, long xOff, int m, int n, double alpha, double beta) {
        staged.gemv(F64, y, yOff, a, aOff, lda, transA, x, xOff, m, n, alpha, beta);
    }

    @Override
    public synchronized void axpyF32(MemorySegment y, long yOff, float alpha, MemorySegment x, long xOff, long n) {
        staged.axpy(F32, y, yOff, alpha, x, xOff, n);
    }

    @Override
    public synchronized void axpyF64(MemorySegment y, long yOff, double alpha, MemorySegment x, long xOff, long n) {
        staged.axpy(F64, y, yOff, alpha, x, xOff, n);
    }

    @Override
    public synchronized void scaleF32(MemorySegment out, long outOff, float alpha, MemorySegment x, long xOff, long n) {
        staged.scale(F32, out, outOff, alpha, x, xOff, n);
    }

    @Override
    public synchronized void scaleF64(MemorySegment out, long outOff, double alpha, MemorySegment x, long xOff,
                                      long n) {
        staged.scale(F64, out, outOff, alpha, x, xOff, n);
    }

    @Override
    public synchronized void binaryF32(BinaryOp op, MemorySegment out, long outOff, MemorySegment a, long aOff,
                                       MemorySegment b, long bOff, long n) {
        staged.binary(F32, op, out, outOff, a, aOff, b, bOff, n);
    }

    @Override
    public synchronized void binaryF64(BinaryOp op, MemorySegment out, long outOff, MemorySegment a, long aOff,
                                       MemorySegment b, long bOff, long n) {
        staged.binary(F64, op, out, outOff, a, aOff, b, bOff, n);
    }

    @Override
    public synchronized void unaryF32(UnaryOp op, MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        staged.unary(F32, op, out, outOff, x, xOff, n);
    }

    @Override
    public synchronized void unaryF64(UnaryOp op, MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        staged.unary(F64, op, out, outOff, x, xOff, n);
    }

    @Override
    public synchronized void activationForwardF32(Activation f, float slope, MemorySegment y, long yOff,
                                                  MemorySegment x, long xOff, long n) {
        staged.activationForward(F32, f, slope, y, yOff, x, xOff, n);
    }

    @Override
    public synchronized void activationForwardF64(Activation f, double slope, MemorySegment y, long yOff,
                                                  MemorySegment x, long xOff, long n) {
        staged.activationForward(F64, f, slope, y, yOff, x, xOff, n);
    }

    @Override
    public synchronized void activationBackwardF32(Activation f, float slope, MemorySegment dX, long dXOff,
                                                   MemorySegment dY, long dYOff, MemorySegment y, long yOff, long n) {
        staged.activationBackward(F32, f, slope, dX, dXOff, dY, dYOff, y, yOff, n);
    }

    @Override
    public synchronized void activationBackwardF64(Activation f, double slope, MemorySegment dX, long dXOff,
                                                   MemorySegment dY, long dYOff, MemorySegment y, long yOff, long n) {
        staged.activationBackward(F64, f, slope, dX, dXOff, dY, dYOff, y, yOff, n);
    }

    @Override
    public synchronized float dotF32(MemorySegment x, long xOff, MemorySegment y, long yOff, long n) {
        return (float) staged.dot(F32, x, xOff, y, yOff, n);
    }

    @Override
    public synchronized double dotF64(MemorySegment x, long xOff, MemorySegment y, long yOff, long n) {
        return staged.dot(F64, x, xOff, y, yOff, n);
    }

    @Override
    public synchronized float sumF32(MemorySegment x, long xOff, long n) {
        return (float) staged.sum(F32, false, x, xOff, n);
    }

    @Override
    public synchronized double sumF64(MemorySegment x, long xOff, long n) {
        return staged.sum(F64, false, x, xOff, n);
    }

    @Override
    public synchronized float sumOfSquaresF32(MemorySegment x, long xOff, long n) {
        return (float) staged.sum(F32, true, x, xOff, n);
    }

    @Override
    public synchronized double sumOfSquaresF64(MemorySegment x, long xOff, long n) {
        return staged.sum(F64, true, x, xOff, n);
    }

    @Override
    public synchronized void addRowVectorF32(MemorySegment out, long outOff, long ldOut, MemorySegment a, long aOff,
                                             long lda, MemorySegment bias, long biasOff, int rows, int cols) {
        staged.addRowVector(F32, null, 0, out, outOff, ldOut, a, aOff, lda, bias, biasOff, rows, cols);
    }

    @Override
    public synchronized void addRowVectorF64(MemorySegment out, long outOff, long ldOut, MemorySegment a, long aOff,
                                             long lda, MemorySegment bias, long biasOff, int rows, int cols) {
        staged.addRowVector(F64, null, 0, out, outOff, ldOut, a, aOff, lda, bias, biasOff, rows, cols);
    }

    @Override
    public synchronized void addRowVectorActivationF32(Activation f, float slope, MemorySegment out, long outOff,
                                                       long ldOut, MemorySegment a, long aOff, long lda,
                                                       MemorySegment bias, long biasOff, int rows, int cols) {
        staged.addRowVector(F32, f, slope, out, outOff, ldOut, a, aOff, lda, bias, biasOff, rows, cols);
    }

    @Override
    public synchronized void addRowVectorActivationF64(Activation f, double slope, MemorySegment out, long outOff,
                                                       long ldOut, MemorySegment a, long aOff, long lda,
                                                       MemorySegment bias, long biasOff, int rows, int cols) {
        staged.addRowVector(F64, f, slope, out, outOff, ldOut, a, aOff, lda, bias, biasOff, rows, cols);
    }

    @Override
    public synchronized void columnSumsF32(MemorySegment out, long outOff, MemorySegment a, long aOff, long lda,
                                           int rows, int cols) {
        staged.columnSums(F32, out, outOff, a, aOff, lda, rows, cols);
    }

    @Override
    public synchronized void columnSumsF64(MemorySegment out, long outOff, MemorySegment a, long aOff, long lda,
                                           int rows, int cols) {
        staged.columnSums(F64, out, outOff, a, aOff, lda, rows, cols);
    }

    @Override
    public synchronized void softmaxRowsF32(MemorySegment out, long outOff, long ldOut, MemorySegment x, long xOff,
                                            long ldx, int rows, int cols) {
        staged.softmax(F32, false, out, outOff, ldOut, x, xOff, ldx, rows, cols);
    }

    @Override
    public synchronized void softmaxRowsF64(MemorySegment out, long outOff, long ldOut, MemorySegment x, long xOff,
                                            long ldx, int rows, int cols) {
        staged.softmax(F64, false, out, outOff, ldOut, x, xOff, ldx, rows, cols);
    }

    @Override
    public synchronized void logSoftmaxRowsF32(MemorySegment out, long outOff, long ldOut, MemorySegment x, long xOff,
                                               long ldx, int rows, int cols) {
        staged.softmax(F32, true, out, outOff, ldOut, x, xOff, ldx, rows, cols);
    }

    @Override
    public synchronized void logSoftmaxRowsF64(MemorySegment out, long outOff, long ldOut, MemorySegment x, long xOff,
                                               long ldx, int rows, int cols) {
        staged.softmax(F64, true, out, outOff, ldOut, x, xOff, ldx, rows, cols);
    }

    @Override
    public synchronized double softmaxCrossEntropyF32(MemorySegment dZ, long dZOff, long ldd, MemorySegment z,
                                                      long zOff, long ldz, int[] labels, int labelsOff, int rows,
                                                      int cols, float scale) {
        return staged.softmaxCrossEntropy(F32, dZ, dZOff, ldd, z, zOff, ldz, labels, labelsOff, rows, cols, scale);
    }

    @Override
    public synchronized double softmaxCrossEntropyF64(MemorySegment dZ, long dZOff, long ldd, MemorySegment z,
                                                      long zOff, long ldz, int[] labels, int labelsOff, int rows,
                                                      int cols, double scale) {
        return staged.softmaxCrossEntropy(F64, dZ, dZOff, ldd, z, zOff, ldz, labels, labelsOff, rows, cols, scale);
    }

    @Override
    public synchronized void rowReduceF32(RowReduction op, MemorySegment out, long outOff, MemorySegment x, long xOff,
                                          long ldx, int rows, int cols) {
        staged.rowReduce(F32, op, out, outOff, x, xOff, ldx, rows, cols);
    }

    @Override
    public synchronized void rowReduceF64(RowReduction op, MemorySegment out, long outOff, MemorySegment x, long xOff,
                                          long ldx, int rows, int cols) {
        staged.rowReduce(F64, op, out, outOff, x, xOff, ldx, rows, cols);
    }

    @Override
    public synchronized void rowArgmaxF32(MemorySegment out, long outOff, MemorySegment x, long xOff, long ldx,
                                          int rows, int cols) {
        staged.rowArgmax(F32, out, outOff, x, xOff, ldx, rows, cols);
    }

    @Override
    public synchronized void rowArgmaxF64(MemorySegment out, long outOff, MemorySegment x, long xOff, long ldx,
                                          int rows, int cols) {
        staged.rowArgmax(F64, out, outOff, x, xOff, ldx, rows, cols);
    }

    @Override
    public synchronized void sgdUpdateF32(MemorySegment w, long wOff, MemorySegment buf, long bufOff, MemorySegment g,
                                          long gOff, long n, float lr, float momentum, float dampening,
                                          boolean nesterov, float weightDecay, float l1, boolean firstStep) {
        staged.sgd(F32, w, wOff, buf, bufOff, g, gOff, n, lr, momentum, dampening, nesterov, weightDecay, l1,
                firstStep);
    }

    @Override
    public synchronized void sgdUpdateF64(MemorySegment w, long wOff, MemorySegment buf, long bufOff, MemorySegment g,
                                          long gOff, long n, double lr, double momentum, double dampening,
                                          boolean nesterov, double weightDecay, double l1, boolean firstStep) {
        staged.sgd(F64, w, wOff, buf, bufOff, g, gOff, n, lr, momentum, dampening, nesterov, weightDecay, l1,
                firstStep);
    }

    @Override
    public synchronized void rmspropUpdateF32(MemorySegment w, long wOff, MemorySegment sq, long sqOff,
                                              MemorySegment gAvg, long gAvgOff, MemorySegment buf, long bufOff,
                                              MemorySegment g, long gOff, long n, float lr, float alpha, float eps,
                                              float momentum, boolean centered, float weightDecay, float l1) {
        staged.rmsprop(F32, w, wOff, sq, sqOff, gAvg, gAvgOff, buf, bufOff, g, gOff, n, lr, alpha, eps, momentum,
                centered, weightDecay, l1);
    }

    @Override
    public synchronized void rmspropUpdateF64(MemorySegment w, long wOff, MemorySegment sq, long sqOff,
                                              MemorySegment gAvg, long gAvgOff, MemorySegment buf, long bufOff,
                                              MemorySegment g, long gOff, long n, double lr, double alpha, double eps,
                                              double momentum, boolean centered, double weightDecay, double l1) {
        staged.rmsprop(F64, w, wOff, sq, sqOff, gAvg, gAvgOff, buf, bufOff, g, gOff, n, lr, alpha, eps, momentum,
                centered, weightDecay, l1);
    }

    @Override
    public synchronized void adamUpdateF32(MemorySegment w, long wOff, MemorySegment m, long mOff, MemorySegment v,
                                           long vOff, MemorySegment g, long gOff, long n, float stepSize, float beta1,
                                           float beta2, float eps, float biasCorrection2Sqrt, float weightDecay,
                                           float l1, float decay) {
        staged.adam(F32, w, wOff, m, mOff, v, vOff, g, gOff, n, stepSize, beta1, beta2, eps, biasCorrection2Sqrt,
                weightDecay, l1, decay);
    }

    @Override
    public synchronized void adamUpdateF64(MemorySegment w, long wOff, MemorySegment m, long mOff, MemorySegment v,
                                           long vOff, MemorySegment g, long gOff, long n, double stepSize, double beta1,
                                           double beta2, double eps, double biasCorrection2Sqrt, double weightDecay,
                                           double l1, double decay) {
        staged.adam(F64, w, wOff, m, mOff, v, vOff, g, gOff, n, stepSize, beta1, beta2, eps, biasCorrection2Sqrt,
                weightDecay, l1, decay);
    }

    @Override
    public synchronized void clampF32(MemorySegment out, long outOff, MemorySegment x, long xOff, long n, float lo,
                                      float hi) {
        staged.clamp(F32, out, outOff, x, xOff, n, lo, hi);
    }

    @Override
    public synchronized void clampF64(MemorySegment out, long outOff, MemorySegment x, long xOff, long n, double lo,
                                      double hi) {
        staged.clamp(F64, out, outOff, x, xOff, n, lo, hi);
    }


    /** Releases the scratch buffers, and the context when this backend opened it. */
    @Override
    public synchronized void close() {
        staged.close();
        if (ownsContext) {
            context.close();
        }
    }
}
