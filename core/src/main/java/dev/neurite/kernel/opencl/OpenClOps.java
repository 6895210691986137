package dev.neurite.kernel.opencl;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.UnaryOp;
import java.lang.foreign.MemorySegment;

/**
 * Element-wise, bias, activation, gather and optimizer kernels on device-resident buffers: the
 * device form of the vector and bias methods of {@code dev.neurite.kernel.Kernels}, with the same
 * formulas, argument order (outputs first) and element offsets. The precision is the buffers'
 * {@link ClType} ({@code FLOAT32} or {@code FLOAT64}); every real buffer of one call has the same
 * type. Methods enqueue on the context's in-order queue and return without waiting. Not
 * thread-safe: one per thread, or locked by the caller.
 */
public final class OpenClOps {

    /**
     * Float division and square root correctly rounded, as in Java: without it OpenCL allows
     * 2.5 and 3 ulp, and the optimizer updates and {@code binary DIV} must match the reference
     * bit for bit.
     */
    static final String EXACT_FP32 = "-cl-fp32-correctly-rounded-divide-sqrt";
    /**
     * Work-group size of the 1-D kernels; the global size is rounded up to it. A fixed size
     * rather than the driver's choice, which for an awkward n (a prime) may be 1.
     */
    static final long LOCAL_1D = 256;
    /** Work-group shape of the 2-D matrix kernels: 32 columns by 8 rows. */
    static final long LOCAL_COLS = 32;
    static final long LOCAL_ROWS = 8;
    /** Work-group shape of {@code column_sums}; must match CS_COLS and CS_ROWS in bias.cl. */
    static final long COLUMN_SUMS_COLS = 16;
    static final long COLUMN_SUMS_ROWS = 16;

    /** The kernels, with their source files; handles are cached per precision. */
    private enum Kernel {
        FILL("elementwise.cl", "fill"),
        COPY("elementwise.cl", "copy"),
        AXPY("elementwise.cl", "axpy"),
        SCALE("elementwise.cl", "scale"),
        BINARY("elementwise.cl", "binary"),
        UNARY("elementwise.cl", "unary"),
        CLAMP("elementwise.cl", "clamp_range"),
        ACTIVATION_FORWARD("activations.cl", "activation_forward"),
        ACTIVATION_BACKWARD("activations.cl", "activation_backward"),
        ADD_ROW_VECTOR_ACTIVATION("activations.cl", "add_row_vector_activation"),
        ADD_ROW_VECTOR("bias.cl", "add_row_vector"),
        BROADCAST("bias.cl", "broadcast"),
        COLUMN_SUMS("bias.cl", "column_sums"),
        SGD("optim.cl", "sgd_update"),
        RMSPROP("optim.cl", "rmsprop_update"),
        ADAM("optim.cl", "adam_update");

        final String resource;
        final String function;

        Kernel(String resource, String function) {
            this.resource = resource;
            this.function = function;
        }
    }

    private static final String GATHER = "gather.cl";

    private final OpenClContext context;
    private final KernelCall call;
    /** Kernel handles by [kernel][0 float, 1 double], built on first use (no map lookup per call). */
    private final MemorySegment[][] kernels = new MemorySegment[Kernel.values().length][2];
    private MemorySegment gather32;
    private MemorySegment gather64;

    public OpenClOps(OpenClContext context) {
        this.context = context;
        this.call = new KernelCall(context);
    }

    public OpenClContext context() {
        return context;
    }

    /** {@code out[i] = value}. */
    public void fill(OpenClBuffer out, long outOff, long n, double value) {
        if (n == 0) {
            return;
        }
        ClType p = precision(out);
        assert inside(out, outOff, n);
        begin(Kernel.FILL, p).mem(out).arg(outOff).arg(n).real(value, p).run1d(n, LOCAL_1D);
    }

    /** {@code out[i] = x[i]}. */
    public void copy(OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long n) {
        if (n == 0) {
            return;
        }
        ClType p = precision(out, x);
        assert inside(out, outOff, n) && inside(x, xOff, n);
        begin(Kernel.COPY, p).mem(out).arg(outOff).mem(x).arg(xOff).arg(n).run1d(n, LOCAL_1D);
    }

    /** {@code y[i] += alpha * x[i]}. */
    public void axpy(OpenClBuffer y, long yOff, double alpha, OpenClBuffer x, long xOff, long n) {
        if (n == 0) {
            return;
        }
        ClType p = precision(y, x);
        assert inside(y, yOff, n) && inside(x, xOff, n);
        begin(Kernel.AXPY, p).mem(y).arg(yOff).real(alpha, p).mem(x).arg(xOff).arg(n).run1d(n, LOCAL_1D);
    }

    /** {@code out[i] = alpha * x[i]}. */
    public void scale(OpenClBuffer out, long outOff, double alpha, OpenClBuffer x, long xOff, long n) {
        if (n == 0) {
            return;
        }
        ClType p = precision(out, x);
        assert inside(out, outOff, n) && inside(x, xOff, n);
        begin(Kernel.SCALE, p).mem(out).arg(outOff).real(alpha, p).mem(x).arg(xOff).arg(n).run1d(n, LOCAL_1D);
    }

    /** {@code out[i] = a[i] op b[i]}. */
    public void binary(BinaryOp op, OpenClBuffer out, long outOff, OpenClBuffer a, long aOff,
                       OpenClBuffer b, long bOff, long n) {
        if (n == 0) {
            return;
        }
        ClType p = precision(out, a, b);
        assert inside(out, outOff, n) && inside(a, aOff, n) && inside(b, bOff, n);
        begin(Kernel.BINARY, p).arg(code(op)).mem(out).arg(outOff).mem(a).arg(aOff).mem(b).arg(bOff).arg(n)
                .run1d(n, LOCAL_1D);
    }

    /** {@code out[i] = op(x[i])}. */
    public void unary(UnaryOp op, OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long n) {
        if (n == 0) {
            return;
        }
        ClType p = precision(out, x);
        assert inside(out, outOff, n) && inside(x, xOff, n);
        begin(Kernel.UNARY, p).arg(code(op)).mem(out).arg(outOff).mem(x).arg(xOff).arg(n).run1d(n, LOCAL_1D);
    }

    /** {@code out[i] = min(max(x[i], lo), hi)}. */
    public void clamp(OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long n, double lo, double hi) {
        if (n == 0) {
            return;
        }
        ClType p = precision(out, x);
        assert inside(out, outOff, n) && inside(x, xOff, n);
        begin(Kernel.CLAMP, p).mem(out).arg(outOff).mem(x).arg(xOff).arg(n).real(lo, p).real(hi, p)
                .run1d(n, LOCAL_1D);
    }

    /** {@code y[i] = f(x[i])}. */
    public void activationForward(Activation f, double slope, OpenClBuffer y, long yOff,
                                  OpenClBuffer x, long xOff, long n) {
        if (n == 0) {
            return;
        }
        ClType p = precision(y, x);
        assert inside(y, yOff, n) && inside(x, xOff, n);
        begin(Kernel.ACTIVATION_FORWARD, p).arg(code(f)).real(slope, p).mem(y).arg(yOff).mem(x).arg(xOff).arg(n)
                .run1d(n, LOCAL_1D);
    }

    /** {@code dX[i] = dY[i] * f'(x[i])} from the forward output {@code y}; {@code dX} may alias {@code dY}. */
    public void activationBackward(Activation f, double slope, OpenClBuffer dX, long dXOff,
                                   OpenClBuffer dY, long dYOff, OpenClBuffer y, long yOff, long n) {
        if (n == 0) {
            return;
        }
        ClType p = precision(dX, dY, y);
        assert inside(dX, dXOff, n) && inside(dY, dYOff, n) && inside(y, yOff, n);
        begin(Kernel.ACTIVATION_BACKWARD, p).arg(code(f)).real(slope, p).mem(dX).arg(dXOff).mem(dY).arg(dYOff)
                .mem(y).arg(yOff).arg(n).run1d(n, LOCAL_1D);
    }

    /** {@code out[i, j] = a[i, j] + bias[j]}. */
    public void addRowVector(OpenClBuffer out, long outOff, long ldOut, OpenClBuffer a, long aOff, long lda,
                             OpenClBuffer bias, long biasOff, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        ClType p = precision(out, a, bias);
        assert inside(out, outOff, rows, cols, ldOut) && inside(a, aOff, rows, cols, lda)
                && inside(bias, biasOff, cols);
        begin(Kernel.ADD_ROW_VECTOR, p).mem(out).arg(outOff).arg(ldOut).mem(a).arg(aOff).arg(lda)
                .mem(bias).arg(biasOff).arg(rows).arg(cols).run2d(cols, rows, LOCAL_COLS, LOCAL_ROWS);
    }

    /** {@code out[i, j] = f(a[i, j] + bias[j])}, the sum rounded to the precision first. */
    public void addRowVectorActivation(Activation f, double slope, OpenClBuffer out, long outOff, long ldOut,
                                       OpenClBuffer a, long aOff, long lda, OpenClBuffer bias, long biasOff,
                                       int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        ClType p = precision(out, a, bias);
        assert inside(out, outOff, rows, cols, ldOut) && inside(a, aOff, rows, cols, lda)
                && inside(bias, biasOff, cols);
        begin(Kernel.ADD_ROW_VECTOR_ACTIVATION, p).arg(code(f)).real(slope, p).mem(out).arg(outOff).arg(ldOut)
                .mem(a).arg(aOff).arg(lda).mem(bias).arg(biasOff).arg(rows).arg(cols)
                .run2d(cols, rows, LOCAL_COLS, LOCAL_ROWS);
    }

    /** {@code out[i, j] = a[i, j] op v[j]} ({@code byRow}) or {@code a[i, j] op v[i]}; {@code v} contiguous. */
    public void broadcast(boolean byRow, BinaryOp op, OpenClBuffer out, long outOff, long ldOut, OpenClBuffer a,
                          long aOff, long lda, OpenClBuffer v, long vOff, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        ClType p = precision(out, a, v);
        assert inside(out, outOff, rows, cols, ldOut) && inside(a, aOff, rows, cols, lda)
                && inside(v, vOff, byRow ? cols : rows);
        begin(Kernel.BROADCAST, p).arg(code(op)).arg(byRow ? 1 : 0).mem(out).arg(outOff).arg(ldOut)
                .mem(a).arg(aOff).arg(lda).mem(v).arg(vOff).arg(rows).arg(cols)
                .run2d(cols, rows, LOCAL_COLS, LOCAL_ROWS);
    }

    /** {@code out[j] = sum_i a[i, j]}, {@code out} contiguous. */
    public void columnSums(OpenClBuffer out, long outOff, OpenClBuffer a, long aOff, long lda, int rows, int cols) {
        if (cols == 0) {
            return; // rows == 0 still writes zeros
        }
        ClType p = precision(out, a);
        assert inside(out, outOff, cols) && inside(a, aOff, rows, cols, lda);
        begin(Kernel.COLUMN_SUMS, p).mem(out).arg(outOff).mem(a).arg(aOff).arg(lda).arg(rows).arg(cols)
                .run2d(cols, COLUMN_SUMS_ROWS, COLUMN_SUMS_COLS, COLUMN_SUMS_ROWS);
    }

    /**
     * {@code out[i, j] = src[srcOff + index[i] * ld + j]} for {@code i < rows, j < cols}: gathers
     * mini-batch rows of a device-resident data set; {@code index} is an {@code INT32} buffer and
     * {@code out} is contiguous ({@code rows x cols}). Works for {@code INT32} src/out as well
     * (labels).
     */
    public void gatherRows(OpenClBuffer out, long outOff, OpenClBuffer src, long srcOff, long ld,
                           OpenClBuffer index, long indexOff, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        assert out.type() == src.type() && index.type() == ClType.INT32 : "gather types";
        assert inside(out, outOff, (long) rows * cols) && inside(index, indexOff, rows) && ld >= cols;
        // bits are moved as 32- or 64-bit integers, whatever the element type
        MemorySegment kernel;
        String name;
        if (out.type().bytes() == 8) {
            if (gather64 == null) {
                gather64 = context.kernel(GATHER, "gather_rows_64");
            }
            kernel = gather64;
            name = "gather_rows_64";
        } else {
            if (gather32 == null) {
                gather32 = context.kernel(GATHER, "gather_rows_32");
            }
            kernel = gather32;
            name = "gather_rows_32";
        }
        call.begin(kernel, name).mem(out).arg(outOff).mem(src).arg(srcOff).arg(ld).mem(index).arg(indexOff)
                .arg(rows).arg(cols).run2d(cols, rows, LOCAL_COLS, LOCAL_ROWS);
    }

    /** One SGD step, as {@code Kernels.sgdUpdateF32}. */
    public void sgdUpdate(OpenClBuffer w, long wOff, OpenClBuffer buf, long bufOff, OpenClBuffer g, long gOff,
                          long n, double lr, double momentum, double dampening, boolean nesterov,
                          double weightDecay, double l1, boolean firstStep) {
        if (n == 0) {
            return;
        }
        ClType p = precision(w, g);
        assert inside(w, wOff, n) && inside(g, gOff, n)
                && (momentum == 0 || (buf.type() == p && inside(buf, bufOff, n)));
        begin(Kernel.SGD, p).mem(w).arg(wOff).mem(buf).arg(bufOff).mem(g).arg(gOff).arg(n).real(lr, p)
                .real(momentum, p).real(dampening, p).arg(nesterov ? 1 : 0).real(weightDecay, p).real(l1, p)
                .arg(firstStep ? 1 : 0).run1d(n, LOCAL_1D);
    }

    /** One RMSprop step, as {@code Kernels.rmspropUpdateF32}. */
    public void rmspropUpdate(OpenClBuffer w, long wOff, OpenClBuffer sq, long sqOff, OpenClBuffer gAvg,
                              long gAvgOff, OpenClBuffer buf, long bufOff, OpenClBuffer g, long gOff, long n,
                              double lr, double alpha, double eps, double momentum, boolean centered,
                              double weightDecay, double l1) {
        if (n == 0) {
            return;
        }
        ClType p = precision(w, sq, g);
        assert inside(w, wOff, n) && inside(sq, sqOff, n) && inside(g, gOff, n)
                && (!centered || (gAvg.type() == p && inside(gAvg, gAvgOff, n)))
                && (momentum <= 0 || (buf.type() == p && inside(buf, bufOff, n)));
        begin(Kernel.RMSPROP, p).mem(w).arg(wOff).mem(sq).arg(sqOff).mem(gAvg).arg(gAvgOff).mem(buf).arg(bufOff)
                .mem(g).arg(gOff).arg(n).real(lr, p).real(alpha, p).real(eps, p).real(momentum, p)
                .arg(centered ? 1 : 0).real(weightDecay, p).real(l1, p).run1d(n, LOCAL_1D);
    }

    /** One Adam/AdamW step, as {@code Kernels.adamUpdateF32}. */
    public void adamUpdate(OpenClBuffer w, long wOff, OpenClBuffer m, long mOff, OpenClBuffer v, long vOff,
                           OpenClBuffer g, long gOff, long n, double stepSize, double beta1, double beta2,
                           double eps, double biasCorrection2Sqrt, double weightDecay, double l1, double decay) {
        if (n == 0) {
            return;
        }
        ClType p = precision(w, m, v, g);
        assert inside(w, wOff, n) && inside(m, mOff, n) && inside(v, vOff, n) && inside(g, gOff, n);
        begin(Kernel.ADAM, p).mem(w).arg(wOff).mem(m).arg(mOff).mem(v).arg(vOff).mem(g).arg(gOff).arg(n)
                .real(stepSize, p).real(beta1, p).real(beta2, p).real(eps, p).real(biasCorrection2Sqrt, p)
                .real(weightDecay, p).real(l1, p).real(decay, p).run1d(n, LOCAL_1D);
    }

    // ---------------------------------------------------------------------------------------

    private KernelCall begin(Kernel k, ClType precision) {
        int slot = precision == ClType.FLOAT64 ? 1 : 0;
        MemorySegment handle = kernels[k.ordinal()][slot];
        if (handle == null) {
            handle = context.kernel(k.resource, k.function, precision, EXACT_FP32);
            kernels[k.ordinal()][slot] = handle;
        }
        return call.begin(handle, k.function);
    }

    /** The real type of {@code a}; fixed arities rather than varargs, so that a call allocates nothing. */
    private static ClType precision(OpenClBuffer a) {
        ClType p = a.type();
        assert p != ClType.INT32 : "an INT32 buffer where a real one is expected";
        return p;
    }

    private static ClType precision(OpenClBuffer a, OpenClBuffer b) {
        ClType p = precision(a);
        assert b.type() == p : "mixed precisions: " + p + " and " + b.type();
        return p;
    }

    private static ClType precision(OpenClBuffer a, OpenClBuffer b, OpenClBuffer c) {
        ClType p = precision(a, b);
        assert c.type() == p : "mixed precisions: " + p + " and " + c.type();
        return p;
    }

    private static ClType precision(OpenClBuffer a, OpenClBuffer b, OpenClBuffer c, OpenClBuffer d) {
        ClType p = precision(a, b, c);
        assert d.type() == p : "mixed precisions: " + p + " and " + d.type();
        return p;
    }

    private static boolean inside(OpenClBuffer b, long off, long n) {
        return off >= 0 && n >= 0 && off + n <= b.length();
    }

    private static boolean inside(OpenClBuffer b, long off, int rows, int cols, long ld) {
        return ld >= cols && (rows == 0 || cols == 0 || inside(b, off, (rows - 1L) * ld + cols));
    }

    static int code(BinaryOp op) {
        return switch (op) {
            case ADD -> 0;
            case SUB -> 1;
            case MUL -> 2;
            case DIV -> 3;
        };
    }

    static int code(UnaryOp op) {
        return switch (op) {
            case EXP -> 0;
            case LOG -> 1;
            case SQRT -> 2;
            case NEG -> 3;
            case ABS -> 4;
        };
    }

    static int code(Activation f) {
        return switch (f) {
            case IDENTITY -> 0;
            case RELU -> 1;
            case LEAKY_RELU -> 2;
            case SIGMOID -> 3;
            case TANH -> 4;
        };
    }

    /** Frees the host scratch of kernel calls; the context stays open. */
    public void close() {
        call.close();
    }
}
