package dev.neurite.kernel;

import static dev.neurite.kernel.KernelTestData.assertClose;
import static dev.neurite.kernel.KernelTestData.assertSameElements;
import static dev.neurite.kernel.KernelTestData.assertUntouched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.kernel.KernelTestData.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * Checks every method of a backend against the scalar reference: the vector methods (inherited)
 * and here the matrix ones, GEMV and GEMM, on views ({@code ld > cols}, nonzero offsets) whose
 * padding holds NaN, so that reading outside a view shows up. A backend's test extends this
 * class and says which backend it tests.
 */
public abstract class BackendAgainstScalarTest extends BackendBroadcastAgainstScalarTest {

    /** Extra elements per row beyond {@code cols}, for inputs and outputs respectively. */
    private static final long IN_PAD = 3;
    private static final long OUT_PAD = 5;

    private int[][] rowShapes() {
        int l = lanes();
        return new int[][] {{0, 5}, {6, 0}, {1, 1}, {3, l - 1}, {4, l}, {2, l + 1}, {7, 13}, {5, 207},
            {3, 702}, {2, 1024}, {1, 4098}};
    }

    /** A {@code rows x cols} view at {@code off} with leading dimension {@code ld}; padding is NaN. */
    private MemorySegment matrix(DType dt, long rows, long cols, long ld, long off, double lo, double hi) {
        MemorySegment s = data.alloc(dt, off + rows * ld + GUARD);
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                dt.set(s, off + i * ld + j, lo + (hi - lo) * data.random().nextDouble());
            }
        }
        return s;
    }

    /** Asserts that only the view's elements of an output buffer were written. */
    private static void assertOnlyViewWritten(String at, DType dt, MemorySegment s, long off, long ld,
                                              long rows, long cols) {
        assertUntouched(at, dt, s, 0, off);
        for (long i = 0; i < rows; i++) {
            assertUntouched(at, dt, s, off + i * ld + cols, off + (i + 1) * ld);
        }
    }

    @Test
    void addRowVectorIsExact() {
        for (DType dt : DType.values()) {
            for (int[] shape : rowShapes()) {
                int rows = shape[0];
                int cols = shape[1];
                long lda = cols + IN_PAD;
                long ldo = cols + OUT_PAD;
                MemorySegment a = matrix(dt, rows, cols, lda, IN_OFF, -4, 4);
                injectSpecials(dt, a, IN_OFF, rows > 0 ? cols : 0);
                MemorySegment bias = data.uniform(dt, IN_OFF + cols, -4, 4);
                MemorySegment want = data.alloc(dt, OUT_OFF + rows * ldo + GUARD);
                MemorySegment got = data.alloc(dt, OUT_OFF + rows * ldo + GUARD);
                calls(dt).addRowVector(want, ldo, a, lda, bias, rows, cols, ref);
                calls(dt).addRowVector(got, ldo, a, lda, bias, rows, cols, k);
                String at = "addRowVector " + dt + " " + rows + "x" + cols;
                for (long i = 0; i < rows; i++) {
                    assertSameElements(at + " row " + i, dt, want, OUT_OFF + i * ldo, got, OUT_OFF + i * ldo, cols);
                }
                assertOnlyViewWritten(at, dt, got, OUT_OFF, ldo, rows, cols);
                // in place: out == a with the same offset and ld
                MemorySegment inPlace = data.copy(dt, a, IN_OFF + rows * lda);
                if (dt == DType.F32) {
                    k.addRowVectorF32(inPlace, IN_OFF, lda, inPlace, IN_OFF, lda, bias, IN_OFF, rows, cols);
                } else {
                    k.addRowVectorF64(inPlace, IN_OFF, lda, inPlace, IN_OFF, lda, bias, IN_OFF, rows, cols);
                }
                for (long i = 0; i < rows; i++) {
                    assertSameElements(at + " in place row " + i, dt, want, OUT_OFF + i * ldo,
                            inPlace, IN_OFF + i * lda, cols);
                }
            }
        }
    }

    /** Dispatches on dtype for the row-kernel calls that take the same arguments in both. */
    private static RowCalls calls(DType dt) {
        return new RowCalls(dt);
    }

    private record RowCalls(DType dt) {
        void addRowVector(MemorySegment out, long ldo, MemorySegment a, long lda, MemorySegment bias,
                          int rows, int cols, Kernels kk) {
            if (dt == DType.F32) {
                kk.addRowVectorF32(out, OUT_OFF, ldo, a, IN_OFF, lda, bias, IN_OFF, rows, cols);
            } else {
                kk.addRowVectorF64(out, OUT_OFF, ldo, a, IN_OFF, lda, bias, IN_OFF, rows, cols);
            }
        }

        void softmax(boolean log, MemorySegment out, long outOff, long ldo, MemorySegment x, long xOff, long ldx,
                     int rows, int cols, Kernels kk) {
            if (dt == DType.F32) {
                if (log) {
                    kk.logSoftmaxRowsF32(out, outOff, ldo, x, xOff, ldx, rows, cols);
                } else {
                    kk.softmaxRowsF32(out, outOff, ldo, x, xOff, ldx, rows, cols);
                }
            } else if (log) {
                kk.logSoftmaxRowsF64(out, outOff, ldo, x, xOff, ldx, rows, cols);
            } else {
                kk.softmaxRowsF64(out, outOff, ldo, x, xOff, ldx, rows, cols);
            }
        }
    }

    @Test
    void columnSumsMatchReference() {
        for (DType dt : DType.values()) {
            for (int[] shape : rowShapes()) {
                int rows = shape[0];
                int cols = shape[1];
                long lda = cols + IN_PAD;
                MemorySegment a = matrix(dt, rows, cols, lda, IN_OFF, -1, 1);
                MemorySegment want = data.alloc(dt, OUT_OFF + cols + GUARD);
                MemorySegment got = data.alloc(dt, OUT_OFF + cols + GUARD);
                if (dt == DType.F32) {
                    ref.columnSumsF32(want, OUT_OFF, a, IN_OFF, lda, rows, cols);
                    k.columnSumsF32(got, OUT_OFF, a, IN_OFF, lda, rows, cols);
                } else {
                    ref.columnSumsF64(want, OUT_OFF, a, IN_OFF, lda, rows, cols);
                    k.columnSumsF64(got, OUT_OFF, a, IN_OFF, lda, rows, cols);
                }
                String at = "columnSums " + dt + " " + rows + "x" + cols;
                for (long j = 0; j < cols; j++) {
                    double abs = 0;
                    for (long i = 0; i < rows; i++) {
                        abs += Math.abs(dt.get(a, IN_OFF + i * lda + j));
                    }
                    double w = dt.get(want, OUT_OFF + j);
                    double tol = SUM_REL_TOL * dt.unitRoundoff * Math.max(1, rows) * abs + dt.ulp(w);
                    assertClose(at + " col " + j, w, dt.get(got, OUT_OFF + j), tol);
                }
                assertUntouched(at, dt, got, 0, OUT_OFF);
                assertUntouched(at, dt, got, OUT_OFF + cols, OUT_OFF + cols + GUARD);
            }
        }
    }

    @Test
    void softmaxRowsMatchReference() {
        for (boolean log : new boolean[] {false, true}) {
            for (DType dt : DType.values()) {
                for (int[] shape : rowShapes()) {
                    checkSoftmax(log, dt, shape[0], shape[1], -5, 5);
                }
            }
        }
    }

    @Test
    void softmaxRowsStayFiniteForLargeLogitsAndIsolateNaN() {
        for (boolean log : new boolean[] {false, true}) {
            for (DType dt : DType.values()) {
                for (int cols : new int[] {lanes() + 3, 207}) {
                    MemorySegment x = checkSoftmax(log, dt, 4, cols, -1e4, 1e4);
                    long ldx = cols + IN_PAD;
                    dt.set(x, IN_OFF + 2 * ldx + cols / 2, Double.NaN);
                    MemorySegment out = data.alloc(dt, 4 * ldx + IN_OFF);
                    calls(dt).softmax(log, out, IN_OFF, ldx, x, IN_OFF, ldx, 4, cols, k);
                    for (long i = 0; i < 4; i++) {
                        double total = 0;
                        for (long j = 0; j < cols; j++) {
                            double v = dt.get(out, IN_OFF + i * ldx + j);
                            if (i == 2) {
                                assertTrue(Double.isNaN(v), "a NaN logit makes its whole row NaN");
                            } else {
                                assertTrue(Double.isFinite(v) || (log && v == Double.NEGATIVE_INFINITY),
                                        "row " + i + " stays finite");
                                total += log ? Math.exp(v) : v;
                            }
                        }
                        if (i != 2) {
                            assertEquals(1, total, SUM_REL_TOL * dt.unitRoundoff * cols * 4, "row " + i + " sums to 1");
                        }
                    }
                }
            }
        }
    }

    /** Compares one softmax shape against the reference (also in place) and returns its input. */
    private MemorySegment checkSoftmax(boolean log, DType dt, int rows, int cols, double lo, double hi) {
        long ldx = cols + IN_PAD;
        long ldo = cols + OUT_PAD;
        MemorySegment x = matrix(dt, rows, cols, ldx, IN_OFF, lo, hi);
        MemorySegment want = data.alloc(dt, OUT_OFF + rows * ldo + GUARD);
        MemorySegment got = data.alloc(dt, OUT_OFF + rows * ldo + GUARD);
        calls(dt).softmax(log, want, OUT_OFF, ldo, x, IN_OFF, ldx, rows, cols, ref);
        calls(dt).softmax(log, got, OUT_OFF, ldo, x, IN_OFF, ldx, rows, cols, k);
        MemorySegment inPlace = data.copy(dt, x, IN_OFF + rows * ldx);
        calls(dt).softmax(log, inPlace, IN_OFF, ldx, inPlace, IN_OFF, ldx, rows, cols, k);
        String at = (log ? "logSoftmax " : "softmax ") + dt + " " + rows + "x" + cols;
        for (long i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (long j = 0; j < cols; j++) {
                max = Math.max(max, dt.get(x, IN_OFF + i * ldx + j));
            }
            for (long j = 0; j < cols; j++) {
                double w = dt.get(want, OUT_OFF + i * ldo + j);
                // rounding x - max costs |x - max| ulps in the exponent; the row sum up to cols
                double spread = Math.abs(dt.get(x, IN_OFF + i * ldx + j) - max) + cols;
                double tol = ELEMENTWISE_ULP_TOL * dt.ulp(w)
                        + SUM_REL_TOL * dt.unitRoundoff * spread * (log ? 1 : Math.abs(w));
                assertClose(at + " (" + i + "," + j + ")", w, dt.get(got, OUT_OFF + i * ldo + j), tol);
                assertClose(at + " in place (" + i + "," + j + ")", w, dt.get(inPlace, IN_OFF + i * ldx + j), tol);
            }
        }
        assertOnlyViewWritten(at, dt, got, OUT_OFF, ldo, rows, cols);
        return x;
    }

    @Test
    void rowReductionsMatchReferenceAndPropagateNaN() {
        for (DType dt : DType.values()) {
            for (int[] shape : rowShapes()) {
                int rows = shape[0];
                int cols = shape[1];
                long ldx = cols + IN_PAD;
                MemorySegment x = matrix(dt, rows, cols, ldx, IN_OFF, -1, 1);
                if (rows > 1 && cols > 0) {
                    dt.set(x, IN_OFF + ldx + cols - 1, Double.NaN);
                    dt.set(x, IN_OFF + cols / 2, Double.POSITIVE_INFINITY);
                }
                for (RowReduction op : RowReduction.values()) {
                    MemorySegment want = data.alloc(dt, OUT_OFF + rows + GUARD);
                    MemorySegment got = data.alloc(dt, OUT_OFF + rows + GUARD);
                    if (dt == DType.F32) {
                        ref.rowReduceF32(op, want, OUT_OFF, x, IN_OFF, ldx, rows, cols);
                        k.rowReduceF32(op, got, OUT_OFF, x, IN_OFF, ldx, rows, cols);
                    } else {
                        ref.rowReduceF64(op, want, OUT_OFF, x, IN_OFF, ldx, rows, cols);
                        k.rowReduceF64(op, got, OUT_OFF, x, IN_OFF, ldx, rows, cols);
                    }
                    String at = "rowReduce " + op + " " + dt + " " + rows + "x" + cols;
                    for (long i = 0; i < rows; i++) {
                        double w = dt.get(want, OUT_OFF + i);
                        double tol = op == RowReduction.MAX ? 0
                                : SUM_REL_TOL * dt.unitRoundoff * Math.max(1, cols) * cols + dt.ulp(w);
                        assertClose(at + " row " + i, w, dt.get(got, OUT_OFF + i), tol);
                    }
                    assertUntouched(at, dt, got, OUT_OFF + rows, OUT_OFF + rows + GUARD);
                }
            }
        }
    }

    @Test
    void rowArgmaxMatchesReferenceOnTiesNaNAndInfinity() {
        for (DType dt : DType.values()) {
            for (int[] shape : rowShapes()) {
                int rows = shape[0] + 4;
                int cols = shape[1];
                long ldx = cols + IN_PAD;
                MemorySegment x = matrix(dt, rows, cols, ldx, IN_OFF, 0, 1);
                for (long i = 0; i < rows; i++) {
                    for (long j = 0; j < cols; j++) {
                        long at = IN_OFF + i * ldx + j;
                        double v = switch ((int) i) {
                            case 0 -> Double.NEGATIVE_INFINITY;                 // all -inf: index 0
                            case 1 -> j % 2 == 0 ? -0.0 : 0.0;                   // signed zeros tie
                            case 2 -> j == cols / 3 || j == cols - 1 ? Double.NaN : 1; // first NaN wins
                            default -> Math.floor(dt.get(x, at) * 5);           // many ties
                        };
                        dt.set(x, at, v);
                    }
                }
                MemorySegment want = arena.allocate(ValueLayout.JAVA_INT, OUT_OFF + rows);
                MemorySegment got = arena.allocate(ValueLayout.JAVA_INT, OUT_OFF + rows);
                got.fill((byte) -1);
                if (dt == DType.F32) {
                    ref.rowArgmaxF32(want, OUT_OFF, x, IN_OFF, ldx, rows, cols);
                    k.rowArgmaxF32(got, OUT_OFF, x, IN_OFF, ldx, rows, cols);
                } else {
                    ref.rowArgmaxF64(want, OUT_OFF, x, IN_OFF, ldx, rows, cols);
                    k.rowArgmaxF64(got, OUT_OFF, x, IN_OFF, ldx, rows, cols);
                }
                for (long i = 0; i < rows; i++) {
                    assertEquals(want.getAtIndex(ValueLayout.JAVA_INT, OUT_OFF + i),
                            got.getAtIndex(ValueLayout.JAVA_INT, OUT_OFF + i),
                            "argmax " + dt + " " + rows + "x" + cols + " row " + i);
                }
                assertEquals(-1, got.getAtIndex(ValueLayout.JAVA_INT, 0), "argmax writes only its rows");
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // GEMV and GEMM

    /** Allowed error of a {@code k}-term product sum, in units of {@code unitRoundoff * k * sum |a * b|}. */
    protected static final double PRODUCT_SUM_REL_TOL = 2;
    private static final double[][] ALPHA_BETA = {{1, 0}, {0.5, 2}, {-1, 1}};

    @Test
    void gemvMatchesReference() {
        int l = lanes();
        int[][] shapes = {{0, 3}, {3, 0}, {1, 1}, {4, l + 1}, {7, 13}, {33, 17}, {64, 207}, {130, 257}, {5, 4098}};
        for (DType dt : DType.values()) {
            for (int[] shape : shapes) {
                for (boolean trans : new boolean[] {false, true}) {
                    for (double[] ab : ALPHA_BETA) {
                        checkGemv(dt, shape[0], shape[1], trans, ab[0], ab[1]);
                    }
                }
            }
        }
    }

    private void checkGemv(DType dt, int m, int n, boolean trans, double alpha, double beta) {
        long lda = n + IN_PAD;
        int inLen = trans ? m : n;
        int outLen = trans ? n : m;
        MemorySegment a = matrix(dt, m, n, lda, IN_OFF, -1, 1);
        MemorySegment x = data.uniform(dt, IN_OFF + inLen, -1, 1);
        if (inLen > 2) {
            dt.set(x, IN_OFF + 1, Double.NaN);
        }
        // beta == 0: y holds NaN, which must not come through
        MemorySegment y0 = beta == 0 ? data.alloc(dt, OUT_OFF + outLen) : data.uniform(dt, OUT_OFF + outLen, -1, 1);
        MemorySegment want = data.copy(dt, y0, OUT_OFF + outLen);
        MemorySegment got = data.copy(dt, y0, OUT_OFF + outLen);
        MemorySegment bound = data.alloc(dt, OUT_OFF + outLen);
        MemorySegment absA = abs(dt, a, IN_OFF + m * lda);
        MemorySegment absX = abs(dt, x, IN_OFF + inLen);
        if (dt == DType.F32) {
            ref.gemvF32(want, OUT_OFF, a, IN_OFF, lda, trans, x, IN_OFF, m, n, (float) alpha, (float) beta);
            k.gemvF32(got, OUT_OFF, a, IN_OFF, lda, trans, x, IN_OFF, m, n, (float) alpha, (float) beta);
            ref.gemvF32(bound, OUT_OFF, absA, IN_OFF, lda, trans, absX, IN_OFF, m, n, (float) Math.abs(alpha), 0f);
        } else {
            ref.gemvF64(want, OUT_OFF, a, IN_OFF, lda, trans, x, IN_OFF, m, n, alpha, beta);
            k.gemvF64(got, OUT_OFF, a, IN_OFF, lda, trans, x, IN_OFF, m, n, alpha, beta);
            ref.gemvF64(bound, OUT_OFF, absA, IN_OFF, lda, trans, absX, IN_OFF, m, n, Math.abs(alpha), 0);
        }
        String at = "gemv " + dt + " " + m + "x" + n + (trans ? " T" : "") + " alpha=" + alpha + " beta=" + beta;
        for (long i = 0; i < outLen; i++) {
            double w = dt.get(want, OUT_OFF + i);
            double old = beta == 0 ? 0 : Math.abs(beta * dt.get(y0, OUT_OFF + i));
            double tol = PRODUCT_SUM_REL_TOL * dt.unitRoundoff * (Math.max(1, inLen) * dt.get(bound, OUT_OFF + i) + old)
                    + dt.ulp(w);
            assertClose(at + " i=" + i, w, dt.get(got, OUT_OFF + i), tol);
        }
    }

    @Test
    void gemmMatchesReference() {
        int l = lanes();
        int[][] shapes = {{0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {1, 1, 1}, {7, 9, 13}, {17, 33, 5},
            {8, l + 1, l - 1}, {48, 49, 97}, {1, 256, 78}, {20, 13, 130}};
        for (DType dt : DType.values()) {
            for (int[] s : shapes) {
                for (int t = 0; t < 4; t++) {
                    for (double[] ab : ALPHA_BETA) {
                        checkGemm(dt, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, ab[0], ab[1]);
                    }
                }
            }
        }
    }

    private void checkGemm(DType dt, int m, int n, int kk, boolean transA, boolean transB, double alpha, double beta) {
        long aRows = transA ? kk : m;
        long aCols = transA ? m : kk;
        long bRows = transB ? n : kk;
        long bCols = transB ? kk : n;
        long lda = aCols + 2;
        long ldb = bCols + IN_PAD;
        long ldc = n + OUT_PAD;
        MemorySegment a = matrix(dt, aRows, aCols, lda, IN_OFF, -1, 1);
        MemorySegment b = matrix(dt, bRows, bCols, ldb, IN_OFF, -1, 1);
        if (aRows > 1 && aCols > 1) {
            dt.set(a, IN_OFF + lda + 1, Double.POSITIVE_INFINITY);
            dt.set(a, IN_OFF, Double.NaN);
        }
        MemorySegment c0 = beta == 0 ? data.alloc(dt, OUT_OFF + m * ldc) : matrix(dt, m, n, ldc, OUT_OFF, -1, 1);
        MemorySegment want = data.copy(dt, c0, OUT_OFF + m * ldc);
        MemorySegment got = data.copy(dt, c0, OUT_OFF + m * ldc);
        MemorySegment bound = data.alloc(dt, OUT_OFF + m * ldc);
        MemorySegment absA = abs(dt, a, IN_OFF + aRows * lda);
        MemorySegment absB = abs(dt, b, IN_OFF + bRows * ldb);
        if (dt == DType.F32) {
            ref.gemmF32(want, OUT_OFF, ldc, a, IN_OFF, lda, transA, b, IN_OFF, ldb, transB, m, n, kk,
                    (float) alpha, (float) beta);
            k.gemmF32(got, OUT_OFF, ldc, a, IN_OFF, lda, transA, b, IN_OFF, ldb, transB, m, n, kk,
                    (float) alpha, (float) beta);
            ref.gemmF32(bound, OUT_OFF, ldc, absA, IN_OFF, lda, transA, absB, IN_OFF, ldb, transB, m, n, kk,
                    (float) Math.abs(alpha), 0f);
        } else {
            ref.gemmF64(want, OUT_OFF, ldc, a, IN_OFF, lda, transA, b, IN_OFF, ldb, transB, m, n, kk, alpha, beta);
            k.gemmF64(got, OUT_OFF, ldc, a, IN_OFF, lda, transA, b, IN_OFF, ldb, transB, m, n, kk, alpha, beta);
            ref.gemmF64(bound, OUT_OFF, ldc, absA, IN_OFF, lda, transA, absB, IN_OFF, ldb, transB, m, n, kk,
                    Math.abs(alpha), 0);
        }
        String at = "gemm " + dt + " " + m + "x" + n + "x" + kk + (transA ? " At" : "") + (transB ? " Bt" : "")
                + " alpha=" + alpha + " beta=" + beta;
        for (long i = 0; i < m; i++) {
            for (long j = 0; j < n; j++) {
                long ci = OUT_OFF + i * ldc + j;
                double w = dt.get(want, ci);
                double old = beta == 0 ? 0 : Math.abs(beta * dt.get(c0, ci));
                double tol = PRODUCT_SUM_REL_TOL * dt.unitRoundoff * (Math.max(1, kk) * dt.get(bound, ci) + old)
                        + dt.ulp(w);
                assertClose(at + " (" + i + "," + j + ")", w, dt.get(got, ci), tol);
            }
        }
        if (beta == 0) {
            assertOnlyViewWritten(at, dt, got, OUT_OFF, ldc, m, n);
        }
    }

    private MemorySegment abs(DType dt, MemorySegment s, long n) {
        MemorySegment r = data.copy(dt, s, n);
        for (long i = 0; i < n; i++) {
            dt.set(r, i, Math.abs(dt.get(r, i)));
        }
        return r;
    }
}
