package dev.neurite.kernel.simd;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SimdGemmF32} against the scalar reference, on shapes that hit every edge of the blocking. */
class SimdGemmF32Test {

    /**
     * Allowed error per accumulated term, relative to {@code sum |alpha * a * b| + |beta * c|}: a
     * float32 sum of {@code k} products is within {@code k} unit roundoffs of that magnitude.
     */
    private static final double ERROR_PER_TERM = 2 * Math.ulp(1f);
    /** Floor of the allowed error, for results that cancel to nearly zero. */
    private static final double ABSOLUTE_ERROR = 1e-6;
    /** Value written around and between the rows of C, which the kernel must leave alone. */
    private static final float SENTINEL = -12345.5f;

    private static final ScalarKernels REFERENCE = new ScalarKernels();

    /** One gemm call's operands, laid out with padding and offsets in native memory. */
    private record Problem(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta,
                           long aOff, long lda, long bOff, long ldb, long cOff, long ldc,
                           MemorySegment a, MemorySegment b, MemorySegment c) {

        static Problem random(Arena arena, Random rnd, int m, int n, int k, boolean transA, boolean transB,
                              float alpha, float beta, int pad) {
            // with padding, every leading dimension exceeds its row length
            long lda = (transA ? m : k) + extra(rnd, pad);
            long ldb = (transB ? k : n) + extra(rnd, pad);
            long ldc = n + extra(rnd, pad);
            long aOff = rnd.nextInt(pad + 1);
            long bOff = rnd.nextInt(pad + 1);
            long cOff = rnd.nextInt(pad + 1);
            MemorySegment a = randomSegment(arena, rnd, aOff + lda * (transA ? k : m));
            MemorySegment b = randomSegment(arena, rnd, bOff + ldb * (transB ? n : k));
            MemorySegment c = randomSegment(arena, rnd, cOff + ldc * m + pad);
            return new Problem(m, n, k, transA, transB, alpha, beta, aOff, lda, bOff, ldb, cOff, ldc, a, b, c);
        }

        private static int extra(Random rnd, int pad) {
            return pad == 0 ? 0 : 1 + rnd.nextInt(pad);
        }

        void runSimd(MemorySegment out, int maxParts) {
            SimdGemmF32.gemm(out, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB,
                    m, n, k, alpha, beta, maxParts);
        }

        void runReference(MemorySegment out) {
            REFERENCE.gemmF32(out, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB,
                    m, n, k, alpha, beta);
        }

        /** {@code sum |alpha * a * b| + |beta * c|} per element: the scale of the rounding error. */
        MemorySegment magnitudes(Arena arena) {
            MemorySegment absA = abs(arena, a);
            MemorySegment absB = abs(arena, b);
            MemorySegment mag = abs(arena, c);
            REFERENCE.gemmF32(mag, cOff, ldc, absA, aOff, lda, transA, absB, bOff, ldb, transB,
                    m, n, k, Math.abs(alpha), Math.abs(beta));
            return mag;
        }

        String describe() {
            return "m=" + m + " n=" + n + " k=" + k + " transA=" + transA + " transB=" + transB
                    + " alpha=" + alpha + " beta=" + beta + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc;
        }
    }

    @Test
    void matchesReferenceOnEdgeShapes() {
        int[] sizes = {1, 2, 5, 6, 7, 8, 13, 16, 17, 31, 33};
        Random rnd = new Random(1);
        try (Arena arena = Arena.ofConfined()) {
            for (int m : sizes) {
                for (int n : sizes) {
                    int k = sizes[rnd.nextInt(sizes.length)];
                    boolean transA = rnd.nextBoolean();
                    boolean transB = rnd.nextBoolean();
                    float beta = new float[] {0f, 1f, -0.5f}[rnd.nextInt(3)];
                    check(arena, Problem.random(arena, rnd, m, n, k, transA, transB, 1.5f, beta, 3), 1);
                }
            }
        }
    }

    @Test
    void fewRowsMatchReferenceForAllTransposes() {
        // m below the tile height takes the unpacked path; n and k cover whole vectors, the wide
        // strip and the scalar remainders
        int[] ns = {1, 7, 8, 9, 10, 16, 17, 256};
        int[] ks = {1, 5, 128, 784};
        float[][] alphaBeta = {{1f, 0f}, {0.5f, 2f}};
        Random rnd = new Random(11);
        try (Arena arena = Arena.ofConfined()) {
            for (int m = 1; m <= GemmF32MicroKernel.MR; m++) {
                for (int n : ns) {
                    for (int k : ks) {
                        for (int t = 0; t < 4; t++) {
                            // each transpose pair sees both alpha/beta settings across the k values
                            float[] ab = alphaBeta[(t + k) % 2];
                            Problem p = Problem.random(arena, rnd, m, n, k, (t & 1) != 0, (t & 2) != 0,
                                    ab[0], ab[1], 2);
                            if (ab[1] == 0f) {
                                fillInterior(p, Float.NaN);
                            }
                            check(arena, p, 1);
                        }
                    }
                }
            }
        }
    }

    @Test
    void fewRowsOnTightSegmentsAndOnHeap() {
        Random rnd = new Random(12);
        try (Arena arena = Arena.ofConfined()) {
            for (int m = 1; m < GemmF32MicroKernel.MR; m++) {
                for (int t = 0; t < 4; t++) {
                    check(arena, Problem.random(arena, rnd, m, 10, 13, (t & 1) != 0, (t & 2) != 0, 1f, 0f, 0), 1);
                }
            }
        }
        int n = 70;
        int k = 9;
        MemorySegment a = MemorySegment.ofArray(randomArray(rnd, k));
        MemorySegment b = MemorySegment.ofArray(randomArray(rnd, k * n));
        MemorySegment c = MemorySegment.ofArray(randomArray(rnd, n));
        MemorySegment expected = MemorySegment.ofArray(c.toArray(JAVA_FLOAT));
        SimdGemmF32.gemm(c, 0, n, a, 0, k, false, b, 0, n, false, 1, n, k, 1f, 1f);
        REFERENCE.gemmF32(expected, 0, n, a, 0, k, false, b, 0, n, false, 1, n, k, 1f, 1f);
        for (int j = 0; j < n; j++) {
            assertEquals(expected.getAtIndex(JAVA_FLOAT, j), c.getAtIndex(JAVA_FLOAT, j),
                    ERROR_PER_TERM * (k + 2) * 2 * k + ABSOLUTE_ERROR, "element " + j);
        }
    }

    @Test
    void matchesReferenceAcrossBlockBoundariesForAllTransposes() {
        Random rnd = new Random(2);
        // k beyond KC, m beyond MC, n past several NR panels, each not a multiple of the tile
        int m = SimdGemmF32.MC + GemmF32MicroKernel.MR + 1;
        int n = 3 * GemmF32MicroKernel.NR + 5;
        int k = SimdGemmF32.KC + 37;
        try (Arena arena = Arena.ofConfined()) {
            for (int t = 0; t < 4; t++) {
                check(arena, Problem.random(arena, rnd, m, n, k, (t & 1) != 0, (t & 2) != 0, -0.75f, 0.25f, 5), 1);
            }
        }
    }

    @Test
    void matchesReferenceWiderThanOnePackedBBlock() {
        Random rnd = new Random(3);
        try (Arena arena = Arena.ofConfined()) {
            int n = SimdGemmF32.NC + GemmF32MicroKernel.NR + 3;
            check(arena, Problem.random(arena, rnd, 7, n, 9, false, false, 1f, 0f, 2), 1);
            check(arena, Problem.random(arena, rnd, 7, n, 9, true, true, 1f, 2f, 2), 1);
        }
    }

    @Test
    void packingStopsAtTheEndOfTightlySizedOperands() {
        Random rnd = new Random(10);
        try (Arena arena = Arena.ofConfined()) {
            // no padding: the last panels end exactly where the segments do
            int m = 4 * GemmF32MicroKernel.MR;
            int n = 2 * GemmF32MicroKernel.NR;
            for (int t = 0; t < 4; t++) {
                check(arena, Problem.random(arena, rnd, m, n, 23, (t & 1) != 0, (t & 2) != 0, 1f, 0f, 0), 1);
            }
        }
    }

    @Test
    void splittingAcrossThreadsGivesBitIdenticalResults() {
        Random rnd = new Random(4);
        try (Arena arena = Arena.ofShared()) {
            // one tall and one wide product, and two of a few rows (split by column bands), all
            // above their parallel thresholds
            int[][] shapes = {{403, 121, 217}, {61, 419, 411}, {1, 331, 785}, {3, 517, 300}};
            for (int[] s : shapes) {
                for (int t = 0; t < 2; t++) {
                    Problem p = Problem.random(arena, rnd, s[0], s[1], s[2], false, t == 1, 1f, 0.5f, 4);
                    assertTrue((long) p.m() * p.n() * p.k() >= SimdGemmF32.PARALLEL_MIN_WORK, "shape must split");
                    MemorySegment serial = copy(arena, p.c());
                    p.runSimd(serial, 1);
                    for (int parts = 2; parts <= 3; parts++) {
                        MemorySegment parallel = copy(arena, p.c());
                        p.runSimd(parallel, parts);
                        assertEquals(-1L, serial.mismatch(parallel), p.describe() + " parts=" + parts);
                    }
                    if (s == shapes[0] || s[0] == 1) {
                        check(arena, p, 3);
                    }
                }
            }
        }
    }

    @Test
    void confinedSegmentsStayOnTheCallingThread() {
        Random rnd = new Random(9);
        try (Arena arena = Arena.ofConfined()) {
            // large enough to split, but a worker may not touch memory of a confined arena
            Problem p = Problem.random(arena, rnd, 230, 230, 200, true, false, 1f, 0f, 1);
            assertTrue((long) p.m() * p.n() * p.k() >= SimdGemmF32.PARALLEL_MIN_WORK, "shape must split");
            check(arena, p, 2);
        }
    }

    @Test
    void betaZeroDoesNotReadC() {
        Random rnd = new Random(5);
        try (Arena arena = Arena.ofConfined()) {
            Problem p = Problem.random(arena, rnd, 13, 21, 11, false, false, 1f, 0f, 2);
            fill(p.c(), Float.NaN);
            MemorySegment got = check(arena, p, 1);
            for (int i = 0; i < p.m(); i++) {
                for (int j = 0; j < p.n(); j++) {
                    assertTrue(Float.isFinite(got.getAtIndex(JAVA_FLOAT, p.cOff() + i * p.ldc() + j)));
                }
            }
        }
    }

    @Test
    void nanInInputsPropagates() {
        Random rnd = new Random(6);
        try (Arena arena = Arena.ofConfined()) {
            Problem p = Problem.random(arena, rnd, 14, 18, 20, false, false, 1f, 0f, 0);
            p.a().setAtIndex(JAVA_FLOAT, p.aOff() + 3 * p.lda() + 4, Float.NaN); // A(3, 4)
            MemorySegment out = copy(arena, p.c());
            p.runSimd(out, 1);
            for (int i = 0; i < p.m(); i++) {
                for (int j = 0; j < p.n(); j++) {
                    float v = out.getAtIndex(JAVA_FLOAT, p.cOff() + i * p.ldc() + j);
                    assertEquals(i == 3, Float.isNaN(v), "C(" + i + ", " + j + ") = " + v);
                }
            }
        }
    }

    @Test
    void zeroDepthScalesC() {
        Random rnd = new Random(7);
        try (Arena arena = Arena.ofConfined()) {
            check(arena, Problem.random(arena, rnd, 9, 19, 0, false, false, 2f, 3f, 2), 1);
            check(arena, Problem.random(arena, rnd, 9, 19, 0, true, true, 2f, 0f, 2), 1);
        }
    }

    @Test
    void worksOnHeapSegments() {
        Random rnd = new Random(8);
        int m = 11;
        int n = 35;
        int k = 19;
        MemorySegment a = MemorySegment.ofArray(randomArray(rnd, m * k));
        MemorySegment b = MemorySegment.ofArray(randomArray(rnd, k * n));
        MemorySegment c = MemorySegment.ofArray(randomArray(rnd, m * n));
        MemorySegment expected = MemorySegment.ofArray(c.toArray(JAVA_FLOAT));
        SimdGemmF32.gemm(c, 0, n, a, 0, k, false, b, 0, n, false, m, n, k, 1f, 1f);
        REFERENCE.gemmF32(expected, 0, n, a, 0, k, false, b, 0, n, false, m, n, k, 1f, 1f);
        for (int i = 0; i < m * n; i++) {
            float want = expected.getAtIndex(JAVA_FLOAT, i);
            float got = c.getAtIndex(JAVA_FLOAT, i);
            assertEquals(want, got, ERROR_PER_TERM * (k + 2) * 2 * k + ABSOLUTE_ERROR, "element " + i);
        }
    }

    /**
     * Runs {@code p} on a copy of C, compares it with the reference, including C's padding, and
     * returns it.
     */
    private static MemorySegment check(Arena arena, Problem p, int maxParts) {
        markPadding(p);
        MemorySegment expected = copy(arena, p.c());
        MemorySegment got = copy(arena, p.c());
        p.runReference(expected);
        p.runSimd(got, maxParts);
        MemorySegment mag = p.magnitudes(arena);
        for (long idx = 0; idx < p.c().byteSize() / Float.BYTES; idx++) {
            float want = expected.getAtIndex(JAVA_FLOAT, idx);
            float have = got.getAtIndex(JAVA_FLOAT, idx);
            long rel = idx - p.cOff();
            boolean inside = rel >= 0 && rel / p.ldc() < p.m() && rel % p.ldc() < p.n();
            if (!inside) {
                if (have != SENTINEL) {
                    fail("wrote outside C at element " + idx + ": " + p.describe());
                }
                continue;
            }
            double tol = ERROR_PER_TERM * (p.k() + 2) * mag.getAtIndex(JAVA_FLOAT, idx) + ABSOLUTE_ERROR;
            if (!(Math.abs(want - have) <= tol) && !(Float.isNaN(want) && Float.isNaN(have))) {
                fail("C(" + rel / p.ldc() + ", " + rel % p.ldc() + "): expected " + want + " got " + have
                        + " (tolerance " + tol + "): " + p.describe());
            }
        }
        return got;
    }

    private static void fillInterior(Problem p, float v) {
        for (int i = 0; i < p.m(); i++) {
            for (int j = 0; j < p.n(); j++) {
                p.c().setAtIndex(JAVA_FLOAT, p.cOff() + i * p.ldc() + j, v);
            }
        }
    }

    private static void markPadding(Problem p) {
        MemorySegment c = p.c();
        for (long idx = 0; idx < c.byteSize() / Float.BYTES; idx++) {
            long rel = idx - p.cOff();
            if (!(rel >= 0 && rel / p.ldc() < p.m() && rel % p.ldc() < p.n())) {
                c.setAtIndex(JAVA_FLOAT, idx, SENTINEL);
            }
        }
    }

    private static MemorySegment randomSegment(Arena arena, Random rnd, long count) {
        MemorySegment s = arena.allocate(JAVA_FLOAT, Math.max(1, count));
        for (long i = 0; i < count; i++) {
            s.setAtIndex(JAVA_FLOAT, i, rnd.nextFloat() * 2 - 1);
        }
        return s;
    }

    private static float[] randomArray(Random rnd, int count) {
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }

    private static MemorySegment abs(Arena arena, MemorySegment s) {
        MemorySegment out = arena.allocate(s.byteSize(), Float.BYTES);
        for (long i = 0; i < s.byteSize() / Float.BYTES; i++) {
            out.setAtIndex(JAVA_FLOAT, i, Math.abs(s.getAtIndex(JAVA_FLOAT, i)));
        }
        return out;
    }

    private static MemorySegment copy(Arena arena, MemorySegment s) {
        return arena.allocate(s.byteSize(), Float.BYTES).copyFrom(s);
    }

    private static void fill(MemorySegment s, float v) {
        for (long i = 0; i < s.byteSize() / Float.BYTES; i++) {
            s.setAtIndex(JAVA_FLOAT, i, v);
        }
    }

    /**
     * Inference products ({@code B} not transposed): a row of {@code C} has the same bits whether
     * it is computed alone, with a few other rows (the row-by-row path) or in a large batch (the
     * tiled path), on one thread or split. Depths of one and several blocks; widths that use the
     * wide, narrow and partial strips.
     */
    @Test
    void aRowOfAnInferenceProductDoesNotDependOnItsBatch() {
        Random rnd = new Random(41);
        int rows = 29;
        for (int k : new int[] {7, 256, 300, 784, 1000}) {
            for (int n : new int[] {10, 16, 128, 144, 150, 300}) {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment a = randomSegment(arena, rnd, (long) rows * k);
                    MemorySegment b = randomSegment(arena, rnd, (long) k * n);
                    MemorySegment whole = arena.allocate((long) rows * n * Float.BYTES, 64);
                    SimdGemmF32.gemm(whole, 0, n, a, 0, k, false, b, 0, n, false, rows, n, k, 1f, 0f, 1);
                    for (int batch : new int[] {1, 2, 3, 5, 6, 11}) {
                        for (int parts : new int[] {1, 2}) {
                            MemorySegment out = arena.allocate((long) rows * n * Float.BYTES, 64);
                            for (int from = 0; from < rows; from += batch) {
                                int m = Math.min(batch, rows - from);
                                SimdGemmF32.gemm(out, (long) from * n, n, a, (long) from * k, k, false, b, 0, n, false,
                                        m, n, k, 1f, 0f, parts);
                            }
                            for (long e = 0; e < (long) rows * n; e++) {
                                int expected = Float.floatToRawIntBits(whole.getAtIndex(JAVA_FLOAT, e));
                                int actual = Float.floatToRawIntBits(out.getAtIndex(JAVA_FLOAT, e));
                                if (expected != actual) {
                                    fail("k " + k + ", n " + n + ", batches of " + batch + ", " + parts + " parts: element "
                                            + e + " is " + out.getAtIndex(JAVA_FLOAT, e) + ", in one batch "
                                            + whole.getAtIndex(JAVA_FLOAT, e));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
