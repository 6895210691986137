package dev.neurite.tensor;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.provider.KernelProvider;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.PointwiseLoss;
import dev.neurite.kernel.RowReduction;
import dev.neurite.kernel.UnaryOp;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The public, validated operations on {@link Tensor}s, dispatched to a kernel backend.
 *
 * <p>Every method checks at this edge what kernels only assert: that tensors are open, that
 * dtypes agree, that shapes fit (errors name the op and both shapes), and that an output does not
 * partly overlap an input. Outputs come first. Element-wise ops accept any views (row or column
 * slices, transposes); an output may be exactly the same tensor as an input.
 *
 * <p>{@link #get()} uses the backend chosen at start-up; {@link #using(String)} a named one.
 * {@link #run(Runnable)} and {@link #call(Supplier)} make an instance what {@code get()} returns
 * on the calling thread for the length of a block, so layers, losses and optimizers (which all
 * call {@code get()}) train or predict on that backend, without changing the JVM-wide choice.
 * Instances are immutable and thread-safe.
 */
public final class Ops implements AutoCloseable {

    private static volatile Ops defaultOps;

    private static final Map<Activation, String> FORWARD_NAMES = new EnumMap<>(Activation.class);
    private static final Map<Activation, String> BACKWARD_NAMES = new EnumMap<>(Activation.class);

    static {
        for (Activation f : Activation.values()) {
            String name = f.name().toLowerCase(Locale.ROOT);
            FORWARD_NAMES.put(f, name);
            BACKWARD_NAMES.put(f, name + "Backward");
        }
    }
    /** The instance {@link #get()} returns inside {@link #run}/{@link #call} on this thread. */
    private static final ScopedValue<Ops> SCOPED = ScopedValue.newInstance();

    private final Kernels kernels;
    /** True for an instance of {@link #using}, whose backend {@link #close()} releases. */
    private final boolean owned;

    private Ops(Kernels kernels, boolean owned) {
        this.kernels = kernels;
        this.owned = owned;
    }

    /**
     * Operations on the backend chosen at start-up, or inside {@link #run}/{@link #call} the
     * instance that block was given.
     */
    public static Ops get() {
        if (SCOPED.isBound()) {
            return SCOPED.get();
        }
        Ops ops = defaultOps;
        if (ops == null) {
            ops = new Ops(KernelProvider.get(), false); // two racing threads build equal instances
            defaultOps = ops;
        }
        return ops;
    }

    /**
     * Operations on a new instance of the named backend ({@code scalar}, {@code simd},
     * {@code blas} or {@code opencl}), which the caller closes: the OpenCL backend holds a device
     * context and buffers until then (the CPU backends hold nothing).
     *
     * @throws IllegalStateException when that backend cannot run here
     */
    public static Ops using(String backend) {
        return new Ops(KernelProvider.select(backend).kernels(), true);
    }

    /**
     * Releases the backend of an instance from {@link #using}; its later operations throw
     * {@link IllegalStateException} where the backend held anything. The instance {@link #get()}
     * returns belongs to the JVM: closing it does nothing.
     */
    @Override
    public void close() {
        if (owned) {
            kernels.close();
        }
    }

    /** The backend's name. */
    public String backend() {
        return kernels.name();
    }

    /**
     * Runs {@code action} with this instance as {@link #get()} on the calling thread (only there:
     * other threads keep their own). Blocks nest; the innermost wins.
     */
    public void run(Runnable action) {
        ScopedValue.where(SCOPED, this).run(action);
    }

    /** Like {@link #run(Runnable)}, returning the action's result. */
    public <T> T call(Supplier<T> action) {
        return ScopedValue.where(SCOPED, this).call(action::get);
    }

    // ---------------------------------------------------------------------------------------
    // Matrix products

    /** {@code c = a * b}; {@code a} is {@code m x k}, {@code b} {@code k x n}, {@code c} {@code m x n}. */
    public void matmul(Tensor c, Tensor a, Tensor b) {
        gemm(c, 1, a, b, 0);
    }

    /**
     * {@code c = alpha * a * b + beta * c}. Transposed views are passed to the kernel as transposed
     * operands without copying. With {@code beta == 0}, {@code c} is not read.
     */
    public void gemm(Tensor c, double alpha, Tensor a, Tensor b, double beta) {
        Checks.open("gemm", c, a, b);
        Checks.sameDtype("gemm", c, a, b);
        if (a.cols() != b.rows()) {
            throw new IllegalArgumentException("gemm: inner dimensions differ: a is " + a.shape()
                    + ", b is " + b.shape());
        }
        if (c.rows() != a.rows() || c.cols() != b.cols()) {
            throw new IllegalArgumentException("gemm: output c is " + c.shape() + " but a * b is "
                    + a.rows() + "x" + b.cols() + " (a is " + a.shape() + ", b is " + b.shape() + ")");
        }
        Checks.noOverlap("gemm", c, "c", a, "a");
        Checks.noOverlap("gemm", c, "c", b, "b");
        int m = c.rows();
        int n = c.cols();
        int k = a.cols();
        if (m == 0 || n == 0) {
            return;
        }
        Operand oc = Operand.of(c);
        if (oc.trans()) {
            // C^T = B^T A^T: a transposed output is written as the product of the swapped transposes
            gemm(c.transpose(), alpha, b.transpose(), a.transpose(), beta);
            return;
        }
        if (k == 0) {
            scale(c, beta, c);
            return;
        }
        if (DeviceOps.on(c)) {
            DeviceOps.gemm(c, alpha, a, b, beta);
            return;
        }
        try (Operand oa = Operand.of(a); Operand ob = Operand.of(b)) {
            if (c.dtype() == DType.F32) {
                kernels.gemmF32(oc.segment(), oc.offset(), oc.ld(), oa.segment(), oa.offset(), oa.ld(), oa.trans(),
                        ob.segment(), ob.offset(), ob.ld(), ob.trans(), m, n, k, (float) alpha, (float) beta);
            } else {
                kernels.gemmF64(oc.segment(), oc.offset(), oc.ld(), oa.segment(), oa.offset(), oa.ld(), oa.trans(),
                        ob.segment(), ob.offset(), ob.ld(), ob.trans(), m, n, k, alpha, beta);
            }
        }
    }

    /**
     * {@code y = alpha * a * x + beta * y} for a matrix {@code a} ({@code m x n}) and vectors
     * {@code x} ({@code n} values) and {@code y} ({@code m} values), each vector a contiguous
     * {@code 1 x len} or {@code len x 1} tensor.
     */
    public void gemv(Tensor y, double alpha, Tensor a, Tensor x, double beta) {
        Checks.open("gemv", y, a, x);
        Checks.sameDtype("gemv", y, a, x);
        int xLen = Checks.vectorLength("gemv", "x", x);
        int yLen = Checks.vectorLength("gemv", "y", y);
        if (xLen != a.cols() || yLen != a.rows()) {
            throw new IllegalArgumentException("gemv: a is " + a.shape() + ", so x needs " + a.cols()
                    + " values and y " + a.rows() + "; got x " + x.shape() + ", y " + y.shape());
        }
        Checks.noOverlap("gemv", y, "y", a, "a");
        Checks.noOverlap("gemv", y, "y", x, "x");

        if (yLen == 0) {
            return;
        }
        if (xLen == 0) {
            scale(y, beta, y);
            return;
        }
        if (DeviceOps.on(y)) {
            DeviceOps.gemv(y, alpha, a, x, beta);
            return;
        }
        try (Operand oa = Operand.of(a)) {
            // a stored transposed is the k x m matrix a^T: gemv on it with the transpose flag
            int sm = oa.trans() ? a.cols() : a.rows();
            int sn = oa.trans() ? a.rows() : a.cols();
            if (y.dtype() == DType.F32) {
                kernels.gemvF32(y.segment(), y.offset(), oa.segment(), oa.offset(), oa.ld(), oa.trans(),
                        x.segment(), x.offset(), sm, sn, (float) alpha, (float) beta);
            } else {
                kernels.gemvF64(y.segment(), y.offset(), oa.segment(), oa.offset(), oa.ld(), oa.trans(),
                        x.segment(), x.offset(), sm, sn, alpha, beta);
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Element-wise

    /** {@code y += alpha * x}. */
    public void axpy(Tensor y, double alpha, Tensor x) {
        Elementwise.run("axpy", kernels, y, x, null, null, alpha, (k, f32, kind, a, os, oo, as, ao, bs, bo, n) -> {
            if (f32) {
                k.axpyF32(os, oo, (float) a, as, ao, n);
            } else {
                k.axpyF64(os, oo, a, as, ao, n);
            }
        }, (d, kind, a, o, oo, p, po, unused, uo, n) -> d.axpy(o, oo, a, p, po, n));
    }

    /** {@code out = alpha * x}. */
    public void scale(Tensor out, double alpha, Tensor x) {
        Elementwise.run("scale", kernels, out, x, null, null, alpha, (k, f32, kind, a, os, oo, as, ao, bs, bo, n) -> {
            if (f32) {
                k.scaleF32(os, oo, (float) a, as, ao, n);
            } else {
                k.scaleF64(os, oo, a, as, ao, n);
            }
        }, (d, kind, a, o, oo, p, po, unused, uo, n) -> d.scale(o, oo, a, p, po, n));
    }

    /** {@code out = a + b}. */
    public void add(Tensor out, Tensor a, Tensor b) {
        binary("add", BinaryOp.ADD, out, a, b);
    }

    /** {@code out = a - b}. */
    public void sub(Tensor out, Tensor a, Tensor b) {
        binary("sub", BinaryOp.SUB, out, a, b);
    }

    /** {@code out = a * b}, element by element. */
    public void mul(Tensor out, Tensor a, Tensor b) {
        binary("mul", BinaryOp.MUL, out, a, b);
    }

    /** {@code out = a / b}, element by element. */
    public void div(Tensor out, Tensor a, Tensor b) {
        binary("div", BinaryOp.DIV, out, a, b);
    }

    private void binary(String name, BinaryOp op, Tensor out, Tensor x, Tensor y) {
        Elementwise.run(name, kernels, out, x, y, op, 0, (k, f32, kind, a, os, oo, as, ao, bs, bo, n) -> {
            if (f32) {
                k.binaryF32((BinaryOp) kind, os, oo, as, ao, bs, bo, n);
            } else {
                k.binaryF64((BinaryOp) kind, os, oo, as, ao, bs, bo, n);
            }
        }, (d, kind, a, o, oo, p, po, q, qo, n) -> d.binary((BinaryOp) kind, o, oo, p, po, q, qo, n));
    }

    /** {@code out = exp(x)}. */
    public void exp(Tensor out, Tensor x) {
        unary("exp", UnaryOp.EXP, out, x);
    }

    /** {@code out = log(x)}, natural logarithm. */
    public void log(Tensor out, Tensor x) {
        unary("log", UnaryOp.LOG, out, x);
    }

    /** {@code out = sqrt(x)}. */
    public void sqrt(Tensor out, Tensor x) {
        unary("sqrt", UnaryOp.SQRT, out, x);
    }

    private void unary(String name, UnaryOp op, Tensor out, Tensor x) {
        Elementwise.run(name, kernels, out, x, null, op, 0, (k, f32, kind, a, os, oo, as, ao, bs, bo, n) -> {
            if (f32) {
                k.unaryF32((UnaryOp) kind, os, oo, as, ao, n);
            } else {
                k.unaryF64((UnaryOp) kind, os, oo, as, ao, n);
            }
        }, (d, kind, a, o, oo, p, po, unused, uo, n) -> d.unary((UnaryOp) kind, o, oo, p, po, n));
    }

    /** {@code y = f(x)} for the activation {@code f} (see {@link Activation}). */
    public void activationForward(Activation f, double slope, Tensor y, Tensor x) {
        Checks.slope(f, slope);
        Elementwise.run(FORWARD_NAMES.get(f), kernels, y, x, null, f, slope, (k, f32, kind, a, os, oo, as, ao, bs, bo, n) -> {
            if (f32) {
                k.activationForwardF32((Activation) kind, (float) a, os, oo, as, ao, n);
            } else {
                k.activationForwardF64((Activation) kind, a, os, oo, as, ao, n);
            }
        }, (d, kind, a, o, oo, p, po, unused, uo, n) -> d.activationForward((Activation) kind, a, o, oo, p, po, n));
    }

    /** {@code dX = dY * f'(x)}, computed from the forward output {@code y}. */
    public void activationBackward(Activation f, double slope, Tensor dX, Tensor dY, Tensor y) {
        Checks.slope(f, slope);
        Elementwise.run(BACKWARD_NAMES.get(f), kernels, dX, dY, y, f, slope,
                (k, f32, kind, a, os, oo, as, ao, bs, bo, n) -> {
                    if (f32) {
                        k.activationBackwardF32((Activation) kind, (float) a, os, oo, as, ao,
                                bs, bo, n);
                    } else {
                        k.activationBackwardF64((Activation) kind, a, os, oo, as, ao,
                                bs, bo, n);
                    }
                }, (d, kind, a, o, oo, p, po, q, qo, n) -> d.activationBackward((Activation) kind, a, o, oo, p, po,
                        q, qo, n));
    }

    /** {@code y = max(x, 0)} (NaN stays NaN). */
    public void relu(Tensor y, Tensor x) {
        activationForward(Activation.RELU, 0, y, x);
    }

    /** {@code y = 1 / (1 + exp(-x))}. */
    public void sigmoid(Tensor y, Tensor x) {
        activationForward(Activation.SIGMOID, 0, y, x);
    }

    /** {@code y = tanh(x)}. */
    public void tanh(Tensor y, Tensor x) {
        activationForward(Activation.TANH, 0, y, x);
    }

    // ---------------------------------------------------------------------------------------
    // Row and column ops

    /** Bias add: {@code out[i, j] = a[i, j] + bias[j]}; {@code bias} is a vector of {@code a.cols()} values. */
    public void addRowVector(Tensor out, Tensor a, Tensor bias) {
        Rows.addRowVector(kernels, out, a, bias);
    }

    /**
     * Bias add and activation in one pass: {@code out[i, j] = f(a[i, j] + bias[j])}, equal to
     * {@link #addRowVector} followed by {@link #activationForward}. {@code out} may be {@code a}.
     */
    public void addRowVectorActivation(Activation f, double slope, Tensor out, Tensor a, Tensor bias) {
        Rows.addRowVectorActivation(kernels, f, slope, out, a, bias);
    }

    /**
     * Softmax cross-entropy of logits {@code z} ({@code N x C}) against class indices
     * {@code labels[0..N)}, with its gradient, in one pass: returns
     * {@code sum_i -log_softmax(z)[i, labels[i]]} (not averaged) and writes
     * {@code dZ = scale * (softmax(z) - onehot(labels))}.
     */
    public double softmaxCrossEntropy(Tensor dZ, Tensor z, int[] labels, double scale) {
        return Rows.softmaxCrossEntropy(kernels, dZ, z, labels, scale);
    }

    /**
     * An element-wise loss of prediction {@code p} against target {@code t} (one shape) with its
     * gradient, in one pass: writes {@code dP = scale * d term / d p} (contiguous) and returns the
     * summed terms, NaN when a value lies outside the loss's domain (see {@link PointwiseLoss}).
     */
    public double pointwiseLoss(PointwiseLoss loss, Tensor dP, Tensor p, Tensor t, double scale) {
        return LossOps.pointwise(loss, dP, p, t, scale);
    }

    /**
     * Multi-class hinge loss (Weston-Watkins) of scores {@code s} ({@code N x C}) against class
     * indices {@code labels[0..N)} with its gradient: returns
     * {@code sum_i sum_{j != y_i} max(0, s_ij - s_iy_i + margin)} (not averaged) and writes
     * {@code dS = w} for each active term, {@code -w} times their count at the true class.
     */
    public double multiClassHinge(Tensor dS, Tensor s, int[] labels, double margin, double w) {
        return LossOps.multiClassHinge(dS, s, labels, margin, w);
    }

    /**
     * Dropout's keep-mask: each element of {@code out} (contiguous) becomes {@code 1 / keep} with
     * probability {@code keep}, else 0, drawn by a counter-based generator from {@code seed} and
     * the element's index, so the host and every device draw the same mask.
     */
    public void bernoulliMask(Tensor out, long seed, double keep) {
        LossOps.bernoulliMask(out, seed, keep);
    }

    /**
     * Row broadcast: {@code out[i, j] = op(a[i, j], v[j])}, {@code v} a vector of {@code a.cols()}
     * values (a per-feature scale or shift); {@code out} may be {@code a}.
     */
    public void rowBroadcast(BinaryOp op, Tensor out, Tensor a, Tensor v) {
        Rows.broadcast(kernels, true, op, out, a, v);
    }

    /**
     * Column broadcast: {@code out[i, j] = op(a[i, j], c[i])}, {@code c} a vector of
     * {@code a.rows()} values (a per-row statistic); {@code out} may be {@code a}.
     */
    public void columnBroadcast(BinaryOp op, Tensor out, Tensor a, Tensor c) {
        Rows.broadcast(kernels, false, op, out, a, c);
    }

    /** Bias gradient: {@code out[j] = sum_i a[i, j]}; {@code out} is a vector of {@code a.cols()} values. */
    public void columnSums(Tensor out, Tensor a) {
        Rows.columnSums(kernels, out, a);
    }

    /** Row-wise softmax, stable for large logits. */
    public void softmaxRows(Tensor out, Tensor x) {
        Rows.softmax(kernels, false, out, x);
    }

    /** Row-wise log-softmax, stable for large logits. */
    public void logSoftmaxRows(Tensor out, Tensor x) {
        Rows.softmax(kernels, true, out, x);
    }

    /** {@code out[i] = sum_j x[i, j]}; {@code out} is a vector of {@code x.rows()} values. */
    public void rowSums(Tensor out, Tensor x) {
        Rows.reduce(kernels, RowReduction.SUM, out, x);
    }

    /** {@code out[i] = max_j x[i, j]} (NaN if the row holds a NaN). */
    public void rowMax(Tensor out, Tensor x) {
        Rows.reduce(kernels, RowReduction.MAX, out, x);
    }

    /** {@code out[i] = argmax_j x[i, j]}: first index on ties, first NaN if any. */
    public void rowArgmax(int[] out, Tensor x) {
        Rows.argmax(kernels, out, x);
    }

    /** A new array with {@code argmax_j x[i, j]} for every row. */
    public int[] rowArgmax(Tensor x) {
        int[] out = new int[x.rows()];
        rowArgmax(out, x);
        return out;
    }

    // ---------------------------------------------------------------------------------------
    // Reductions to a scalar

    /** {@code sum_ij a[i, j] * b[i, j]}. */
    public double dot(Tensor a, Tensor b) {
        return Reductions.dot(kernels, a, b);
    }

    /** {@code sum_ij x[i, j]}. */
    public double sum(Tensor x) {
        return Reductions.sum(kernels, x, false);
    }

    /** {@code sum_ij x[i, j]^2}. */
    public double sumOfSquares(Tensor x) {
        return Reductions.sum(kernels, x, true);
    }

    // ---------------------------------------------------------------------------------------
    // Optimizer updates (formulas in Kernels). The parameter w and the state tensors are updated
    // in place; all must be contiguous, of one dtype and shape, and must not overlap.

    /**
     * {@code out = min(max(x, lo), hi)}, element by element; NaN stays NaN.
     *
     * @throws IllegalArgumentException when {@code lo > hi} or either bound is NaN
     */
    public void clamp(Tensor out, Tensor x, double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: need lo <= hi, got lo " + lo + ", hi " + hi);
        }
        Elementwise.run("clamp", kernels, out, x, null, hi, lo, (k, f32, kind, a, os, oo, as, ao, bs, bo, n) -> {
            if (f32) {
                k.clampF32(os, oo, as, ao, n, (float) a, (float) (double) kind);
            } else {
                k.clampF64(os, oo, as, ao, n, a, (double) kind);
            }
        }, (d, kind, a, o, oo, p, po, unused, uo, n) -> d.clamp(o, oo, p, po, n, a, (double) kind));
    }

    /**
     * One SGD step of {@code w} from {@code grad}, as {@code torch.optim.SGD} (see
     * {@link Kernels#sgdUpdateF32}). {@code momentumBuffer} may be null when {@code momentum == 0};
     * {@code firstStep} initialises it to the gradient.
     */
    public void sgdUpdate(Tensor w, Tensor grad, Tensor momentumBuffer, double lr, double momentum,
                          double dampening, boolean nesterov, double weightDecay, double l1, boolean firstStep) {
        OptimizerUpdates.sgd(kernels, w, grad, momentumBuffer, lr, momentum, dampening, nesterov, weightDecay,
                l1, firstStep);
    }

    /**
     * One RMSProp step, as {@code torch.optim.RMSprop} (see {@link Kernels#rmspropUpdateF32}).
     * A non-null {@code gradAvg} makes it centered; {@code momentumBuffer} may be null when
     * {@code momentum == 0}.
     */
    public void rmspropUpdate(Tensor w, Tensor grad, Tensor squareAvg, Tensor gradAvg, Tensor momentumBuffer,
                              double lr, double alpha, double eps, double momentum, double weightDecay, double l1) {
        OptimizerUpdates.rmsprop(kernels, w, grad, squareAvg, gradAvg, momentumBuffer, lr, alpha, eps, momentum,
                weightDecay, l1);
    }

    /**
     * One Adam or AdamW step, as {@code torch.optim.Adam}/{@code AdamW} (see
     * {@link Kernels#adamUpdateF32}): {@code stepSize = lr / (1 - beta1^t)},
     * {@code biasCorrection2Sqrt = sqrt(1 - beta2^t)}, {@code decay = 1 - lr * wd} for AdamW
     * and 1 for Adam, {@code weightDecay} Adam's L2 coefficient (0 for AdamW).
     */
    public void adamUpdate(Tensor w, Tensor grad, Tensor m, Tensor v, double stepSize, double beta1, double beta2,
                           double eps, double biasCorrection2Sqrt, double weightDecay, double l1, double decay) {
        OptimizerUpdates.adam(kernels, w, grad, m, v, stepSize, beta1, beta2, eps, biasCorrection2Sqrt,
                weightDecay, l1, decay);
    }
}
