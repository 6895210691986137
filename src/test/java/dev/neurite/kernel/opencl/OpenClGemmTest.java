package dev.neurite.kernel.opencl;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenClGemmTest {

    /**
     * Allowed error per summed product, relative: float accumulation on the device against the
     * scalar double accumulation; inputs are in [-1, 1].
     */
    private static final double F32_TOL_PER_TERM = 1e-6;
    /** Shapes m x n x k, including ones that are not tile multiples in any dimension. */
    private static final int[][] SHAPES = {{1, 1, 1}, {13, 7, 5}, {64, 64, 64}, {207, 129, 70}, {130, 65, 33}};
    /** Sentinel in C's row gaps, which must come back untouched. */
    private static final float GAP = 1234.5f;

    private static final ScalarKernels SCALAR = new ScalarKernels();
    private static OpenClContext context;
    private static OpenClGemm gemm;

    private final Random random = new Random(20261123);

    @BeforeAll
    static void openContext() {
        OpenClDevicesTest.devicesOrFail();
        context = OpenClContext.open();
        gemm = new OpenClGemm(context); // compiles gemm.cl once for every test here
    }

    @AfterAll
    static void closeContext() {
        gemm.close();
        context.close();
    }

    @Test
    void gemmF32MatchesScalarOnContiguousMatrices() {
        for (int[] s : SHAPES) {
            check(s[0], s[1], s[2], false, false, 0, 0, 1f, 0f);
        }
    }

    @Test
    void gemmF32MatchesScalarWithTransposesOffsetsPaddingAlphaAndBeta() {
        for (int[] s : SHAPES) {
            for (int t = 0; t < 4; t++) {
                check(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, 3, 5, 0.75f, -1.5f);
            }
        }
    }

    private void check(int m, int n, int k, boolean transA, boolean transB, int off, int pad,
                       float alpha, float beta) {
        String what = "gemmF32 " + m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB
                + " off=" + off + " pad=" + pad + " alpha=" + alpha + " beta=" + beta;
        long lda = (transA ? m : k) + pad;
        long ldb = (transB ? k : n) + pad;
        long ldc = n + pad;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = randoms(arena, off + (transA ? k : m) * lda);
            MemorySegment b = randoms(arena, off + (transB ? n : k) * ldb);
            MemorySegment c = randoms(arena, off + m * ldc);
            for (long i = 0; i < m; i++) {
                for (long j = n; j < ldc; j++) {
                    c.setAtIndex(JAVA_FLOAT, off + i * ldc + j, GAP);
                }
            }
            MemorySegment expected = arena.allocate(c.byteSize(), 4).copyFrom(c);
            SCALAR.gemmF32(expected, off, ldc, a, off, lda, transA, b, off, ldb, transB, m, n, k, alpha, beta);
            gemm.gemmF32(c, off, ldc, a, off, lda, transA, b, off, ldb, transB, m, n, k, alpha, beta);
            for (long i = 0; i < c.byteSize() / 4; i++) {
                float want = expected.getAtIndex(JAVA_FLOAT, i);
                float got = c.getAtIndex(JAVA_FLOAT, i);
                double tol = F32_TOL_PER_TERM * (k + 1) * (1 + Math.abs(want));
                if (!(Math.abs(got - want) <= tol)) {
                    fail(what + ": element " + i + " is " + got + ", expected " + want + " (tolerance " + tol + ")");
                }
            }
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
        gemm.gemmF32(MemorySegment.ofArray(c), 0, n, MemorySegment.ofArray(a), 0, k, false,
                MemorySegment.ofArray(b), 0, n, false, m, n, k, 1f, 0f);
        for (int i = 0; i < c.length; i++) {
            assertEquals(expected[i], c[i], F32_TOL_PER_TERM * (k + 1) * (1 + Math.abs(expected[i])), "element " + i);
        }
    }

    @Test
    void bufferRoundTripKeepsValues() {
        try (Arena arena = Arena.ofConfined(); OpenClBuffer buffer = context.buffer(100)) {
            MemorySegment src = randoms(arena, 40);
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

    private MemorySegment randoms(Arena arena, long count) {
        MemorySegment s = arena.allocate(JAVA_FLOAT, count);
        for (long i = 0; i < count; i++) {
            s.setAtIndex(JAVA_FLOAT, i, random.nextFloat() * 2 - 1);
        }
        return s;
    }
}
