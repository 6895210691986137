package dev.neurite.kernel.opencl;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.DeviceBackend;
import dev.neurite.kernel.DeviceBuffer;
import dev.neurite.kernel.PointwiseLoss;
import dev.neurite.kernel.RowReduction;
import dev.neurite.kernel.UnaryOp;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The OpenCL device as a {@link DeviceBackend}: one context and queue, the compiled element-wise,
 * row and GEMM programs, and every buffer allocated through it, which {@link #close()} frees.
 * Every method holds this instance's lock: kernel arguments are per-kernel state in OpenCL.
 */
public final class OpenClBackend implements DeviceBackend {

    private final OpenClContext context;
    private final OpenClOps ops;
    private final OpenClRowOps rowOps;
    private final OpenClGemm gemm;
    private final OpenClLossOps lossOps;
    private final OpenClScratch scratch;
    private final String name;
    private final Set<Allocation> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    /** A backend on {@code device}. */
    public OpenClBackend(OpenClDevice device) {
        OpenClContext opened = new OpenClContext(device);
        try {
            this.ops = new OpenClOps(opened);
            this.rowOps = new OpenClRowOps(opened);
            this.gemm = new OpenClGemm(opened);
            this.lossOps = new OpenClLossOps(opened);
            this.scratch = new OpenClScratch(opened);
        } catch (RuntimeException | Error e) {
            opened.close();
            throw e;
        }
        this.context = opened;
        this.name = "opencl:" + device.index();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return name + " " + context.device().describe();
    }

    @Override
    public synchronized DeviceBuffer allocate(long length, boolean doublePrecision) {
        requireOpen();
        Allocation a = new Allocation(this, context.buffer(doublePrecision ? ClType.FLOAT64 : ClType.FLOAT32,
                Math.max(1, length)), length);
        live.add(a);
        ops.fill(a.buffer, 0, Math.max(1, length), 0);
        return a;
    }

    @Override
    public synchronized void fill(DeviceBuffer out, long outOff, long n, double value) {
        ops.fill(cl(out), outOff, n, value);
    }

    @Override
    public synchronized void copy(DeviceBuffer out, long outOff, DeviceBuffer x, long xOff, long n) {
        ops.copy(cl(out), outOff, cl(x), xOff, n);
    }

    @Override
    public synchronized void gemm(DeviceBuffer c, long cOff, long ldc, DeviceBuffer a, long aOff, long lda,
                                  boolean transA, DeviceBuffer b, long bOff, long ldb, boolean transB,
                                  int m, int n, int k, double alpha, double beta) {
        gemm.gemm(cl(c), cOff, ldc, cl(a), aOff, lda, transA, cl(b), bOff, ldb, transB, m, n, k, alpha, beta);
    }

    @Override
    public synchronized void axpy(DeviceBuffer y, long yOff, double alpha, DeviceBuffer x, long xOff, long n) {
        ops.axpy(cl(y), yOff, alpha, cl(x), xOff, n);
    }

    @Override
    public synchronized void scale(DeviceBuffer out, long outOff, double alpha, DeviceBuffer x, long xOff, long n) {
        ops.scale(cl(out), outOff, alpha, cl(x), xOff, n);
    }

    @Override
    public synchronized void binary(BinaryOp op, DeviceBuffer out, long outOff, DeviceBuffer a, long aOff,
                                    DeviceBuffer b, long bOff, long n) {
        ops.binary(op, cl(out), outOff, cl(a), aOff, cl(b), bOff, n);
    }

    @Override
    public synchronized void unary(UnaryOp op, DeviceBuffer out, long outOff, DeviceBuffer x, long xOff, long n) {
        ops.unary(op, cl(out), outOff, cl(x), xOff, n);
    }

    @Override
    public synchronized void clamp(DeviceBuffer out, long outOff, DeviceBuffer x, long xOff, long n,
                                   double lo, double hi) {
        ops.clamp(cl(out), outOff, cl(x), xOff, n, lo, hi);
    }

    @Override
    public synchronized void activationForward(Activation f, double slope, DeviceBuffer y, long yOff,
                                               DeviceBuffer x, long xOff, long n) {
        ops.activationForward(f, slope, cl(y), yOff, cl(x), xOff, n);
    }

    @Override
    public synchronized void activationBackward(Activation f, double slope, DeviceBuffer dX, long dXOff,
                                                DeviceBuffer dY, long dYOff, DeviceBuffer y, long yOff, long n) {
        ops.activationBackward(f, slope, cl(dX), dXOff, cl(dY), dYOff, cl(y), yOff, n);
    }

    @Override
    public synchronized void addRowVectorActivation(Activation f, double slope, DeviceBuffer out, long outOff,
                                                    long ldOut, DeviceBuffer a, long aOff, long lda,
                                                    DeviceBuffer bias, long biasOff, int rows, int cols) {
        ops.addRowVectorActivation(f, slope, cl(out), outOff, ldOut, cl(a), aOff, lda, cl(bias), biasOff, rows, cols);
    }

    @Override
    public synchronized void broadcast(boolean byRow, BinaryOp op, DeviceBuffer out, long outOff, long ldOut,
                                       DeviceBuffer a, long aOff, long lda, DeviceBuffer v, long vOff,
                                       int rows, int cols) {
        ops.broadcast(byRow, op, cl(out), outOff, ldOut, cl(a), aOff, lda, cl(v), vOff, rows, cols);
    }

    @Override
    public synchronized void gatherRows(DeviceBuffer out, long outOff, DeviceBuffer src, long srcOff, long ld,
                                        int[] indices, int from, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        OpenClBuffer index = scratch.upload(indices, from, rows);
        ops.gatherRows(cl(out), outOff, cl(src), srcOff, ld, index, 0, rows, cols);
    }

    @Override
    public synchronized void rowReduce(RowReduction op, DeviceBuffer out, long outOff, DeviceBuffer x, long xOff,
                                       long ldx, int rows, int cols) {
        rowOps.rowReduce(op, cl(out), outOff, cl(x), xOff, ldx, rows, cols);
    }

    @Override
    public synchronized void rowArgmax(int[] out, DeviceBuffer x, long xOff, long ldx, int rows, int cols) {
        if (rows == 0) {
            return;
        }
        OpenClBuffer argmax = scratch.indices(rows);
        rowOps.rowArgmax(argmax, 0, cl(x), xOff, ldx, rows, cols);
        argmax.read(0, MemorySegment.ofArray(out), 0, rows);
        scratch.drained();
    }

    @Override
    public synchronized double softmaxCrossEntropy(DeviceBuffer dZ, long dZOff, long ldd, DeviceBuffer z,
                                                   long zOff, long ldz, int[] labels, int rows, int cols,
                                                   double scale) {
        if (rows == 0) {
            return 0;
        }
        boolean f64 = z.doublePrecision();
        OpenClBuffer classes = scratch.upload(labels, 0, rows);
        OpenClBuffer rowLoss = scratch.reals(rows, f64);
        rowOps.softmaxCrossEntropy(cl(dZ), dZOff, ldd, cl(z), zOff, ldz, classes, 0, rows, cols, scale,
                rowLoss, 0);
        return sumOf(rowLoss, 0, rows, f64, false);
    }

    @Override
    public synchronized double pointwiseLoss(PointwiseLoss loss, DeviceBuffer dP, long dPOff, DeviceBuffer p,
                                             long pOff, DeviceBuffer t, long tOff, long n, double scale) {
        if (n == 0) {
            return 0;
        }
        boolean f64 = p.doublePrecision();
        OpenClBuffer terms = scratch.reals(n, f64);
        lossOps.pointwise(loss, cl(dP), dPOff, terms, cl(p), pOff, cl(t), tOff, n, scale);
        return sumOf(terms, 0, n, f64, false);
    }

    @Override
    public synchronized double multiClassHinge(DeviceBuffer dS, long dSOff, long ldd, DeviceBuffer s, long sOff,
                                               long lds, int[] labels, int rows, int cols, double margin,
                                               double w) {
        if (rows == 0) {
            return 0;
        }
        boolean f64 = s.doublePrecision();
        OpenClBuffer classes = scratch.upload(labels, 0, rows);
        OpenClBuffer rowLoss = scratch.reals(rows, f64);
        lossOps.hinge(cl(dS), dSOff, ldd, cl(s), sOff, lds, classes, rows, cols, margin, w, rowLoss);
        return sumOf(rowLoss, 0, rows, f64, false);
    }

    @Override
    public synchronized void bernoulliMask(DeviceBuffer out, long outOff, long n, long seed, int threshold,
                                           double scale) {
        if (n > 0) {
            lossOps.bernoulliMask(cl(out), outOff, n, seed, threshold, scale);
        }
    }

    /** {@code sum_i x[xOff + i]}, or of the squares, for {@code i < n}, read back. */
    private double sumOf(OpenClBuffer x, long xOff, long n, boolean f64, boolean squares) {
        OpenClBuffer out = scratch.scalar(f64);
        if (squares) {
            rowOps.sumOfSquares(out, 0, x, xOff, n);
        } else {
            rowOps.sum(out, 0, x, xOff, n);
        }
        return scratch.readScalar(f64);
    }

    @Override
    public synchronized void columnSums(DeviceBuffer out, long outOff, DeviceBuffer a, long aOff, long lda,
                                        int rows, int cols) {
        ops.columnSums(cl(out), outOff, cl(a), aOff, lda, rows, cols);
    }

    @Override
    public synchronized void softmaxRows(boolean log, DeviceBuffer out, long outOff, long ldOut,
                                         DeviceBuffer x, long xOff, long ldx, int rows, int cols) {
        if (log) {
            rowOps.logSoftmaxRows(cl(out), outOff, ldOut, cl(x), xOff, ldx, rows, cols);
        } else {
            rowOps.softmaxRows(cl(out), outOff, ldOut, cl(x), xOff, ldx, rows, cols);
        }
    }

    @Override
    public synchronized double sum(DeviceBuffer x, long xOff, long n, boolean squares) {
        return sumOf(cl(x), xOff, n, x.doublePrecision(), squares);
    }

    @Override
    public synchronized double dot(DeviceBuffer x, long xOff, DeviceBuffer y, long yOff, long n) {
        boolean f64 = x.doublePrecision();
        rowOps.dot(scratch.scalar(f64), 0, cl(x), xOff, cl(y), yOff, n);
        return scratch.readScalar(f64);
    }

    @Override
    public synchronized void sgdUpdate(DeviceBuffer w, long wOff, DeviceBuffer buf, long bufOff, DeviceBuffer g,
                                       long gOff, long n, double lr, double momentum, double dampening,
                                       boolean nesterov, double weightDecay, double l1, boolean firstStep) {
        // without momentum the kernel never touches buf: any buffer of the right type will do
        ops.sgdUpdate(cl(w), wOff, buf == null ? cl(g) : cl(buf), buf == null ? gOff : bufOff, cl(g), gOff, n, lr,
                momentum, dampening, nesterov, weightDecay, l1, firstStep);
    }

    @Override
    public synchronized void rmspropUpdate(DeviceBuffer w, long wOff, DeviceBuffer sq, long sqOff,
                                           DeviceBuffer gAvg, long gAvgOff, DeviceBuffer buf, long bufOff,
                                           DeviceBuffer g, long gOff, long n, double lr, double alpha, double eps,
                                           double momentum, boolean centered, double weightDecay, double l1) {
        ops.rmspropUpdate(cl(w), wOff, cl(sq), sqOff, gAvg == null ? cl(sq) : cl(gAvg), gAvg == null ? sqOff : gAvgOff,
                buf == null ? cl(sq) : cl(buf), buf == null ? sqOff : bufOff, cl(g), gOff, n, lr, alpha, eps,
                momentum, centered, weightDecay, l1);
    }

    @Override
    public synchronized void adamUpdate(DeviceBuffer w, long wOff, DeviceBuffer m, long mOff, DeviceBuffer v,
                                        long vOff, DeviceBuffer g, long gOff, long n, double stepSize, double beta1,
                                        double beta2, double eps, double biasCorrection2Sqrt, double weightDecay,
                                        double l1, double decay) {
        ops.adamUpdate(cl(w), wOff, cl(m), mOff, cl(v), vOff, cl(g), gOff, n, stepSize, beta1, beta2, eps,
                biasCorrection2Sqrt, weightDecay, l1, decay);
    }

    /** Frees the buffers still allocated, then the programs and the context. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Allocation> left = new ArrayList<>(live);
        live.clear();
        RuntimeException failure = null;
        for (Allocation a : left) {
            try {
                a.buffer.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        scratch.close();
        lossOps.close();
        gemm.close();
        rowOps.close();
        ops.close();
        context.close();
        if (failure != null) {
            throw failure;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("device " + name + " is closed");
        }
    }

    private OpenClBuffer cl(DeviceBuffer b) {
        requireOpen();
        Allocation a = (Allocation) b;
        assert a.owner == this : "a buffer of another device";
        return a.buffer;
    }

    /** A buffer of this backend; closing it frees the device memory at once. */
    private static final class Allocation implements DeviceBuffer {
        private final OpenClBackend owner;
        private final OpenClBuffer buffer;
        private final long length;

        Allocation(OpenClBackend owner, OpenClBuffer buffer, long length) {
            this.owner = owner;
            this.buffer = buffer;
            this.length = length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public boolean isOpen() {
            synchronized (owner) {
                return !owner.closed && owner.live.contains(this);
            }
        }

        @Override
        public boolean doublePrecision() {
            return buffer.type() == ClType.FLOAT64;
        }

        @Override
        public void write(long dstOff, MemorySegment src, long srcOff, long count) {
            synchronized (owner) {
                owner.requireOpen();
                buffer.write(dstOff, src, srcOff, count);
            }
        }

        @Override
        public void read(long srcOff, MemorySegment dst, long dstOff, long count) {
            synchronized (owner) {
                owner.requireOpen();
                buffer.read(srcOff, dst, dstOff, count);
                owner.scratch.drained();
            }
        }

        @Override
        public void close() {
            synchronized (owner) {
                if (owner.live.remove(this)) {
                    buffer.close();
                }
            }
        }
    }
}
