package dev.neurite.kernel.opencl;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.RowReduction;
import dev.neurite.kernel.UnaryOp;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The device ops on host memory, in either precision: each method copies its inputs into device
 * scratch buffers (kept per element type and grown as needed, never shrunk), runs the device
 * kernel and reads the outputs back. Arguments as in {@code dev.neurite.kernel.Kernels}, with the
 * precision first; lengths of 0 return at once (device buffers cannot be empty). Reads back are
 * blocking on the in-order queue, so when a method returns every command it enqueued has
 * finished. Not thread-safe: {@link OpenClKernels} serialises the calls.
 */
final class OpenClStagedOps implements AutoCloseable {

    private static final ClType F64 = ClType.FLOAT64;
    /** Scratch buffers per element type: RMSprop has the most operands, five. */
    private static final int SLOTS = 5;

    private final OpenClContext context;
    private final OpenClOps ops;
    private final OpenClRowOps rowOps;
    private final OpenClGemm gemm;
    /** Device scratch by [ClType ordinal][slot]; slot 0 holds the (first) output. */
    private final OpenClBuffer[][] scratch = new OpenClBuffer[ClType.values().length][SLOTS];
    /** Host memory for results read back from the device (any thread may touch it: shared arena). */
    private Arena hostArena = Arena.ofShared();
    private MemorySegment hostScratch = hostArena.allocate(64, 8);

    OpenClStagedOps(OpenClContext context) {
        this.context = context;
        this.ops = new OpenClOps(context);
        this.rowOps = new OpenClRowOps(context);
        this.gemm = new OpenClGemm(context);
    }

    /** Scratch buffer {@code slot} of {@code type} with room for {@code length} elements. */
    private OpenClBuffer slot(ClType type, int slot, long length) {
        OpenClBuffer[] buffers = scratch[type.ordinal()];
        OpenClBuffer b = buffers[slot];
        if (b == null || b.length() < length) {
            if (b != null) {
                b.close();
                buffers[slot] = null;
            }
            b = context.buffer(type, Math.max(1, length)); // device buffers cannot be empty
            buffers[slot] = b;
        }
        return b;
    }

    /** {@code n} elements of {@code src} from {@code off} into scratch {@code slot}. */
    private OpenClBuffer upload(ClType type, int slot, MemorySegment src, long off, long n) {
        OpenClBuffer b = slot(type, slot, n);
        b.write(0, src, off, n);
        return b;
    }

    /**
     * Scratch for a {@code rows x cols} output with leading dimension {@code ld}: when its rows
     * have gaps, the current contents go up first so that the gaps come back unchanged.
     */
    private OpenClBuffer output(ClType type, MemorySegment dst, long off, long ld, int rows, int cols) {
        long span = span(rows, cols, ld);
        return rows > 1 && ld != cols ? upload(type, 0, dst, off, span) : slot(type, 0, span);
    }

    private static void download(OpenClBuffer b, MemorySegment dst, long off, long n) {
        b.read(0, dst, off, n);
    }

    /** Elements from the first to one past the last of a rows x cols matrix with leading dimension ld. */
    private static long span(int rows, int cols, long ld) {
        return rows == 0 || cols == 0 ? 0 : (rows - 1L) * ld + cols;
    }

    /** Host memory for {@code n} elements of {@code type}, grown as needed. */
    private MemorySegment host(ClType type, long n) {
        long bytes = Math.max(1, n) * type.bytes();
        if (hostScratch.byteSize() < bytes) {
            Arena grown = Arena.ofShared();
            hostScratch = grown.allocate(Math.max(bytes, 2 * hostScratch.byteSize()), 8);
            hostArena.close();
            hostArena = grown;
        }
        return hostScratch;
    }

    /** One real read back from {@code b[0]}. */
    private double readScalar(ClType type, OpenClBuffer b) {
        MemorySegment h = host(type, 1);
        b.read(0, h, 0, 1);
        return type == F64 ? h.get(ValueLayout.JAVA_DOUBLE, 0) : h.get(ValueLayout.JAVA_FLOAT, 0);
    }

    private static void fillHost(ClType type, MemorySegment dst, long off, long n, double value) {
        for (long i = 0; i < n; i++) {
            if (type == F64) {
                dst.setAtIndex(ValueLayout.JAVA_DOUBLE, off + i, value);
            } else {
                dst.setAtIndex(ValueLayout.JAVA_FLOAT, off + i, (float) value);
            }
        }
    }

    void gemm(ClType t, MemorySegment c, long cOff, long ldc, MemorySegment a, long aOff, long lda, boolean transA,
              MemorySegment b, long bOff, long ldb, boolean transB, int m, int n, int k, double alpha, double beta) {
        if (m == 0 || n == 0) {
            return;
        }
        long cSpan = span(m, n, ldc);
        // beta != 0 reads C; otherwise only row gaps need the current contents
        OpenClBuffer dc = beta != 0 ? upload(t, 0, c, cOff, cSpan) : output(t, c, cOff, ldc, m, n);
        OpenClBuffer da = upload(t, 1, a, aOff, transA ? span(k, m, lda) : span(m, k, lda));
        OpenClBuffer db = upload(t, 2, b, bOff, transB ? span(n, k, ldb) : span(k, n, ldb));
        gemm.gemm(dc, 0, ldc, da, 0, lda, transA, db, 0, ldb, transB, m, n, k, alpha, beta);
        download(dc, c, cOff, cSpan);
    }

    void gemv(ClType t, MemorySegment y, long yOff, MemorySegment a, long aOff, long lda, boolean transA,
              MemorySegment x, long xOff, int m, int n, double alpha, double beta) {
        int outLen = transA ? n : m;
        int inLen = transA ? m : n;
        if (outLen == 0) {
            return;
        }
        OpenClBuffer dy = beta != 0 ? upload(t, 0, y, yOff, outLen) : slot(t, 0, outLen);
        OpenClBuffer da = upload(t, 1, a, aOff, span(m, n, lda));
        OpenClBuffer dx = upload(t, 2, x, xOff, inLen);
        if (transA) {
            // y^T (1 x n) = x^T (1 x m) * A (m x n): A is read in its stored order
            gemm.gemm(dy, 0, n, dx, 0, m, false, da, 0, lda, false, 1, n, m, alpha, beta);
        } else {
            // y (m x 1) = A (m x n) * x (n x 1)
            gemm.gemm(dy, 0, 1, da, 0, lda, false, dx, 0, 1, false, m, 1, n, alpha, beta);
        }
        download(dy, y, yOff, outLen);
    }

    void axpy(ClType t, MemorySegment y, long yOff, double alpha, MemorySegment x, long xOff, long n) {
        if (n == 0) {
            return;
        }
        OpenClBuffer dy = upload(t, 0, y, yOff, n);
        ops.axpy(dy, 0, alpha, upload(t, 1, x, xOff, n), 0, n);
        download(dy, y, yOff, n);
    }

    void scale(ClType t, MemorySegment out, long outOff, double alpha, MemorySegment x, long xOff, long n) {
        if (n == 0) {
            return;
        }
        OpenClBuffer d = slot(t, 0, n);
        ops.scale(d, 0, alpha, upload(t, 1, x, xOff, n), 0, n);
        download(d, out, outOff, n);
    }

    void binary(ClType t, BinaryOp op, MemorySegment out, long outOff, MemorySegment a, long aOff, MemorySegment b,
                long bOff, long n) {
        if (n == 0) {
            return;
        }
        OpenClBuffer d = slot(t, 0, n);
        ops.binary(op, d, 0, upload(t, 1, a, aOff, n), 0, upload(t, 2, b, bOff, n), 0, n);
        download(d, out, outOff, n);
    }

    void unary(ClType t, UnaryOp op, MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        if (n == 0) {
            return;
        }
        OpenClBuffer d = slot(t, 0, n);
        ops.unary(op, d, 0, upload(t, 1, x, xOff, n), 0, n);
        download(d, out, outOff, n);
    }

    void activationForward(ClType t, Activation f, double slope, MemorySegment y, long yOff, MemorySegment x, long xOff,
                           long n) {
        if (n == 0) {
            return;
        }
        OpenClBuffer d = slot(t, 0, n);
        ops.activationForward(f, slope, d, 0, upload(t, 1, x, xOff, n), 0, n);
        download(d, y, yOff, n);
    }

    void activationBackward(ClType t, Activation f, double slope, MemorySegment dX, long dXOff, MemorySegment dY,
                            long dYOff, MemorySegment y, long yOff, long n) {
        if (n == 0) {
            return;
        }
        OpenClBuffer d = slot(t, 0, n);
        ops.activationBackward(f, slope, d, 0, upload(t, 1, dY, dYOff, n), 0, upload(t, 2, y, yOff, n), 0, n);
        download(d, dX, dXOff, n);
    }

    double dot(ClType t, MemorySegment x, long xOff, MemorySegment y, long yOff, long n) {
        if (n == 0) {
            return 0;
        }
        OpenClBuffer out = slot(t, 0, 1);
        rowOps.dot(out, 0, upload(t, 1, x, xOff, n), 0, upload(t, 2, y, yOff, n), 0, n);
        return readScalar(t, out);
    }

    double sum(ClType t, boolean squares, MemorySegment x, long xOff, long n) {
        if (n == 0) {
            return 0;
        }
        OpenClBuffer out = slot(t, 0, 1);
        OpenClBuffer dx = upload(t, 1, x, xOff, n);
        if (squares) {
            rowOps.sumOfSquares(out, 0, dx, 0, n);
        } else {
            rowOps.sum(out, 0, dx, 0, n);
        }
        return readScalar(t, out);
    }

    /** Bias add, with the activation {@code f} fused when it is not {@code null}. */
    void addRowVector(ClType t, Activation f, double slope, MemorySegment out, long outOff, long ldOut, MemorySegment a,
                      long aOff, long lda, MemorySegment bias, long biasOff, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        OpenClBuffer d = output(t, out, outOff, ldOut, rows, cols);
        OpenClBuffer da = upload(t, 1, a, aOff, span(rows, cols, lda));
        OpenClBuffer db = upload(t, 2, bias, biasOff, cols);
        if (f == null) {
            ops.addRowVector(d, 0, ldOut, da, 0, lda, db, 0, rows, cols);
        } else {
            ops.addRowVectorActivation(f, slope, d, 0, ldOut, da, 0, lda, db, 0, rows, cols);
        }
        download(d, out, outOff, span(rows, cols, ldOut));
    }

    void columnSums(ClType t, MemorySegment out, long outOff, MemorySegment a, long aOff, long lda, int rows,
                    int cols) {
        if (cols == 0) {
            return;
        }
        OpenClBuffer d = slot(t, 0, cols);
        ops.columnSums(d, 0, upload(t, 1, a, aOff, span(rows, cols, lda)), 0, lda, rows, cols);
        download(d, out, outOff, cols);
    }

    void softmax(ClType t, boolean log, MemorySegment out, long outOff, long ldOut, MemorySegment x, long xOff,
                 long ldx, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        OpenClBuffer d = output(t, out, outOff, ldOut, rows, cols);
        OpenClBuffer dx = upload(t, 1, x, xOff, span(rows, cols, ldx));
        if (log) {
            rowOps.logSoftmaxRows(d, 0, ldOut, dx, 0, ldx, rows, cols);
        } else {
            rowOps.softmaxRows(d, 0, ldOut, dx, 0, ldx, rows, cols);
        }
        download(d, out, outOff, span(rows, cols, ldOut));
    }

    double softmaxCrossEntropy(ClType t, MemorySegment dZ, long dZOff, long ldd, MemorySegment z, long zOff, long ldz,
                               int[] labels, int labelsOff, int rows, int cols, double scale) {
        if (rows == 0 || cols == 0) {
            return 0;
        }
        OpenClBuffer d = output(t, dZ, dZOff, ldd, rows, cols);
        OpenClBuffer dz = upload(t, 1, z, zOff, span(rows, cols, ldz));
        OpenClBuffer dl = upload(ClType.INT32, 0, MemorySegment.ofArray(labels), labelsOff, rows);
        OpenClBuffer loss = slot(t, 2, rows);
        rowOps.softmaxCrossEntropy(d, 0, ldd, dz, 0, ldz, dl, 0, rows, cols, scale, loss, 0);
        download(d, dZ, dZOff, span(rows, cols, ldd));
        MemorySegment h = host(t, rows);
        loss.read(0, h, 0, rows);
        double total = 0;
        for (long i = 0; i < rows; i++) {
            total += t == F64 ? h.getAtIndex(ValueLayout.JAVA_DOUBLE, i) : h.getAtIndex(ValueLayout.JAVA_FLOAT, i);
        }
        return total;
    }

    void rowReduce(ClType t, RowReduction op, MemorySegment out, long outOff, MemorySegment x, long xOff, long ldx,
                   int rows, int cols) {
        if (rows == 0) {
            return;
        }
        if (cols == 0) {
            fillHost(t, out, outOff, rows, op == RowReduction.SUM ? 0 : Double.NEGATIVE_INFINITY);
            return;
        }
        OpenClBuffer d = slot(t, 0, rows);
        rowOps.rowReduce(op, d, 0, upload(t, 1, x, xOff, span(rows, cols, ldx)), 0, ldx, rows, cols);
        download(d, out, outOff, rows);
    }

    void rowArgmax(ClType t, MemorySegment out, long outOff, MemorySegment x, long xOff, long ldx, int rows, int cols) {
        if (rows == 0) {
            return;
        }
        if (cols == 0) {
            for (long i = 0; i < rows; i++) {
                out.setAtIndex(ValueLayout.JAVA_INT, outOff + i, 0);
            }
            return;
        }
        OpenClBuffer d = slot(ClType.INT32, 0, rows);
        rowOps.rowArgmax(d, 0, upload(t, 1, x, xOff, span(rows, cols, ldx)), 0, ldx, rows, cols);
        download(d, out, outOff, rows);
    }

    void sgd(ClType t, MemorySegment w, long wOff, MemorySegment buf, long bufOff, MemorySegment g, long gOff, long n,
             double lr, double momentum, double dampening, boolean nesterov, double weightDecay, double l1,
             boolean firstStep) {
        if (n == 0) {
            return;
        }
        boolean useBuf = momentum != 0;
        OpenClBuffer dw = upload(t, 0, w, wOff, n);
        OpenClBuffer db = useBuf ? upload(t, 1, buf, bufOff, n) : slot(t, 1, 1);
        ops.sgdUpdate(dw, 0, db, 0, upload(t, 2, g, gOff, n), 0, n, lr, momentum, dampening, nesterov,
                weightDecay, l1, firstStep);
        download(dw, w, wOff, n);
        if (useBuf) {
            download(db, buf, bufOff, n);
        }
    }

    void rmsprop(ClType t, MemorySegment w, long wOff, MemorySegment sq, long sqOff, MemorySegment gAvg, long gAvgOff,
                 MemorySegment buf, long bufOff, MemorySegment g, long gOff, long n, double lr, double alpha,
                 double eps, double momentum, boolean centered, double weightDecay, double l1) {
        if (n == 0) {
            return;
        }
        boolean useBuf = momentum > 0;
        OpenClBuffer dw = upload(t, 0, w, wOff, n);
        OpenClBuffer dsq = upload(t, 1, sq, sqOff, n);
        OpenClBuffer dga = centered ? upload(t, 2, gAvg, gAvgOff, n) : slot(t, 2, 1);
        OpenClBuffer db = useBuf ? upload(t, 3, buf, bufOff, n) : slot(t, 3, 1);
        ops.rmspropUpdate(dw, 0, dsq, 0, dga, 0, db, 0, upload(t, 4, g, gOff, n), 0, n, lr, alpha, eps, momentum,
                centered, weightDecay, l1);
        download(dw, w, wOff, n);
        download(dsq, sq, sqOff, n);
        if (centered) {
            download(dga, gAvg, gAvgOff, n);
        }
        if (useBuf) {
            download(db, buf, bufOff, n);
        }
    }

    void adam(ClType t, MemorySegment w, long wOff, MemorySegment m, long mOff, MemorySegment v, long vOff,
              MemorySegment g, long gOff, long n, double stepSize, double beta1, double beta2, double eps,
              double biasCorrection2Sqrt, double weightDecay, double l1, double decay) {
        if (n == 0) {
            return;
        }
        OpenClBuffer dw = upload(t, 0, w, wOff, n);
        OpenClBuffer dm = upload(t, 1, m, mOff, n);
        OpenClBuffer dv = upload(t, 2, v, vOff, n);
        ops.adamUpdate(dw, 0, dm, 0, dv, 0, upload(t, 3, g, gOff, n), 0, n, stepSize, beta1, beta2, eps,
                biasCorrection2Sqrt, weightDecay, l1, decay);
        download(dw, w, wOff, n);
        download(dm, m, mOff, n);
        download(dv, v, vOff, n);
    }

    void clamp(ClType t, MemorySegment out, long outOff, MemorySegment x, long xOff, long n, double lo, double hi) {
        if (n == 0) {
            return;
        }
        OpenClBuffer d = slot(t, 0, n);
        ops.clamp(d, 0, upload(t, 1, x, xOff, n), 0, n, lo, hi);
        download(d, out, outOff, n);
    }

    /** Releases the scratch buffers and the GEMM's; the context stays open. */
    @Override
    public void close() {
        for (OpenClBuffer[] buffers : scratch) {
            for (int i = 0; i < buffers.length; i++) {
                if (buffers[i] != null) {
                    buffers[i].close();
                    buffers[i] = null;
                }
            }
        }
        gemm.close();
        ops.close();
        rowOps.close();
        if (hostArena.scope().isAlive()) {
            hostArena.close();
        }
    }
}
