package dev.neurite.kernel.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.ForwardingKernels;
import dev.neurite.kernel.RowReduction;
import dev.neurite.kernel.UnaryOp;
import dev.neurite.kernel.scalar.ScalarFusedKernels;
import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API backend. Every float method is vectorized ({@link SimdGemmF32} for GEMM, the
 * {@code Simd*F32} classes for the rest). Double precision is a secondary path: the element-wise
 * methods (axpy, scale, binary, unary, activations) are vectorized, while GEMM, GEMV, dot, sums
 * and the row kernels are forwarded ({@link ForwardingKernels}) to {@link ScalarKernels}.
 *
 * <p>Element-wise work, bias and activation passes, softmax and optimizer updates of at least
 * {@link SimdParallel#MIN_ELEMENTS} elements are split across the kernel threads.
 */
public final class SimdKernels extends ForwardingKernels {

    /** Whether the JIT emits hardware FMA; without it {@code fma} is a slow exact emulation. */
    static final boolean FAST_FMA = jitUsesFma();

    private final ScalarKernels scalar; // the delegate: the float64 kernels this backend does not vectorize

    /**
     * @throws UnsupportedOperationException when the configured vector width is unusable here
     *     (narrower than 128 bits, wider than the CPU, or an invalid {@code neurite.simd.bits})
     */
    public SimdKernels() {
        this(new ScalarKernels());
    }

    private SimdKernels(ScalarKernels scalar) {
        super(scalar);
        this.scalar = scalar;
        VectorSpecies<Float> species = species();
        if (species.vectorBitSize() < 128) {
            throw new UnsupportedOperationException("vectors are only " + species.vectorBitSize()
                    + " bits wide here; the SIMD backend needs at least 128");
        }
    }

    private static VectorSpecies<Float> species() {
        try {
            return SimdConstants.FLOAT_SPECIES;
        } catch (ExceptionInInitializerError e) {
            if (e.getCause() instanceof UnsupportedOperationException u) {
                throw new UnsupportedOperationException(u.getMessage(), u);
            }
            throw new UnsupportedOperationException("the Vector API species cannot be created: " + e.getCause(), e);
        } catch (NoClassDefFoundError e) {
            // a later attempt after a failed initialization; the message names the first failure
            throw new UnsupportedOperationException("the Vector API species cannot be created: " + e.getMessage(), e);
        }
    }

    /** The number of float lanes per vector in use. */
    public static int floatLanes() {
        return SimdConstants.FLOAT_SPECIES.length();
    }

    private static boolean jitUsesFma() {
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return bean == null || !"false".equals(bean.getVMOption("UseFMA").getValue());
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return true; // not HotSpot on x86/aarch64: assume a current CPU
        }
    }

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public String details() {
        var species = SimdConstants.FLOAT_SPECIES;
        return species.vectorBitSize() + "-bit vectors (" + species.length() + " floats)"
                + (System.getProperty("neurite.simd.bits") != null ? ", forced by -Dneurite.simd.bits" : "")
                + (FAST_FMA ? ", FMA" : ", no FMA");
    }

    // ---------------------------------------------------------------------------------------
    // GEMM / GEMV

    @Override
    public void gemmF32(MemorySegment c, long cOff, long ldc,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment b, long bOff, long ldb, boolean transB,
                        int m, int n, int k, float alpha, float beta) {
        SimdGemmF32.gemm(c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
    }

    @Override
    public void gemvF32(MemorySegment y, long yOff,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment x, long xOff, int m, int n, float alpha, float beta) {
        SimdGemv.gemv(y, yOff, a, aOff, lda, transA, x, xOff, m, n, alpha, beta);
    }

    // ---------------------------------------------------------------------------------------
    // Element-wise

    @Override
    public void axpyF32(MemorySegment y, long yOff, float alpha, MemorySegment x, long xOff, long n) {
        if (SimdParallel.worthSplitting(n, y, x)) {
            SimdParallel.forElements(n, Float.BYTES,
                    (from, to) -> SimdElementwiseF32.axpy(y, yOff + from, alpha, x, xOff + from, to - from));
        } else {
            SimdElementwiseF32.axpy(y, yOff, alpha, x, xOff, n);
        }
    }

    @Override
    public void axpyF64(MemorySegment y, long yOff, double alpha, MemorySegment x, long xOff, long n) {
        if (SimdParallel.worthSplitting(n, y, x)) {
            SimdParallel.forElements(n, Double.BYTES,
                    (from, to) -> SimdElementwiseF64.axpy(y, yOff + from, alpha, x, xOff + from, to - from));
        } else {
            SimdElementwiseF64.axpy(y, yOff, alpha, x, xOff, n);
        }
    }

    @Override
    public void scaleF32(MemorySegment out, long outOff, float alpha, MemorySegment x, long xOff, long n) {
        if (SimdParallel.worthSplitting(n, out, x)) {
            SimdParallel.forElements(n, Float.BYTES,
                    (from, to) -> SimdElementwiseF32.scale(out, outOff + from, alpha, x, xOff + from, to - from));
        } else {
            SimdElementwiseF32.scale(out, outOff, alpha, x, xOff, n);
        }
    }

    @Override
    public void scaleF64(MemorySegment out, long outOff, double alpha, MemorySegment x, long xOff, long n) {
        if (SimdParallel.worthSplitting(n, out, x)) {
            SimdParallel.forElements(n, Double.BYTES,
                    (from, to) -> SimdElementwiseF64.scale(out, outOff + from, alpha, x, xOff + from, to - from));
        } else {
            SimdElementwiseF64.scale(out, outOff, alpha, x, xOff, n);
        }
    }

    @Override
    public void binaryF32(BinaryOp op, MemorySegment out, long outOff,
                          MemorySegment a, long aOff, MemorySegment b, long bOff, long n) {
        if (SimdParallel.worthSplitting(n, out, a, b)) {
            SimdParallel.forElements(n, Float.BYTES, (from, to) ->
                    SimdElementwiseF32.binary(op, out, outOff + from, a, aOff + from, b, bOff + from, to - from));
        } else {
            SimdElementwiseF32.binary(op, out, outOff, a, aOff, b, bOff, n);
        }
    }

    @Override
    public void binaryF64(BinaryOp op, MemorySegment out, long outOff,
                          MemorySegment a, long aOff, MemorySegment b, long bOff, long n) {
        if (SimdParallel.worthSplitting(n, out, a, b)) {
            SimdParallel.forElements(n, Double.BYTES, (from, to) ->
                    SimdElementwiseF64.binary(op, out, outOff + from, a, aOff + from, b, bOff + from, to - from));
        } else {
            SimdElementwiseF64.binary(op, out, outOff, a, aOff, b, bOff, n);
        }
    }

    @Override
    public void unaryF32(UnaryOp op, MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        if (SimdParallel.worthSplitting(n, out, x)) {
            SimdParallel.forElements(n, Float.BYTES,
                    (from, to) -> SimdElementwiseF32.unary(op, out, outOff + from, x, xOff + from, to - from));
        } else {
            SimdElementwiseF32.unary(op, out, outOff, x, xOff, n);
        }
    }

    @Override
    public void unaryF64(UnaryOp op, MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        if (SimdParallel.worthSplitting(n, out, x)) {
            SimdParallel.forElements(n, Double.BYTES,
                    (from, to) -> SimdElementwiseF64.unary(op, out, outOff + from, x, xOff + from, to - from));
        } else {
            SimdElementwiseF64.unary(op, out, outOff, x, xOff, n);
        }
    }

    @Override
    public void activationForwardF32(Activation f, float slope, MemorySegment y, long yOff,
                                     MemorySegment x, long xOff, long n) {
        if (SimdParallel.worthSplitting(n, y, x)) {
            SimdParallel.forElements(n, Float.BYTES,
                    (from, to) -> SimdActivationsF32.forward(f, slope, y, yOff + from, x, xOff + from, to - from));
        } else {
            SimdActivationsF32.forward(f, slope, y, yOff, x, xOff, n);
        }
    }

    @Override
    public void activationForwardF64(Activation f, double slope, MemorySegment y, long yOff,
                                     MemorySegment x, long xOff, long n) {
        if (SimdParallel.worthSplitting(n, y, x)) {
            SimdParallel.forElements(n, Double.BYTES,
                    (from, to) -> SimdActivationsF64.forward(f, slope, y, yOff + from, x, xOff + from, to - from));
        } else {
            SimdActivationsF64.forward(f, slope, y, yOff, x, xOff, n);
        }
    }

    @Override
    public void activationBackwardF32(Activation f, float slope, MemorySegment dX, long dXOff,
                                      MemorySegment dY, long dYOff, MemorySegment y, long yOff, long n) {
        if (SimdParallel.worthSplitting(n, dX, dY, y)) {
            SimdParallel.forElements(n, Float.BYTES, (from, to) -> SimdActivationsF32.backward(
                    f, slope, dX, dXOff + from, dY, dYOff + from, y, yOff + from, to - from));
        } else {
            SimdActivationsF32.backward(f, slope, dX, dXOff, dY, dYOff, y, yOff, n);
        }
    }

    @Override
    public void activationBackwardF64(Activation f, double slope, MemorySegment dX, long dXOff,
                                      MemorySegment dY, long dYOff, MemorySegment y, long yOff, long n) {
        if (SimdParallel.worthSplitting(n, dX, dY, y)) {
            SimdParallel.forElements(n, Double.BYTES, (from, to) -> SimdActivationsF64.backward(
                    f, slope, dX, dXOff + from, dY, dYOff + from, y, yOff + from, to - from));
        } else {
            SimdActivationsF64.backward(f, slope, dX, dXOff, dY, dYOff, y, yOff, n);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Reductions

    @Override
    public float dotF32(MemorySegment x, long xOff, MemorySegment y, long yOff, long n) {
        return SimdReductionsF32.dot(x, xOff, y, yOff, n);
    }

    @Override
    public float sumF32(MemorySegment x, long xOff, long n) {
        return SimdReductionsF32.sum(x, xOff, n);
    }

    @Override
    public float sumOfSquaresF32(MemorySegment x, long xOff, long n) {
        return SimdReductionsF32.sumOfSquares(x, xOff, n);
    }

    // ---------------------------------------------------------------------------------------
    // Matrices

    @Override
    public void addRowVectorF32(MemorySegment out, long outOff, long ldOut,
                                MemorySegment a, long aOff, long lda,
                                MemorySegment bias, long biasOff, int rows, int cols) {
        if (SimdParallel.worthSplitting((long) rows * cols, out, a, bias)) {
            SimdParallel.forRows(rows, (from, to) ->
                    SimdRowsF32.addRowVector(out, outOff, ldOut, a, aOff, lda, bias, biasOff, from, to, cols));
        } else {
            SimdRowsF32.addRowVector(out, outOff, ldOut, a, aOff, lda, bias, biasOff, 0, rows, cols);
        }
    }

    @Override
    public void addRowVectorActivationF32(Activation f, float slope, MemorySegment out, long outOff, long ldOut,
                                          MemorySegment a, long aOff, long lda,
                                          MemorySegment bias, long biasOff, int rows, int cols) {
        if (SimdParallel.worthSplitting((long) rows * cols, out, a, bias)) {
            SimdParallel.forRows(rows, (from, to) -> SimdBiasActivationF32.rows(f, slope, out, outOff, ldOut,
                    a, aOff, lda, bias, biasOff, from, to, cols));
        } else {
            SimdBiasActivationF32.rows(f, slope, out, outOff, ldOut, a, aOff, lda, bias, biasOff, 0, rows, cols);
        }
    }

    @Override
    public void addRowVectorActivationF64(Activation f, double slope, MemorySegment out, long outOff, long ldOut,
                                          MemorySegment a, long aOff, long lda,
                                          MemorySegment bias, long biasOff, int rows, int cols) {
        // the same two steps as the unfused kernels (scalar bias add, vector activation), row by row
        for (long i = 0; i < rows; i++) {
            long o = outOff + i * ldOut;
            scalar.addRowVectorF64(out, o, ldOut, a, aOff + i * lda, lda, bias, biasOff, 1, cols);
            SimdActivationsF64.forward(f, slope, out, o, out, o, cols);
        }
    }

    @Override
    public void rowBroadcastF32(BinaryOp op, MemorySegment out, long outOff, long ldOut,
                                MemorySegment a, long aOff, long lda, MemorySegment v, long vOff, int rows, int cols) {
        if (SimdParallel.worthSplitting((long) rows * cols, out, a, v)) {
            SimdParallel.forRows(rows, (from, to) -> rowBroadcastRows(op, out, outOff, ldOut, a, aOff, lda, v, vOff,
                    from, to, cols));
        } else {
            rowBroadcastRows(op, out, outOff, ldOut, a, aOff, lda, v, vOff, 0, rows, cols);
        }
    }

    private static void rowBroadcastRows(BinaryOp op, MemorySegment out, long outOff, long ldOut, MemorySegment a,
                                         long aOff, long lda, MemorySegment v, long vOff, long from, long to, int cols) {
        for (long i = from; i < to; i++) {
            SimdElementwiseF32.binary(op, out, outOff + i * ldOut, a, aOff + i * lda, v, vOff, cols);
        }
    }

    @Override
    public void columnBroadcastF32(BinaryOp op, MemorySegment out, long outOff, long ldOut,
                                   MemorySegment a, long aOff, long lda, MemorySegment c, long cOff, int rows,
                                   int cols) {
        if (SimdParallel.worthSplitting((long) rows * cols, out, a, c)) {
            SimdParallel.forRows(rows, (from, to) -> columnBroadcastRows(op, out, outOff, ldOut, a, aOff, lda, c, cOff,
                    from, to, cols));
        } else {
            columnBroadcastRows(op, out, outOff, ldOut, a, aOff, lda, c, cOff, 0, rows, cols);
        }
    }

    private static void columnBroadcastRows(BinaryOp op, MemorySegment out, long outOff, long ldOut, MemorySegment a,
                                            long aOff, long lda, MemorySegment c, long cOff, long from, long to,
                                            int cols) {
        for (long i = from; i < to; i++) {
            float ci = c.getAtIndex(ValueLayout.JAVA_FLOAT, cOff + i);
            SimdElementwiseF32.binaryScalar(op, out, outOff + i * ldOut, a, aOff + i * lda, ci, cols);
        }
    }

    /** Scalar: logits rows (10 classes for the MLP) are shorter than a vector. */
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
    public void columnSumsF32(MemorySegment out, long outOff,
                              MemorySegment a, long aOff, long lda, int rows, int cols) {
        // whole blocks of four vectors in SIMD; the rest (all of a 10-class bias) scalar, which
        // passes no masks between methods and so allocates nothing before C2 inlines everything
        int block = 4 * SimdConstants.FLOAT_SPECIES.length();
        int body = cols - cols % block;
        if (body > 0) {
            SimdRowsF32.columnSums(out, outOff, a, aOff, lda, rows, body);
        }
        if (body < cols) {
            scalar.columnSumsF32(out, outOff + body, a, aOff + body, lda, rows, cols - body);
        }
    }

    @Override
    public void softmaxRowsF32(MemorySegment out, long outOff, long ldOut,
                               MemorySegment x, long xOff, long ldx, int rows, int cols) {
        if (SimdParallel.worthSplitting((long) rows * cols, out, x)) {
            SimdParallel.forRows(rows, (from, to) ->
                    SimdRowsF32.softmax(out, outOff, ldOut, x, xOff, ldx, from, to, cols));
        } else {
            SimdRowsF32.softmax(out, outOff, ldOut, x, xOff, ldx, 0, rows, cols);
        }
    }

    @Override
    public void logSoftmaxRowsF32(MemorySegment out, long outOff, long ldOut,
                                  MemorySegment x, long xOff, long ldx, int rows, int cols) {
        if (SimdParallel.worthSplitting((long) rows * cols, out, x)) {
            SimdParallel.forRows(rows, (from, to) ->
                    SimdRowsF32.logSoftmax(out, outOff, ldOut, x, xOff, ldx, from, to, cols));
        } else {
            SimdRowsF32.logSoftmax(out, outOff, ldOut, x, xOff, ldx, 0, rows, cols);
        }
    }

    @Override
    public void rowReduceF32(RowReduction op, MemorySegment out, long outOff,
                             MemorySegment x, long xOff, long ldx, int rows, int cols) {
        SimdRowsF32.rowReduce(op, out, outOff, x, xOff, ldx, rows, cols);
    }

    @Override
    public void rowArgmaxF32(MemorySegment out, long outOff,
                             MemorySegment x, long xOff, long ldx, int rows, int cols) {
        SimdRowsF32.rowArgmax(out, outOff, x, xOff, ldx, rows, cols);
    }

    // ---------------------------------------------------------------------------------------
    // Optimizer updates: float vectorized (split across threads when large), double scalar

    /** Whether an update over {@code n} elements of these segments is worth splitting across threads. */
    private static boolean splitUpdate(long n, MemorySegment a, MemorySegment b, MemorySegment c, MemorySegment d,
                                       MemorySegment e) {
        return SimdParallel.worthSplitting(n, a, b, c) && SimdParallel.worthSplitting(n, d, e);
    }

    @Override
    public void sgdUpdateF32(MemorySegment w, long wOff, MemorySegment buf, long bufOff,
                             MemorySegment g, long gOff, long n, float lr, float momentum, float dampening,
                             boolean nesterov, float weightDecay, float l1, boolean firstStep) {
        if (SimdParallel.worthSplitting(n, w, buf, g)) {
            SimdParallel.forElements(n, Float.BYTES, (from, to) -> SimdOptimizerF32.sgd(w, wOff + from,
                    buf, bufOff + from, g, gOff + from, to - from, lr, momentum, dampening, nesterov,
                    weightDecay, l1, firstStep));
        } else {
            SimdOptimizerF32.sgd(w, wOff, buf, bufOff, g, gOff, n, lr, momentum, dampening, nesterov,
                    weightDecay, l1, firstStep);
        }
    }

    @Override
    public void rmspropUpdateF32(MemorySegment w, long wOff, MemorySegment sq, long sqOff,
                                 MemorySegment gAvg, long gAvgOff, MemorySegment buf, long bufOff,
                                 MemorySegment g, long gOff, long n, float lr, float alpha, float eps,
                                 float momentum, boolean centered, float weightDecay, float l1) {
        if (splitUpdate(n, w, sq, gAvg, buf, g)) {
            SimdParallel.forElements(n, Float.BYTES, (from, to) -> SimdOptimizerF32.rmsprop(w, wOff + from,
                    sq, sqOff + from, gAvg, gAvgOff + from, buf, bufOff + from, g, gOff + from, to - from,
                    lr, alpha, eps, momentum, centered, weightDecay, l1));
        } else {
            SimdOptimizerF32.rmsprop(w, wOff, sq, sqOff, gAvg, gAvgOff, buf, bufOff, g, gOff, n,
                    lr, alpha, eps, momentum, centered, weightDecay, l1);
        }
    }

    @Override
    public void adamUpdateF32(MemorySegment w, long wOff, MemorySegment m, long mOff, MemorySegment v, long vOff,
                              MemorySegment g, long gOff, long n, float stepSize, float beta1, float beta2,
                              float eps, float biasCorrection2Sqrt, float weightDecay, float l1, float decay) {
        if (splitUpdate(n, w, m, v, g, g)) {
            SimdParallel.forElements(n, Float.BYTES, (from, to) -> adamRange(w, wOff + from, m, mOff + from,
                    v, vOff + from, g, gOff + from, to - from, stepSize, beta1, beta2, eps,
                    biasCorrection2Sqrt, weightDecay, l1, decay));
        } else {
            adamRange(w, wOff, m, mOff, v, vOff, g, gOff, n, stepSize, beta1, beta2, eps,
                    biasCorrection2Sqrt, weightDecay, l1, decay);
        }
    }

    private void adamRange(MemorySegment w, long wOff, MemorySegment m, long mOff, MemorySegment v, long vOff,
                           MemorySegment g, long gOff, long n, float stepSize, float beta1, float beta2,
                           float eps, float biasCorrection2Sqrt, float weightDecay, float l1, float decay) {
        // the tail of fewer than one vector runs scalar (same operations, same bits): a masked
        // tail call boxes its mask and vectors until C2 inlines it, which a tail called once
        // per step reaches late, so short training runs would allocate every step
        long body = n - n % SimdConstants.FLOAT_SPECIES.length();
        SimdOptimizerF32.adam(w, wOff, m, mOff, v, vOff, g, gOff, body, stepSize, beta1, beta2, eps,
                biasCorrection2Sqrt, weightDecay, l1, decay);
        if (body < n) {
            scalar.adamUpdateF32(w, wOff + body, m, mOff + body, v, vOff + body, g, gOff + body, n - body,
                    stepSize, beta1, beta2, eps, biasCorrection2Sqrt, weightDecay, l1, decay);
        }
    }

    @Override
    public void clampF32(MemorySegment out, long outOff, MemorySegment x, long xOff, long n, float lo, float hi) {
        if (SimdParallel.worthSplitting(n, out, x)) {
            SimdParallel.forElements(n, Float.BYTES,
                    (from, to) -> SimdOptimizerF32.clamp(out, outOff + from, x, xOff + from, to - from, lo, hi));
        } else {
            SimdOptimizerF32.clamp(out, outOff, x, xOff, n, lo, hi);
        }
    }

}
