package dev.neurite.tensor;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.DeviceBackend;
import dev.neurite.kernel.DeviceBuffer;
import dev.neurite.kernel.RowReduction;

/**
 * The device side of {@link Ops}: after the shared validation, an op whose tensors live on a
 * {@link Device} runs here, on that device's backend. Views with unit-stride rows are passed as
 * offsets and leading dimensions; a transposed operand of a product as a transpose flag; other
 * layouts as contiguous copies on the same device.
 */
final class DeviceOps {

    /** An element-wise kernel call on {@code n} contiguous elements of device buffers. */
    @FunctionalInterface
    interface Body {
        void apply(DeviceBackend device, Object op, double alpha, DeviceBuffer out, long outOff,
                   DeviceBuffer a, long aOff, DeviceBuffer b, long bOff, long n);
    }

    private DeviceOps() {
    }

    /** True when {@code t} lives on a device, not the host. */
    static boolean on(Tensor t) {
        return t.buffer() != null;
    }

    private static DeviceBackend backend(Tensor t) {
        return t.device().backend();
    }

    /** {@code c = alpha * a * b + beta * c}; {@code c} has unit-stride rows, the sizes are checked. */
    static void gemm(Tensor c, double alpha, Tensor a, Tensor b, double beta) {
        Tensor ca = operand(a);
        Tensor cb = operand(b);
        try {
            boolean ta = !DeviceTransfers.rowMajor(ca);
            boolean tb = !DeviceTransfers.rowMajor(cb);
            backend(c).gemm(c.buffer(), c.offset(), Operand.ldOf(c), ca.buffer(), ca.offset(), ld(ca, ta), ta,
                    cb.buffer(), cb.offset(), ld(cb, tb), tb, c.rows(), c.cols(), a.cols(), alpha, beta);
        } finally {
            Operand.closeCopy(ca, a);
            Operand.closeCopy(cb, b);
        }
    }

    /**
     * {@code t} when it is a matrix operand as stored (unit-stride rows) or transposed (unit-stride
     * columns), else a contiguous copy on the device; free it with {@link Operand#closeCopy}.
     */
    private static Tensor operand(Tensor t) {
        return DeviceTransfers.rowMajor(t) || DeviceTransfers.rowMajor(t.transpose()) ? t : t.copy();
    }

    /** The leading dimension of an operand stored as is ({@code trans == false}) or transposed. */
    private static long ld(Tensor t, boolean trans) {
        return trans ? Operand.ldOf(t.transpose()) : Operand.ldOf(t);
    }

    /** {@code out = body(a, b)} over tensors of one shape; {@code b} may be {@code a}. */
    static void elementwise(Tensor out, Tensor a, Tensor b, Object op, double alpha, Body body) {
        DeviceBackend d = backend(out);
        if (out.isContiguous() && a.isContiguous() && b.isContiguous()) {
            body.apply(d, op, alpha, out.buffer(), out.offset(), a.buffer(), a.offset(), b.buffer(), b.offset(),
                    out.size());
        } else if (DeviceTransfers.rowMajor(out) && DeviceTransfers.rowMajor(a) && DeviceTransfers.rowMajor(b)) {
            for (int i = 0; i < out.rows(); i++) {
                body.apply(d, op, alpha, out.buffer(), out.offset() + i * out.rowStride(), a.buffer(),
                        a.offset() + i * a.rowStride(), b.buffer(), b.offset() + i * b.rowStride(), out.cols());
            }
        } else {
            // other layouts: on contiguous copies on the device, then written back
            try (Tensor ca = a.copy(); Tensor cb = b == a ? null : b.copy(); Tensor co = out.copy()) {
                Tensor bb = cb == null ? ca : cb;
                body.apply(d, op, alpha, co.buffer(), 0, ca.buffer(), 0, bb.buffer(), 0, co.size());
                out.copyFrom(co);
            }
        }
    }

    /** {@code out = f(src + bias)}; {@code out} and {@code src} have unit-stride rows, {@code bias} is contiguous. */
    static void addRowVector(Activation f, double slope, Tensor out, Tensor src, Tensor bias) {
        backend(out).addRowVectorActivation(f == null ? Activation.IDENTITY : f, slope, out.buffer(), out.offset(),
                Operand.ldOf(out), src.buffer(), src.offset(), Operand.ldOf(src), bias.buffer(), bias.offset(),
                out.rows(), out.cols());
    }

    /** Row ({@code byRow}) or column broadcast; {@code out}, {@code src} have unit-stride rows, {@code v} is contiguous. */
    static void broadcast(boolean byRow, BinaryOp op, Tensor out, Tensor src, Tensor v) {
        backend(out).broadcast(byRow, op, out.buffer(), out.offset(), Operand.ldOf(out), src.buffer(), src.offset(),
                Operand.ldOf(src), v.buffer(), v.offset(), out.rows(), out.cols());
    }

    /** {@code out[i] = reduce_j x[i, j]}; {@code x} has unit-stride rows, {@code out} is contiguous. */
    static void rowReduce(RowReduction op, Tensor out, Tensor x) {
        backend(out).rowReduce(op, out.buffer(), out.offset(), x.buffer(), x.offset(), Operand.ldOf(x), x.rows(),
                x.cols());
    }

    /** Row argmax of {@code x} (unit-stride rows) into host {@code out}. */
    static void rowArgmax(int[] out, Tensor x) {
        backend(x).rowArgmax(out, x.buffer(), x.offset(), Operand.ldOf(x), x.rows(), x.cols());
    }

    /** Softmax cross-entropy with checked labels; {@code dZ}, {@code z} have unit-stride rows. */
    static double softmaxCrossEntropy(Tensor dZ, Tensor z, int[] labels, double scale) {
        return backend(z).softmaxCrossEntropy(dZ.buffer(), dZ.offset(), Operand.ldOf(dZ), z.buffer(), z.offset(),
                Operand.ldOf(z), labels, z.rows(), z.cols(), scale);
    }

    /**
     * {@code y = alpha * a * x + beta * y} for contiguous vectors, as the product of {@code a} with
     * the {@code n x 1} matrix {@code x}.
     */
    static void gemv(Tensor y, double alpha, Tensor a, Tensor x, double beta) {
        Tensor ca = operand(a);
        try {
            boolean ta = !DeviceTransfers.rowMajor(ca);
            backend(y).gemm(y.buffer(), y.offset(), 1, ca.buffer(), ca.offset(), ld(ca, ta), ta, x.buffer(),
                    x.offset(), 1, false, a.rows(), 1, a.cols(), alpha, beta);
        } finally {
            Operand.closeCopy(ca, a);
        }
    }

    /** {@code out[j] = sum_i a[i, j]}; {@code a} has unit-stride rows, {@code out} is contiguous. */
    static void columnSums(Tensor out, Tensor a) {
        backend(out).columnSums(out.buffer(), out.offset(), a.buffer(), a.offset(), Operand.ldOf(a), a.rows(),
                a.cols());
    }

    /** Row-wise (log-)softmax; both have unit-stride rows. */
    static void softmax(boolean log, Tensor out, Tensor x) {
        backend(out).softmaxRows(log, out.buffer(), out.offset(), Operand.ldOf(out), x.buffer(), x.offset(),
                Operand.ldOf(x), x.rows(), x.cols());
    }

    /** {@code sum x} or {@code sum x^2} of a contiguous tensor. */
    static double sum(Tensor x, boolean squares) {
        return backend(x).sum(x.buffer(), x.offset(), x.size(), squares);
    }

    /** {@code sum a * b} of contiguous tensors. */
    static double dot(Tensor a, Tensor b) {
        return backend(a).dot(a.buffer(), a.offset(), b.buffer(), b.offset(), a.size());
    }

    static void sgd(Tensor w, Tensor grad, Tensor buffer, double lr, double momentum, double dampening,
                    boolean nesterov, double weightDecay, double l1, boolean firstStep) {
        backend(w).sgdUpdate(w.buffer(), w.offset(), buffer == null ? null : buffer.buffer(),
                buffer == null ? 0 : buffer.offset(), grad.buffer(), grad.offset(), w.size(), lr, momentum,
                dampening, nesterov, weightDecay, l1, firstStep);
    }

    static void rmsprop(Tensor w, Tensor grad, Tensor squareAvg, Tensor gradAvg, Tensor buffer, double lr,
                        double alpha, double eps, double momentum, double weightDecay, double l1) {
        backend(w).rmspropUpdate(w.buffer(), w.offset(), squareAvg.buffer(), squareAvg.offset(),
                gradAvg == null ? null : gradAvg.buffer(), gradAvg == null ? 0 : gradAvg.offset(),
                buffer == null ? null : buffer.buffer(), buffer == null ? 0 : buffer.offset(),
                grad.buffer(), grad.offset(), w.size(), lr, alpha, eps, momentum, gradAvg != null, weightDecay, l1);
    }

    static void adam(Tensor w, Tensor grad, Tensor m, Tensor v, double stepSize, double beta1, double beta2,
                     double eps, double biasCorrection2Sqrt, double weightDecay, double l1, double decay) {
        backend(w).adamUpdate(w.buffer(), w.offset(), m.buffer(), m.offset(), v.buffer(), v.offset(),
                grad.buffer(), grad.offset(), w.size(), stepSize, beta1, beta2, eps, biasCorrection2Sqrt,
                weightDecay, l1, decay);
    }
}
