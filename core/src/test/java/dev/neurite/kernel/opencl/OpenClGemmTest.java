package dev.neurite.kernel.opencl;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenCL GEMM against {@link ScalarKernels} (double accumulation) in every tile configuration
 * (both CPU packed ones, both GPU cooperative ones, minimal, one element per work-item), so that GPU tiles are
 * checked on any device: all four transpose combinations, element offsets, padded leading
 * dimensions with sentinel gaps, alpha/beta, and beta == 0 over NaN.
 */
class OpenClGemmTest {

    /**
     * Allowed error per summed term, relative to {@code |alpha| * sum |a * b| + |beta * c|}:
     * float accumulation of k products errs by at most k units of 2^-24 each; twice that, over
     * k + 4 terms, also covers the final scaling and addition.
     */
    private static final double F32_TOL_PER_TERM = 0x1p-23;
    /** The same bound for double accumulation (unit 2^-53). */
    private static final double F64_TOL_PER_TERM = 0x1p-52;
    /** Sizes around the vector width (8), tile edges (16, 64, 128) and odd ones. */
    private static final int[] SIZES = {0, 1, 7, 9, 13, 16, 17, 63, 65, 127, 129, 207};
    /** Uneven shapes: thin, wide, k = 0 and 1, and one larger than every tile in all dimensions. */
    private static final int[][] MIXED = {{1, 207, 65}, {207, 1, 17}, {65, 129, 1}, {17, 63, 0}, {0, 13, 9},
        {13, 0, 9}, {127, 9, 207}, {9, 127, 16}, {129, 65, 63}, {63, 17, 129}, {16, 207, 13}, {300, 257, 190}};
    /** Sentinel in C's row gaps and around the matrices, which must come back untouched. */
    private static final double GAP = 1234.5;

    private static final ScalarKernels SCALAR = new ScalarKernels();
    private static OpenClContext context;
    /** The device's own choice first, then every tile family forced for all shapes. */
    private static final Map<String, OpenClGemm> GEMMS = new LinkedHashMap<>();

    private final Random random = new Random(20261123);

    @BeforeAll
    static void openContext() {
        OpenClDevicesTest.devicesOrFail();
        context = OpenClContext.open();
        GEMMS.put("device", new OpenClGemm(context));
        GEMMS.put("packed", new OpenClGemm(context, GemmTiles.CPU_F32.alwaysTiled(), GemmTiles.CPU_F64.alwaysTiled()));
        GEMMS.put("packed-compact", new OpenClGemm(context, GemmTiles.CPU_F32_COMPACT.alwaysTiled(),
                GemmTiles.CPU_F64_COMPACT.alwaysTiled()));
        GEMMS.put("coop", new OpenClGemm(context, GemmTiles.GPU_F32.alwaysTiled(), GemmTiles.GPU_F64.alwaysTiled()));
        GEMMS.put("coop-few", new OpenClGemm(context, GemmTiles.GPU_F32_FEW.alwaysTiled(),
                GemmTiles.GPU_F64_FEW.alwaysTiled()));
        GEMMS.put("minimal", new OpenClGemm(context, GemmTiles.MINIMAL.alwaysTiled(), GemmTiles.MINIMAL.alwaysTiled()));
        GemmTiles small = new GemmTiles(false, 32, 32, 16, 4, 4, 1, 1, 1, 0, Long.MAX_VALUE, 0);
        GEMMS.put("small", new OpenClGemm(context, small, small));
    }

    @AfterAll
    static void closeContext() {
        GEMMS.values().forEach(OpenClGemm::close);
        GEMMS.clear();
        context.close();
    }

    private static List<int[]> shapes() {
        List<int[]> shapes = new ArrayList<>();
        for (int s : SIZES) {
            shapes.add(new int[] {s, s, s});
        }
        shapes.addAll(List.of(MIXED));
        return shapes;
    }

    @Test
    void float32MatchesScalarInEveryShapeTransposeAndTiling() {
        everyCase(ClType.FLOAT32);
    }

    @Test
    void float64MatchesScalarInEveryShapeTransposeAndTiling() {
        if (!context.device().fp64()) {
            OpenClException e = assertThrows(OpenClException.class,
                    () -> GEMMS.get("device").gemmF64(MemorySegment.ofArray(new double[1]), 0, 1,
                            MemorySegment.ofArray(new double[1]), 0, 1, false, MemorySegment.ofArray(new double[1]),
                            0, 1, false, 1, 1, 1, 1, 0));
            assertTrue(e.getMessage().contains("double precision"), e.getMessage());
            return;
        }
        everyCase(ClType.FLOAT64);
    }

    private void everyCase(ClType type) {
        int index = 0;
        for (int[] s : shapes()) {
            for (int t = 0; t < 4; t++) {
                boolean transA = (t & 2) != 0;
                boolean transB = (t & 1) != 0;
                // plain: contiguous, alpha 1, beta 0 over NaN; then offsets, padding, alpha and beta
                check(type, s[0], s[1], s[2], transA, transB, 0, 0, 1, 0);
                check(type, s[0], s[1], s[2], transA, transB, 3 + index % 5, 5, 0.75, -1.5);
                index++;
            }
        }
        // beta == 0 with a scaling alpha, and alpha == 0 (C = beta * C)
        check(type, 65, 129, 63, false, true, 2, 3, -2.0, 0);
        check(type, 65, 129, 63, true, false, 2, 3, 0, 0.5);
    }

    /**
     * One GEMM in every configuration, through device buffers at element offsets, and through the
     * host entry for the device's configuration.
     */
    private void check(ClType type, int m, int n, int k, boolean transA, boolean transB, int off, int pad,
                       double alpha, double beta) {
        String what = type + " " + m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB + " off=" + off
                + " pad=" + pad + " alpha=" + alpha + " beta=" + beta;
        int lda = (transA ? m : k) + pad;
        int ldb = (transB ? k : n) + pad;
        int ldc = n + pad;
        // a tail past each matrix catches writes beyond its last element
        int aLen = off + (transA ? k : m) * lda + 4;
        int bLen = off + (transB ? n : k) * ldb + 4;
        int cLen = off + m * ldc + 4;
        double[] a = randoms(aLen, type);
        double[] b = randoms(bLen, type);
        double[] c0 = new double[cLen];
        java.util.Arrays.fill(c0, GAP);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                // beta == 0 must not read C: NaN there must not reach the result
                c0[off + i * ldc + j] = beta == 0 ? Double.NaN : random.nextDouble() * 2 - 1;
            }
        }
        double[] expected = reference(type, c0, off, ldc, a, off, lda, transA, b, off, ldb, transB, m, n, k,
                alpha, beta);
        double[] tol = tolerances(type, c0, off, ldc, a, lda, transA, b, ldb, transB, m, n, k, alpha, beta);
        try (Arena arena = Arena.ofConfined();
             OpenClBuffer ab = context.buffer(type, aLen);
             OpenClBuffer bb = context.buffer(type, bLen);
             OpenClBuffer cb = context.buffer(type, cLen)) {
            MemorySegment aSeg = segment(arena, a, type);
            MemorySegment bSeg = segment(arena, b, type);
            ab.write(0, aSeg, 0, aLen);
            bb.write(0, bSeg, 0, bLen);
            for (Map.Entry<String, OpenClGemm> e : GEMMS.entrySet()) {
                MemorySegment cSeg = segment(arena, c0, type);
                cb.write(0, cSeg, 0, cLen);
                e.getValue().gemm(cb, off, ldc, ab, off, lda, transA, bb, off, ldb, transB, m, n, k, alpha, beta);
                cb.read(0, cSeg, 0, cLen);
                compare(what + " [" + e.getKey() + ", device buffers]", expected, tol, cSeg, type);
            }
            MemorySegment cSeg = segment(arena, c0, type);
            OpenClGemm gemm = GEMMS.get("device");
            if (type == ClType.FLOAT64) {
                gemm.gemmF64(cSeg, off, ldc, aSeg, off, lda, transA, bSeg, off, ldb, transB, m, n, k, alpha, beta);
            } else {
                gemm.gemmF32(cSeg, off, ldc, aSeg, off, lda, transA, bSeg, off, ldb, transB, m, n, k,
                        (float) alpha, (float) beta);
            }
            compare(what + " [device, host entry]", expected, tol, cSeg, type);
        }
    }

    private static double[] reference(ClType type, double[] c0, int cOff, int ldc, double[] a, int aOff, int lda,
                                      boolean transA, double[] b, int bOff, int ldb, boolean transB, int m, int n,
                                      int k, double alpha, double beta) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment c = segment(arena, c0, type);
            if (type == ClType.FLOAT64) {
                SCALAR.gemmF64(c, cOff, ldc, segment(arena, a, type), aOff, lda, transA, segment(arena, b, type),
                        bOff, ldb, transB, m, n, k, alpha, beta);
            } else {
                SCALAR.gemmF32(c, cOff, ldc, segment(arena, a, type), aOff, lda, transA, segment(arena, b, type),
                        bOff, ldb, transB, m, n, k, (float) alpha, (float) beta);
            }
            return values(c, type);
        }
    }

    /** Per element of C: the allowed error (0 outside the matrix, which must stay exact). */
    private static double[] tolerances(ClType type, double[] c0, int off, int ldc, double[] a, int lda,
                                       boolean transA, double[] b, int ldb, boolean transB, int m, int n, int k,
                                       double alpha, double beta) {
        double perTerm = type == ClType.FLOAT64 ? F64_TOL_PER_TERM : F32_TOL_PER_TERM;
        double[] tol = new double[c0.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[off + p * lda + i] : a[off + i * lda + p];
                    double bv = transB ? b[off + j * ldb + p] : b[off + p * ldb + j];
                    sum += Math.abs(av * bv);
                }
                int ci = off + i * ldc + j;
                double scale = Math.abs(alpha) * sum + (beta == 0 ? 0 : Math.abs(beta * c0[ci]));
                tol[ci] = perTerm * (k + 4) * scale + Double.MIN_NORMAL;
            }
        }
        return tol;
    }

    private static void compare(String what, double[] expected, double[] tol, MemorySegment actual, ClType type) {
        double[] got = values(actual, type);
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(got[i] - expected[i]);
            if (!(error <= tol[i]) && !(got[i] == expected[i])) {
                fail(what + ": element " + i + " is " + got[i] + ", expected " + expected[i] + " (tolerance "
                        + tol[i] + ")");
            }
        }
    }

    @Test
    void deviceBuffersAreValidated() {
        OpenClGemm gemm = GEMMS.get("device");
        try (OpenClBuffer f32 = context.buffer(ClType.FLOAT32, 16);
             OpenClBuffer i32 = context.buffer(ClType.INT32, 16)) {
            assertThrows(IllegalArgumentException.class,
                    () -> gemm.gemm(i32, 0, 4, i32, 0, 4, false, i32, 0, 4, false, 4, 4, 4, 1, 0));
            assertThrows(IllegalArgumentException.class,
                    () -> gemm.gemm(f32, 0, 4, i32, 0, 4, false, f32, 0, 4, false, 4, 4, 4, 1, 0));
            // C 4 x 4 at offset 1 ends past the 16 elements
            assertThrows(IllegalArgumentException.class,
                    () -> gemm.gemm(f32, 1, 4, f32, 0, 4, false, f32, 0, 4, false, 4, 4, 4, 1, 0));
            // lda below the stored row length of A^T (m = 4)
            assertThrows(IllegalArgumentException.class,
                    () -> gemm.gemm(f32, 0, 4, f32, 0, 2, true, f32, 0, 4, false, 4, 4, 2, 1, 0));
            assertThrows(IllegalArgumentException.class,
                    () -> gemm.gemm(f32, 0, 4, f32, 0, 4, false, f32, 0, 4, false, -1, 4, 4, 1, 0));
        }
    }

    @Test
    void tilesNamedByThePropertyAreUsedAndBadOnesRejected() {
        String key = OpenClGemm.TILES_PROPERTY + "f32";
        try {
            System.setProperty(key, "coop,32,32,16,4,4,1,1,1,0");
            try (OpenClGemm gemm = new OpenClGemm(context)) {
                GemmTiles chosen = gemm.tiles(ClType.FLOAT32, 1024, 1024);
                assertEquals(32, chosen.tm());
                assertEquals(32, chosen.tn());
                assertEquals(16, chosen.tk());
            }
            System.setProperty(key, "coop,32,32");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OpenClGemm(context));
            assertTrue(e.getMessage().contains("-D" + key) && e.getMessage().contains("packed|coop"), e.getMessage());
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void heapSegmentsAreStaged() {
        int m = 5;
        int n = 3;
        int k = 4;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat() - 0.5f;
        }
        float[] c = new float[m * n];
        float[] expected = new float[m * n];
        SCALAR.gemmF32(MemorySegment.ofArray(expected), 0, n, MemorySegment.ofArray(a), 0, k, false,
                MemorySegment.ofArray(b), 0, n, false, m, n, k, 1f, 0f);
        GEMMS.get("device").gemmF32(MemorySegment.ofArray(c), 0, n, MemorySegment.ofArray(a), 0, k, false,
                MemorySegment.ofArray(b), 0, n, false, m, n, k, 1f, 0f);
        for (int i = 0; i < c.length; i++) {
            // |a * b| <= 1/4 per term
            assertEquals(expected[i], c[i], F32_TOL_PER_TERM * (k + 4) * k * 0.25, "element " + i);
        }
    }

    @Test
    void bufferRoundTripKeepsValues() {
        try (Arena arena = Arena.ofConfined(); OpenClBuffer buffer = context.buffer(100)) {
            MemorySegment src = arena.allocate(JAVA_FLOAT, 40);
            for (int i = 0; i < 40; i++) {
                src.setAtIndex(JAVA_FLOAT, i, random.nextFloat());
            }
            MemorySegment dst = arena.allocate(JAVA_FLOAT, 50);
            buffer.write(60, src, 10, 30);
            buffer.read(60, dst, 20, 30);
            for (int i = 0; i < 30; i++) {
                assertEquals(src.getAtIndex(JAVA_FLOAT, 10 + i), dst.getAtIndex(JAVA_FLOAT, 20 + i), "element " + i);
            }
        }
    }

    @Test
    void brokenKernelSourceReportsTheBuildLog() {
        String broken = "__kernel void broken(__global float *x) { x[0] = undeclared_name_neurite; }";
        OpenClBuildException e = assertThrows(OpenClBuildException.class, () -> context.build("broken.cl", broken));
        assertEquals(-11, e.status());
        assertTrue(e.getMessage().startsWith("clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE (-11)"), e.getMessage());
        assertTrue(e.buildLog().contains("undeclared_name_neurite"), e.buildLog());
        assertTrue(e.getMessage().contains(e.buildLog()), e.getMessage());
    }

    /** Values in [-1, 1], exactly representable in {@code type}. */
    private double[] randoms(int count, ClType type) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            double x = random.nextDouble() * 2 - 1;
            v[i] = type == ClType.FLOAT32 ? (float) x : x;
        }
        return v;
    }

    private static MemorySegment segment(Arena arena, double[] values, ClType type) {
        if (type == ClType.FLOAT64) {
            return arena.allocate(JAVA_DOUBLE, values.length).copyFrom(MemorySegment.ofArray(values));
        }
        MemorySegment s = arena.allocate(JAVA_FLOAT, values.length);
        for (int i = 0; i < values.length; i++) {
            s.setAtIndex(JAVA_FLOAT, i, (float) values[i]);
        }
        return s;
    }

    private static double[] values(MemorySegment s, ClType type) {
        if (type == ClType.FLOAT64) {
            return s.toArray(JAVA_DOUBLE);
        }
        float[] f = s.toArray(JAVA_FLOAT);
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = f[i];
        }
        return v;
    }
}
