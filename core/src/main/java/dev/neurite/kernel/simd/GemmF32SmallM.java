package dev.neurite.kernel.simd;

import static dev.neurite.kernel.simd.GemmF32MicroKernel.LANES;
import static dev.neurite.kernel.simd.GemmF32MicroKernel.SPECIES;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

/**
 * The GEMM path for a {@code C} of fewer rows than a micro-kernel tile (batch-1 inference and the
 * like): one row of {@code C} at a time, reading {@code B} where it lies, with no packing. A full
 * tile would do {@code MR} times the arithmetic and pack all of {@code B} for a single row.
 *
 * <p>The row of {@code op(A)} is first copied into a small contiguous array. Without transposed
 * {@code B} the row of {@code C} is a sum of rows of {@code B}, each scaled by one element of
 * that copy, accumulated in registers across a strip of columns, in the tiled path's order, so
 * that inference gives each row the same bits in a batch of any size; with transposed {@code B}
 * (the input gradient of training) each element of {@code C} is a dot product of the copy with a
 * stored row of {@code B}, summed across lanes.
 */
final class GemmF32SmallM {

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /**
     * Columns of C per strip of the wide kernel: eight accumulators. A column's sum is formed in
     * another order in the narrow strips, so a split into column bands cuts at multiples of this.
     */
    static final int WIDE = 8 * LANES;

    private GemmF32SmallM() {
    }

    /**
     * {@code Kernels.gemmF32} computed row by row; {@code x} holds at least {@code k + LANES}
     * floats: the row of {@code op(A)}, then scratch for the last columns.
     */
    static void gemm(float[] x, MemorySegment c, long cOff, long ldc,
                     MemorySegment a, long aOff, long lda, boolean transA,
                     MemorySegment b, long bOff, long ldb, boolean transB,
                     int m, int n, int k, float alpha, float beta) {
        assert x.length >= k + LANES;
        for (int i = 0; i < m; i++) {
            if (transA) {
                for (int p = 0; p < k; p++) {
                    x[p] = a.getAtIndex(JAVA_FLOAT, aOff + (long) p * lda + i);
                }
            } else {
                MemorySegment.copy(a, JAVA_FLOAT, (aOff + i * lda) * Float.BYTES, x, 0, k);
            }
            long cRow = cOff + i * ldc;
            if (transB) {
                dotRows(x, c, cRow, b, bOff, ldb, n, k, alpha, beta);
            } else {
                rowTimesB(x, c, cRow, b, bOff, ldb, n, k, alpha, beta);
            }
        }
    }

    /**
     * {@code c[0:n] = alpha * x B + beta * c} for {@code B} stored {@code k x n}. Each column is
     * summed as the tiled path sums it: one chain of fused multiply-adds per block of
     * {@link SimdGemmF32#blockDepth} rows of {@code B}, each block added to {@code C} in turn, so a
     * row of {@code C} comes out bit for bit the same whether it is computed here (a batch of
     * fewer than {@code MR} rows) or in a tile of a larger batch.
     */
    private static void rowTimesB(float[] x, MemorySegment c, long cRow, MemorySegment b, long bOff, long ldb,
                                  int n, int k, float alpha, float beta) {
        int kc = SimdGemmF32.blockDepth(k);
        long bStep = ldb * Float.BYTES;
        for (int pc = 0; pc < k; pc += kc) {
            int end = Math.min(k, pc + kc);
            float blockBeta = pc == 0 ? beta : 1f;
            long bRow = bOff + pc * ldb;
            int j = 0;
            for (; j + WIDE <= n; j += WIDE) {
                wideStrip(x, c, (cRow + j) * Float.BYTES, b, (bRow + j) * Float.BYTES, bStep, pc, end, alpha,
                        blockBeta);
            }
            for (; j + LANES <= n; j += LANES) {
                narrowStrip(x, c, (cRow + j) * Float.BYTES, b, (bRow + j) * Float.BYTES, bStep, pc, end, alpha,
                        blockBeta);
            }
            if (j < n) {
                partialStrip(x, c, cRow + j, b, bRow + j, ldb, pc, end, k, n - j, alpha, blockBeta);
            }
        }
    }

    /**
     * The last {@code cols < LANES} columns (the ten logits of a classifier) for rows
     * {@code [from, to)} of {@code B}: whole vectors from each row, their extra lanes read from the
     * next row and dropped, while a vector fits in the segment; the last rows, and the store, lane
     * by lane through {@code x[k:k+LANES]}. Each column is one chain of fused multiply-adds in
     * {@code p} order either way.
     */
    private static void partialStrip(float[] x, MemorySegment c, long cIndex, MemorySegment b, long bIndex, long ldb,
                                     int from, int to, int k, int cols, float alpha, float beta) {
        long lastFull = b.byteSize() - (long) LANES * Float.BYTES;
        long row = bIndex * Float.BYTES;
        long bStep = ldb * Float.BYTES;
        FloatVector s0 = FloatVector.zero(SPECIES);
        int p = from;
        for (; p < to && row <= lastFull; p++, row += bStep) {
            s0 = FloatVector.broadcast(SPECIES, x[p]).fma(load(b, row), s0);
        }
        s0.intoArray(x, k);
        for (; p < to; p++, row += bStep) {
            for (int j = 0; j < cols; j++) {
                x[k + j] = Math.fma(x[p], b.get(JAVA_FLOAT, row + (long) j * Float.BYTES), x[k + j]);
            }
        }
        for (int j = 0; j < cols; j++) {
            storeScalar(c, cIndex + j, x[k + j], alpha, beta);
        }
    }

    /** One strip of {@link #WIDE} columns for rows {@code [from, to)} of {@code B}: eight independent chains. */
    private static void wideStrip(float[] x, MemorySegment c, long cByte, MemorySegment b, long bByte, long bStep,
                                  int from, int to, float alpha, float beta) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        long row = bByte;
        for (int p = from; p < to; p++, row += bStep) {
            FloatVector xv = FloatVector.broadcast(SPECIES, x[p]);
            s0 = xv.fma(load(b, row), s0);
            s1 = xv.fma(load(b, row + 1L * LANES * Float.BYTES), s1);
            s2 = xv.fma(load(b, row + 2L * LANES * Float.BYTES), s2);
            s3 = xv.fma(load(b, row + 3L * LANES * Float.BYTES), s3);
            s4 = xv.fma(load(b, row + 4L * LANES * Float.BYTES), s4);
            s5 = xv.fma(load(b, row + 5L * LANES * Float.BYTES), s5);
            s6 = xv.fma(load(b, row + 6L * LANES * Float.BYTES), s6);
            s7 = xv.fma(load(b, row + 7L * LANES * Float.BYTES), s7);
        }
        long step = (long) LANES * Float.BYTES;
        store(c, cByte, s0, alpha, beta);
        store(c, cByte + step, s1, alpha, beta);
        store(c, cByte + 2 * step, s2, alpha, beta);
        store(c, cByte + 3 * step, s3, alpha, beta);
        store(c, cByte + 4 * step, s4, alpha, beta);
        store(c, cByte + 5 * step, s5, alpha, beta);
        store(c, cByte + 6 * step, s6, alpha, beta);
        store(c, cByte + 7 * step, s7, alpha, beta);
    }

    /**
     * One vector of columns for rows {@code [from, to)} of {@code B}: a single chain, as the tiled
     * path sums (chains over interleaved rows would hide more latency, but sum in another order).
     */
    private static void narrowStrip(float[] x, MemorySegment c, long cByte, MemorySegment b, long bByte,
                                    long bStep, int from, int to, float alpha, float beta) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        long row = bByte;
        for (int p = from; p < to; p++, row += bStep) {
            s0 = FloatVector.broadcast(SPECIES, x[p]).fma(load(b, row), s0);
        }
        store(c, cByte, s0, alpha, beta);
    }

    /** {@code c[j] = alpha * dot(x, B[j, :]) + beta * c[j]} for {@code B} stored {@code n x k}. */
    private static void dotRows(float[] x, MemorySegment c, long cRow, MemorySegment b, long bOff, long ldb,
                                int n, int k, float alpha, float beta) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            dot4(x, c, cRow + j, b, bOff + j * ldb, ldb, k, alpha, beta);
        }
        for (; j < n; j++) {
            dot1(x, c, cRow + j, b, bOff + j * ldb, k, alpha, beta);
        }
    }

    /** Four dot products sharing each load of {@code x}; the last {@code k % LANES} terms in scalar code. */
    private static void dot4(float[] x, MemorySegment c, long cIndex, MemorySegment b, long r0, long ldb,
                             int k, float alpha, float beta) {
        long b0 = r0 * Float.BYTES;
        long b1 = b0 + ldb * Float.BYTES;
        long b2 = b1 + ldb * Float.BYTES;
        long b3 = b2 + ldb * Float.BYTES;
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0, s2 = s0, s3 = s0;
        int bound = SPECIES.loopBound(k);
        int p = 0;
        for (; p < bound; p += LANES) {
            FloatVector xv = FloatVector.fromArray(SPECIES, x, p);
            long off = (long) p * Float.BYTES;
            s0 = xv.fma(load(b, b0 + off), s0);
            s1 = xv.fma(load(b, b1 + off), s1);
            s2 = xv.fma(load(b, b2 + off), s2);
            s3 = xv.fma(load(b, b3 + off), s3);
        }
        float t0 = SimdLanes.sum(s0);
        float t1 = SimdLanes.sum(s1);
        float t2 = SimdLanes.sum(s2);
        float t3 = SimdLanes.sum(s3);
        for (; p < k; p++) {
            long off = (long) p * Float.BYTES;
            t0 = Math.fma(x[p], b.get(JAVA_FLOAT, b0 + off), t0);
            t1 = Math.fma(x[p], b.get(JAVA_FLOAT, b1 + off), t1);
            t2 = Math.fma(x[p], b.get(JAVA_FLOAT, b2 + off), t2);
            t3 = Math.fma(x[p], b.get(JAVA_FLOAT, b3 + off), t3);
        }
        storeScalar(c, cIndex, t0, alpha, beta);
        storeScalar(c, cIndex + 1, t1, alpha, beta);
        storeScalar(c, cIndex + 2, t2, alpha, beta);
        storeScalar(c, cIndex + 3, t3, alpha, beta);
    }

    private static void dot1(float[] x, MemorySegment c, long cIndex, MemorySegment b, long r0,
                             int k, float alpha, float beta) {
        long b0 = r0 * Float.BYTES;
        FloatVector s0 = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(k);
        int p = 0;
        for (; p < bound; p += LANES) {
            s0 = FloatVector.fromArray(SPECIES, x, p).fma(load(b, b0 + (long) p * Float.BYTES), s0);
        }
        float t0 = SimdLanes.sum(s0);
        for (; p < k; p++) {
            t0 = Math.fma(x[p], b.get(JAVA_FLOAT, b0 + (long) p * Float.BYTES), t0);
        }
        storeScalar(c, cIndex, t0, alpha, beta);
    }

    private static FloatVector load(MemorySegment s, long byteOffset) {
        return FloatVector.fromMemorySegment(SPECIES, s, byteOffset, ORDER);
    }

    private static void store(MemorySegment c, long cByte, FloatVector acc, float alpha, float beta) {
        FloatVector v = acc.mul(alpha);
        if (beta != 0f) {
            v = v.add(load(c, cByte).mul(beta));
        }
        v.intoMemorySegment(c, cByte, ORDER);
    }

    private static void storeScalar(MemorySegment c, long index, float acc, float alpha, float beta) {
        float v = alpha * acc;
        c.setAtIndex(JAVA_FLOAT, index, beta == 0f ? v : v + beta * c.getAtIndex(JAVA_FLOAT, index));
    }
}
