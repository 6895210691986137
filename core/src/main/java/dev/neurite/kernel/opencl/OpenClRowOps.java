package dev.neurite.kernel.opencl;

import dev.neurite.kernel.RowReduction;

/**
 * Row-wise and reducing kernels on device-resident buffers: softmax, log-softmax, softmax
 * cross-entropy, row reductions and arg-max, and whole-vector sums whose result stays on the
 * device (so a training step reads back only the loss it asks for). Formulas and argument order
 * as in {@code dev.neurite.kernel.Kernels}; precision from the buffers' {@link ClType}. Methods
 * enqueue and return without waiting. Not thread-safe.
 */
public final class OpenClRowOps implements AutoCloseable {

    static final String ROWS = "rows.cl";
    static final String REDUCE = "reduce.cl";
    /** Largest work-group used (further capped by the device); a power of two. */
    static final int MAX_GROUP = 256;
    /** Smallest row work-group: one warp on NVIDIA, enough lanes for a short row elsewhere. */
    static final int MIN_ROW_GROUP = 32;
    /** Most work-groups of a vector reduction's first pass, so partial sums fit one small buffer. */
    static final int MAX_PARTIALS = 1024;

    private final OpenClContext context;
    private final KernelCall call;
    /** Work-group size of the reductions: a power of two no larger than the device allows. */
    private final int group;
    private OpenClBuffer partialsF32;
    private OpenClBuffer partialsF64;

    public OpenClRowOps(OpenClContext context) {
        this.context = context;
        this.call = new KernelCall(context);
        this.group = Integer.highestOneBit((int) Math.min(MAX_GROUP, context.device().maxWorkGroupSize()));
    }

    /** Row-wise softmax, max subtracted first. */
    public void softmaxRows(OpenClBuffer out, long outOff, long ldOut, OpenClBuffer x, long xOff, long ldx,
                            int rows, int cols) {
        rowToRow("softmax_rows", out, outOff, ldOut, x, xOff, ldx, rows, cols);
    }

    /** Row-wise log-softmax. */
    public void logSoftmaxRows(OpenClBuffer out, long outOff, long ldOut, OpenClBuffer x, long xOff, long ldx,
                               int rows, int cols) {
        rowToRow("log_softmax_rows", out, outOff, ldOut, x, xOff, ldx, rows, cols);
    }

    private void rowToRow(String name, OpenClBuffer out, long outOff, long ldOut, OpenClBuffer x, long xOff,
                          long ldx, int rows, int cols) {
        ClType precision = precision(x, "x");
        sameType(out, precision, "out");
        checkMatrix(out, outOff, ldOut, rows, cols, "out");
        checkMatrix(x, xOff, ldx, rows, cols, "x");
        if (rows == 0 || cols == 0) {
            return;
        }
        int local = rowGroup(cols);
        call.begin(context.kernel(ROWS, name, precision), name).mem(out).arg(outOff).arg(ldOut)
                .mem(x).arg(xOff).arg(ldx).arg(rows).arg(cols).local((long) local * precision.bytes())
                .run1d((long) rows * local, local);
    }

    /**
     * Softmax cross-entropy on class indices ({@code labels}: {@code INT32}): writes
     * {@code dZ[i, j] = scale * (softmax(z)[i, j] - (j == labels[i]))} and
     * {@code rowLoss[i] = lse_i - z[i, labels[i]]}; {@code rowLoss} is contiguous, of the real type.
     */
    public void softmaxCrossEntropy(OpenClBuffer dZ, long dZOff, long ldd, OpenClBuffer z, long zOff, long ldz,
                                    OpenClBuffer labels, long labelsOff, int rows, int cols, double scale,
                                    OpenClBuffer rowLoss, long rowLossOff) {
        ClType precision = precision(z, "z");
        sameType(dZ, precision, "dZ");
        sameType(rowLoss, precision, "rowLoss");
        sameType(labels, ClType.INT32, "labels");
        checkMatrix(dZ, dZOff, ldd, rows, cols, "dZ");
        checkMatrix(z, zOff, ldz, rows, cols, "z");
        checkVector(labels, labelsOff, rows, "labels");
        checkVector(rowLoss, rowLossOff, rows, "rowLoss");
        if (rows == 0) {
            return;
        }
        if (cols == 0) {
            throw new IllegalArgumentException("softmaxCrossEntropy: " + rows + " rows of 0 classes have no label");
        }
        // a label outside [0, cols) cannot be checked here without a read-back: the kernel gives NaN
        int local = rowGroup(cols);
        call.begin(context.kernel(ROWS, "softmax_xent_rows", precision), "softmax_xent_rows")
                .mem(dZ).arg(dZOff).arg(ldd).mem(z).arg(zOff).arg(ldz).mem(labels).arg(labelsOff)
                .arg(rows).arg(cols).real(scale, precision).mem(rowLoss).arg(rowLossOff)
                .local((long) local * precision.bytes())
                .run1d((long) rows * local, local);
    }

    /** {@code out[i] = reduce_j x[i, j]}. */
    public void rowReduce(RowReduction op, OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long ldx,
                          int rows, int cols) {
        ClType precision = precision(x, "x");
        sameType(out, precision, "out");
        checkVector(out, outOff, rows, "out");
        checkMatrix(x, xOff, ldx, rows, cols, "x");
        if (rows == 0) {
            return;
        }
        String name = switch (op) {
            case SUM -> "row_sum";
            case MAX -> "row_max";
        };
        // an empty row reads nothing and still writes its identity (0 or -inf)
        int local = rowGroup(cols);
        call.begin(context.kernel(ROWS, name, precision), name).mem(out).arg(outOff)
                .mem(x).arg(xOff).arg(ldx).arg(rows).arg(cols).local((long) local * precision.bytes())
                .run1d((long) rows * local, local);
    }

    /** {@code out[i] = argmax_j x[i, j]} into an {@code INT32} buffer; first index wins ties, NaN is the max. */
    public void rowArgmax(OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long ldx, int rows, int cols) {
        ClType precision = precision(x, "x");
        sameType(out, ClType.INT32, "out");
        checkVector(out, outOff, rows, "out");
        checkMatrix(x, xOff, ldx, rows, cols, "x");
        if (rows == 0) {
            return;
        }
        int local = rowGroup(cols);
        call.begin(context.kernel(ROWS, "row_argmax", precision), "row_argmax").mem(out).arg(outOff)
                .mem(x).arg(xOff).arg(ldx).arg(rows).arg(cols)
                .local((long) local * precision.bytes()).local((long) local * ClType.INT32.bytes())
                .run1d((long) rows * local, local);
    }

    /** {@code out[outOff] = sum_i x[i]}, left on the device. */
    public void sum(OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long n) {
        reduce("sum_partials", out, outOff, x, xOff, null, 0, n);
    }

    /** {@code out[outOff] = sum_i x[i] * y[i]}, left on the device. */
    public void dot(OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, OpenClBuffer y, long yOff, long n) {
        reduce("dot_partials", out, outOff, x, xOff, y, yOff, n);
    }

    /** {@code out[outOff] = sum_i x[i]^2}, left on the device. */
    public void sumOfSquares(OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, long n) {
        reduce("sum_of_squares_partials", out, outOff, x, xOff, null, 0, n);
    }

    /**
     * One pass of {@code partials} work-groups; a single group writes {@code out[outOff]} itself
     * (n == 0 included: it reads nothing and writes 0), more leave partial sums for sum_final.
     */
    private void reduce(String name, OpenClBuffer out, long outOff, OpenClBuffer x, long xOff, OpenClBuffer y,
                        long yOff, long n) {
        ClType precision = precision(x, "x");
        sameType(out, precision, "out");
        checkVector(out, outOff, 1, "out");
        if (n < 0) {
            throw new IllegalArgumentException("negative length " + n);
        }
        checkVector(x, xOff, n, "x");
        if (y != null) {
            sameType(y, precision, "y");
            checkVector(y, yOff, n, "y");
        }
        int groups = (int) Math.max(1, Math.min(MAX_PARTIALS, (n + group - 1) / group));
        OpenClBuffer dst = groups == 1 ? out : partials(precision);
        long dstOff = groups == 1 ? outOff : 0;
        call.begin(context.kernel(REDUCE, name, precision), name).mem(dst).arg(dstOff).mem(x).arg(xOff);
        if (y != null) {
            call.mem(y).arg(yOff);
        }
        call.arg(n).local((long) group * precision.bytes()).run1d((long) groups * group, group);
        if (groups > 1) {
            call.begin(context.kernel(REDUCE, "sum_final", precision), "sum_final").mem(out).arg(outOff)
                    .mem(dst).arg(groups).local((long) group * precision.bytes()).run1d(group, group);
        }
    }

    /** The reusable partial-sum buffer of {@code precision}; in-order queueing keeps uses apart. */
    private OpenClBuffer partials(ClType precision) {
        if (precision == ClType.FLOAT64) {
            if (partialsF64 == null) {
                partialsF64 = context.buffer(ClType.FLOAT64, MAX_PARTIALS);
            }
            return partialsF64;
        }
        if (partialsF32 == null) {
            partialsF32 = context.buffer(ClType.FLOAT32, MAX_PARTIALS);
        }
        return partialsF32;
    }

    /** Work-group size for rows of {@code cols}: the power of two covering them, within [32, group]. */
    private int rowGroup(int cols) {
        int local = Math.min(MIN_ROW_GROUP, group);
        while (local < cols && local < group) {
            local <<= 1;
        }
        return local;
    }

    /** Releases the partial-sum buffers; the context stays open. */
    @Override
    public void close() {
        call.close();
        if (partialsF32 != null) {
            partialsF32.close();
            partialsF32 = null;
        }
        if (partialsF64 != null) {
            partialsF64.close();
            partialsF64 = null;
        }
    }

    private ClType precision(OpenClBuffer b, String what) {
        ClType type = b.type();
        if (type != ClType.FLOAT32 && type != ClType.FLOAT64) {
            throw new IllegalArgumentException(what + " must be FLOAT32 or FLOAT64, not " + type);
        }
        sameContext(b, what);
        return type;
    }

    private void sameType(OpenClBuffer b, ClType type, String what) {
        if (b.type() != type) {
            throw new IllegalArgumentException(what + " must be " + type + ", not " + b.type());
        }
        sameContext(b, what);
    }

    private void sameContext(OpenClBuffer b, String what) {
        if (b.context() != context) {
            throw new IllegalArgumentException(what + " belongs to another OpenCL context");
        }
    }

    /** A rows x cols view at {@code off} with leading dimension {@code ld} lies inside {@code b}. */
    private static void checkMatrix(OpenClBuffer b, long off, long ld, int rows, int cols, String what) {
        if (rows < 0 || cols < 0 || off < 0 || ld < cols) {
            throw new IllegalArgumentException(what + ": bad view " + rows + "x" + cols + " at " + off + " ld " + ld);
        }
        if (rows > 0 && cols > 0 && off + (rows - 1) * ld + cols > b.length()) {
            throw new IllegalArgumentException(what + ": " + rows + "x" + cols + " at " + off + " ld " + ld
                    + " exceeds the buffer of " + b.length());
        }
    }

    private static void checkVector(OpenClBuffer b, long off, long n, String what) {
        if (n < 0 || off < 0 || (n > 0 && off + n > b.length())) {
            throw new IllegalArgumentException(what + ": " + n + " elements at " + off + " exceed the buffer of "
                    + b.length());
        }
    }
}
