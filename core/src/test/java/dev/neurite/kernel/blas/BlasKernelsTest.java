package dev.neurite.kernel.blas;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.neurite.kernel.KernelThreads;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compares every natively implemented method of {@link BlasKernels} with {@link ScalarKernels}.
 * Needs {@code libopenblas.so.0}: without it every test fails and says so (CI installs it).
 */
class BlasKernelsTest {

    /** F32 results may differ from the double-accumulating oracle by this much, relative to sum |terms|. */
    private static final double F32_REL_TOL = 1e-5;
    /** F64 tolerance, relative to sum |terms|. */
    private static final double F64_REL_TOL = 1e-13;
    /** Absolute floor for results whose terms all vanish. */
    private static final double ABS_TOL = 1e-30;

    private static final int[] LENGTHS = {0, 1, 15, 16, 17, 13, 207, 702, 1024, 4098,
        CblasCritical.MAX_LENGTH, CblasCritical.MAX_LENGTH + 1, 20_011};
    /** m, n, k; none a multiple of any tile; m == 1 and n == 1 go through GEMV. */
    private static final int[][] GEMM_SHAPES = {{1, 1, 1}, {7, 13, 5}, {207, 129, 702}, {1, 33, 70},
        {45, 1, 19}, {2, 3, 1}, {0, 5, 3}, {4, 0, 3}, {4, 5, 0}};
    /** alpha, beta; beta == 0 runs with NaN in C. */
    private static final double[][] ALPHA_BETA = {{1, 0}, {0.5, -1.5}, {-2, 1}};

    private static Kernels blas;
    private static final Kernels SCALAR = new ScalarKernels();

    private Arena arena;
    private final Random random = new Random(20240611);

    @BeforeAll
    static void loadBlas() {
        try {
            blas = new BlasKernels(new ScalarKernels());
        } catch (UnsupportedOperationException e) {
            fail("these tests need OpenBLAS (apt-get install libopenblas0-pthread): " + e.getMessage(), e);
        }
    }

    @BeforeEach
    void openArena() {
        arena = Arena.ofConfined();
    }

    @AfterEach
    void closeArena() {
        arena.close();
    }

    @Test
    void singleRowProductsCanGoToTheElementwiseBackend() {
        // the element-wise backend's result, bit for bit, for one row; OpenBLAS's for more
        Kernels routed = new BlasKernels(SCALAR, true);
        for (boolean transB : new boolean[] {false, true}) {
            for (int m : new int[] {1, 2}) {
                int n = 37;
                int k = 51;
                MemorySegment a = randomF32((long) m * k);
                MemorySegment b = randomF32((long) k * n);
                MemorySegment viaRoute = randomF32((long) m * n);
                MemorySegment viaScalar = copy(viaRoute);
                MemorySegment viaBlas = copy(viaRoute);
                routed.gemmF32(viaRoute, 0, n, a, 0, k, false, b, 0, transB ? k : n, transB, m, n, k, 1f, 0.5f);
                SCALAR.gemmF32(viaScalar, 0, n, a, 0, k, false, b, 0, transB ? k : n, transB, m, n, k, 1f, 0.5f);
                blas.gemmF32(viaBlas, 0, n, a, 0, k, false, b, 0, transB ? k : n, transB, m, n, k, 1f, 0.5f);
                MemorySegment expected = m == 1 ? viaScalar : viaBlas;
                assertEquals(-1L, viaRoute.mismatch(expected), "m=" + m + " transB=" + transB);
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // data

    private MemorySegment randomF32(long n) {
        MemorySegment s = arena.allocate(Math.max(1, n) * 4, 64);
        for (long i = 0; i < n; i++) {
            s.setAtIndex(JAVA_FLOAT, i, random.nextFloat() * 2 - 1);
        }
        return s;
    }

    private MemorySegment randomF64(long n) {
        MemorySegment s = arena.allocate(Math.max(1, n) * 8, 64);
        for (long i = 0; i < n; i++) {
            s.setAtIndex(JAVA_DOUBLE, i, random.nextDouble() * 2 - 1);
        }
        return s;
    }

    private MemorySegment copy(MemorySegment s) {
        return arena.allocate(s.byteSize(), 64).copyFrom(s);
    }

    private MemorySegment absF32(MemorySegment s) {
        MemorySegment r = copy(s);
        for (long i = 0; i < r.byteSize() / 4; i++) {
            r.setAtIndex(JAVA_FLOAT, i, Math.abs(r.getAtIndex(JAVA_FLOAT, i)));
        }
        return r;
    }

    private MemorySegment absF64(MemorySegment s) {
        MemorySegment r = copy(s);
        for (long i = 0; i < r.byteSize() / 8; i++) {
            r.setAtIndex(JAVA_DOUBLE, i, Math.abs(r.getAtIndex(JAVA_DOUBLE, i)));
        }
        return r;
    }

    private static void fillF32(MemorySegment s, float v) {
        for (long i = 0; i < s.byteSize() / 4; i++) {
            s.setAtIndex(JAVA_FLOAT, i, v);
        }
    }

    private static void fillF64(MemorySegment s, double v) {
        for (long i = 0; i < s.byteSize() / 8; i++) {
            s.setAtIndex(JAVA_DOUBLE, i, v);
        }
    }

    /** Every element of {@code actual} within {@code rel * scale + ABS_TOL} of {@code expected}. */
    private static void assertCloseF32(MemorySegment expected, MemorySegment actual, MemorySegment scale,
                                       double rel, String what) {
        for (long i = 0; i < expected.byteSize() / 4; i++) {
            double e = expected.getAtIndex(JAVA_FLOAT, i);
            double a = actual.getAtIndex(JAVA_FLOAT, i);
            double tol = rel * scale.getAtIndex(JAVA_FLOAT, i) + ABS_TOL;
            if (!(Math.abs(e - a) <= tol) && !(Double.isNaN(e) && Double.isNaN(a)) && e != a) {
                fail(what + ": element " + i + " expected " + e + " got " + a + " (tolerance " + tol + ")");
            }
        }
    }

    private static void assertCloseF64(MemorySegment expected, MemorySegment actual, MemorySegment scale,
                                       double rel, String what) {
        for (long i = 0; i < expected.byteSize() / 8; i++) {
            double e = expected.getAtIndex(JAVA_DOUBLE, i);
            double a = actual.getAtIndex(JAVA_DOUBLE, i);
            double tol = rel * scale.getAtIndex(JAVA_DOUBLE, i) + ABS_TOL;
            if (!(Math.abs(e - a) <= tol) && !(Double.isNaN(e) && Double.isNaN(a)) && e != a) {
                fail(what + ": element " + i + " expected " + e + " got " + a + " (tolerance " + tol + ")");
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // GEMM

    @Test
    void gemmF32MatchesScalar() {
        for (int[] shape : GEMM_SHAPES) {
            for (int t = 0; t < 4; t++) {
                for (double[] ab : ALPHA_BETA) {
                    if (isLarge(shape) && ab != ALPHA_BETA[t % ALPHA_BETA.length]) {
                        continue; // the oracle is slow: each transpose once, each alpha/beta at least once
                    }
                    gemmF32Case(shape[0], shape[1], shape[2], (t & 1) != 0, (t & 2) != 0, (float) ab[0], (float) ab[1]);
                }
            }
        }
    }

    private static boolean isLarge(int[] shape) {
        return (long) shape[0] * shape[1] * shape[2] > 100_000;
    }

    private void gemmF32Case(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta) {
        String what = "gemmF32 " + m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB
                + " alpha=" + alpha + " beta=" + beta;
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        long lda = aCols + 3;
        long ldb = bCols + 5;
        long ldc = n + 2;
        long aOff = 7;
        long bOff = 3;
        long cOff = 11;
        MemorySegment a = randomF32(aOff + aRows * lda);
        MemorySegment b = randomF32(bOff + bRows * ldb);
        MemorySegment c0 = randomF32(cOff + m * ldc);
        if (beta == 0f) {
            // beta == 0 must not read C: NaN everywhere in it, gaps between rows included
            fillF32(c0, Float.NaN);
        }
        MemorySegment expected = copy(c0);
        MemorySegment actual = copy(c0);
        SCALAR.gemmF32(expected, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
        blas.gemmF32(actual, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
        // scale: |alpha| |A| |B| + |beta C|, from the oracle on absolute values
        MemorySegment scale = absF32(c0);
        if (isLarge(new int[] {m, n, k})) {
            // the oracle is slow: bound |A| |B| by k, as all inputs lie in [-1, 1]
            for (long i = 0; i < scale.byteSize() / 4; i++) {
                float old = beta == 0f ? 0f : Math.abs(beta) * scale.getAtIndex(JAVA_FLOAT, i);
                float bound = Math.abs(alpha) * k + old;
                scale.setAtIndex(JAVA_FLOAT, i, bound);
            }
        } else {
            SCALAR.gemmF32(scale, cOff, ldc, absF32(a), aOff, lda, transA, absF32(b), bOff, ldb, transB,
                    m, n, k, Math.abs(alpha), Math.abs(beta));
        }
        assertCloseF32(expected, actual, scale, F32_REL_TOL, what);
        if (beta == 0f && m > 0 && n > 0) {
            assertFalse(Float.isNaN(actual.getAtIndex(JAVA_FLOAT, cOff)), what + ": NaN from C leaked");
            assertTrue(Float.isNaN(actual.getAtIndex(JAVA_FLOAT, cOff + n)), what + ": wrote past row end");
        }
    }

    @Test
    void gemmF64MatchesScalar() {
        for (int[] shape : GEMM_SHAPES) {
            for (int t = 0; t < 4; t++) {
                for (double[] ab : ALPHA_BETA) {
                    if (isLarge(shape) && ab != ALPHA_BETA[t % ALPHA_BETA.length]) {
                        continue; // the oracle is slow: each transpose once, each alpha/beta at least once
                    }
                    gemmF64Case(shape[0], shape[1], shape[2], (t & 1) != 0, (t & 2) != 0, ab[0], ab[1]);
                }
            }
        }
    }

    private void gemmF64Case(int m, int n, int k, boolean transA, boolean transB, double alpha, double beta) {
        String what = "gemmF64 " + m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB
                + " alpha=" + alpha + " beta=" + beta;
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        long lda = aCols + 1;
        long ldb = bCols + 4;
        long ldc = n + 3;
        long aOff = 5;
        long bOff = 9;
        long cOff = 2;
        MemorySegment a = randomF64(aOff + aRows * lda);
        MemorySegment b = randomF64(bOff + bRows * ldb);
        MemorySegment c0 = randomF64(cOff + m * ldc);
        if (beta == 0) {
            fillF64(c0, Double.NaN);
        }
        MemorySegment expected = copy(c0);
        MemorySegment actual = copy(c0);
        SCALAR.gemmF64(expected, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
        blas.gemmF64(actual, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
        MemorySegment scale = absF64(c0);
        if (isLarge(new int[] {m, n, k})) {
            for (long i = 0; i < scale.byteSize() / 8; i++) {
                double old = beta == 0 ? 0 : Math.abs(beta) * scale.getAtIndex(JAVA_DOUBLE, i);
                double bound = Math.abs(alpha) * k + old;
                scale.setAtIndex(JAVA_DOUBLE, i, bound);
            }
        } else {
            SCALAR.gemmF64(scale, cOff, ldc, absF64(a), aOff, lda, transA, absF64(b), bOff, ldb, transB,
                    m, n, k, Math.abs(alpha), Math.abs(beta));
        }
        assertCloseF64(expected, actual, scale, F64_REL_TOL, what);
        if (beta == 0 && m > 0 && n > 0) {
            assertFalse(Double.isNaN(actual.getAtIndex(JAVA_DOUBLE, cOff)), what + ": NaN from C leaked");
            assertTrue(Double.isNaN(actual.getAtIndex(JAVA_DOUBLE, cOff + n)), what + ": wrote past row end");
        }
    }

    @Test
    void gemmWithZeroAlphaPropagatesNaNLikeScalar() {
        MemorySegment a = randomF32(6);
        a.setAtIndex(JAVA_FLOAT, 4, Float.NaN);
        MemorySegment b = randomF32(6);
        MemorySegment expected = randomF32(4);
        MemorySegment actual = copy(expected);
        SCALAR.gemmF32(expected, 0, 2, a, 0, 3, false, b, 0, 2, false, 2, 2, 3, 0f, 1f);
        blas.gemmF32(actual, 0, 2, a, 0, 3, false, b, 0, 2, false, 2, 2, 3, 0f, 1f);
        assertTrue(Float.isNaN(actual.getAtIndex(JAVA_FLOAT, 2)), "0 * NaN must give NaN");
        assertCloseF32(expected, actual, expected, 0, "gemmF32 alpha=0");
    }

    // ---------------------------------------------------------------------------------------
    // GEMV

    private static final int[][] GEMV_SHAPES = {{1, 1}, {15, 17}, {16, 16}, {13, 207}, {207, 13},
        {702, 129}, {0, 5}, {5, 0}};

    @Test
    void gemvMatchesScalar() {
        for (int[] shape : GEMV_SHAPES) {
            for (boolean transA : new boolean[] {false, true}) {
                for (double[] ab : ALPHA_BETA) {
                    gemvCase(shape[0], shape[1], transA, ab[0], ab[1]);
                }
            }
        }
    }

    private void gemvCase(int m, int n, boolean transA, double alpha, double beta) {
        String what = "gemv " + m + "x" + n + " transA=" + transA + " alpha=" + alpha + " beta=" + beta;
        long lda = n + 3;
        int xLen = transA ? m : n;
        int yLen = transA ? n : m;
        long aOff = 4;
        long xOff = 1;
        long yOff = 6;

        MemorySegment a = randomF32(aOff + m * lda);
        MemorySegment x = randomF32(xOff + xLen);
        MemorySegment y0 = randomF32(yOff + yLen + 1);
        if (beta == 0) {
            fillF32(y0, Float.NaN);
        }
        MemorySegment expected = copy(y0);
        MemorySegment actual = copy(y0);
        SCALAR.gemvF32(expected, yOff, a, aOff, lda, transA, x, xOff, m, n, (float) alpha, (float) beta);
        blas.gemvF32(actual, yOff, a, aOff, lda, transA, x, xOff, m, n, (float) alpha, (float) beta);
        MemorySegment scale = beta == 0 ? copy(y0) : absF32(y0);
        SCALAR.gemvF32(scale, yOff, absF32(a), aOff, lda, transA, absF32(x), xOff, m, n,
                (float) Math.abs(alpha), (float) Math.abs(beta));
        assertCloseF32(expected, actual, scale, F32_REL_TOL, "F32 " + what);

        MemorySegment a64 = randomF64(aOff + m * lda);
        MemorySegment x64 = randomF64(xOff + xLen);
        MemorySegment y064 = randomF64(yOff + yLen + 1);
        if (beta == 0) {
            fillF64(y064, Double.NaN);
        }
        MemorySegment expected64 = copy(y064);
        MemorySegment actual64 = copy(y064);
        SCALAR.gemvF64(expected64, yOff, a64, aOff, lda, transA, x64, xOff, m, n, alpha, beta);
        blas.gemvF64(actual64, yOff, a64, aOff, lda, transA, x64, xOff, m, n, alpha, beta);
        MemorySegment scale64 = beta == 0 ? copy(y064) : absF64(y064);
        SCALAR.gemvF64(scale64, yOff, absF64(a64), aOff, lda, transA, absF64(x64), xOff, m, n,
                Math.abs(alpha), Math.abs(beta));
        assertCloseF64(expected64, actual64, scale64, F64_REL_TOL, "F64 " + what);
        if (beta == 0 && yLen > 0 && xLen > 0) {
            assertFalse(Float.isNaN(actual.getAtIndex(JAVA_FLOAT, yOff)), what + ": NaN from y leaked");
            assertFalse(Double.isNaN(actual64.getAtIndex(JAVA_DOUBLE, yOff)), what + ": NaN from y leaked");
        }
    }

    // ---------------------------------------------------------------------------------------
    // Level 1

    @Test
    void axpyMatchesScalar() {
        for (int n : LENGTHS) {
            for (double alpha : new double[] {1, -0.75}) {
                long xOff = 3;
                long yOff = 5;
                MemorySegment x = randomF32(xOff + n);
                MemorySegment y0 = randomF32(yOff + n + 1);
                MemorySegment expected = copy(y0);
                MemorySegment actual = copy(y0);
                SCALAR.axpyF32(expected, yOff, (float) alpha, x, xOff, n);
                blas.axpyF32(actual, yOff, (float) alpha, x, xOff, n);
                // one rounding (fused or not) on |y| + |alpha x| <= 2
                assertCloseF32(expected, actual, absF32(y0), F32_REL_TOL, "axpyF32 n=" + n + " alpha=" + alpha);

                MemorySegment x64 = randomF64(xOff + n);
                MemorySegment y064 = randomF64(yOff + n + 1);
                MemorySegment expected64 = copy(y064);
                MemorySegment actual64 = copy(y064);
                SCALAR.axpyF64(expected64, yOff, alpha, x64, xOff, n);
                blas.axpyF64(actual64, yOff, alpha, x64, xOff, n);
                assertCloseF64(expected64, actual64, absF64(y064), F64_REL_TOL, "axpyF64 n=" + n);
            }
        }
    }

    @Test
    void axpyWithZeroAlphaPropagatesNaNLikeScalar() {
        MemorySegment x = randomF64(64);
        x.setAtIndex(JAVA_DOUBLE, 40, Double.NaN);
        MemorySegment y = randomF64(64);
        blas.axpyF64(y, 0, 0, x, 0, 64);
        assertTrue(Double.isNaN(y.getAtIndex(JAVA_DOUBLE, 40)), "0 * NaN must give NaN");
    }

    @Test
    void dotAndSumOfSquaresMatchScalar() {
        for (int n : LENGTHS) {
            long xOff = 9;
            long yOff = 2;
            MemorySegment x = randomF32(xOff + n);
            MemorySegment y = randomF32(yOff + n);
            double scale = SCALAR.dotF32(absF32(x), xOff, absF32(y), yOff, n);
            assertEquals(SCALAR.dotF32(x, xOff, y, yOff, n), blas.dotF32(x, xOff, y, yOff, n),
                    F32_REL_TOL * scale + ABS_TOL, "dotF32 n=" + n);
            double squares = SCALAR.sumOfSquaresF32(x, xOff, n);
            assertEquals(squares, blas.sumOfSquaresF32(x, xOff, n), F32_REL_TOL * squares + ABS_TOL,
                    "sumOfSquaresF32 n=" + n);

            MemorySegment x64 = randomF64(xOff + n);
            MemorySegment y64 = randomF64(yOff + n);
            double scale64 = SCALAR.dotF64(absF64(x64), xOff, absF64(y64), yOff, n);
            assertEquals(SCALAR.dotF64(x64, xOff, y64, yOff, n), blas.dotF64(x64, xOff, y64, yOff, n),
                    F64_REL_TOL * scale64 + ABS_TOL, "dotF64 n=" + n);
            double squares64 = SCALAR.sumOfSquaresF64(x64, xOff, n);
            assertEquals(squares64, blas.sumOfSquaresF64(x64, xOff, n), F64_REL_TOL * squares64 + ABS_TOL,
                    "sumOfSquaresF64 n=" + n);
        }
    }

    @Test
    void heapSegmentsGoToTheElementwiseBackend() {
        float[] x = new float[300];
        float[] y = new float[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.01f;
            y[i] = 1 - i * 0.02f;
        }
        MemorySegment xs = MemorySegment.ofArray(x);
        MemorySegment ys = MemorySegment.ofArray(y);
        assertEquals(SCALAR.dotF32(xs, 0, ys, 0, 300), blas.dotF32(xs, 0, ys, 0, 300), 0f);
        float[] c = new float[4];
        blas.gemmF32(MemorySegment.ofArray(c), 0, 2, xs, 0, 150, false, ys, 0, 2, false, 2, 2, 150, 1f, 0f);
        float[] expected = new float[4];
        SCALAR.gemmF32(MemorySegment.ofArray(expected), 0, 2, xs, 0, 150, false, ys, 0, 2, false, 2, 2, 150, 1f, 0f);
        assertEquals(expected[3], c[3], 0f);
    }

    // ---------------------------------------------------------------------------------------
    // Library facts

    @Test
    void reportsTheLibraryAndUsesTheKernelThreadCount() {
        OpenBlasInfo info = OpenBlasInfo.current().orElseThrow();
        assertFalse(info.coreName().isEmpty(), "core name");
        assertTrue(info.config().contains("OpenBLAS"), info.config());
        // OpenBLAS caps the count at the maximum it was built for
        assertTrue(info.threads() >= 1 && info.threads() <= KernelThreads.count(), info.line());
        assertTrue(OpenBlasInfo.describe().contains(info.coreName()), OpenBlasInfo.describe());
        assertEquals("blas", blas.name());
    }
}
