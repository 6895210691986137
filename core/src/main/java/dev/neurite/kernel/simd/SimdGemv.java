package dev.neurite.kernel.simd;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float matrix-vector product {@code y = alpha * op(A) * x + beta * y}. Without transpose each
 * output is a dot product of a row of {@code A} with {@code x}, four rows at a time so that each
 * load of {@code x} serves four rows. With transpose the rows of {@code A} are accumulated into
 * {@code y} (axpy-style), again four rows per pass over {@code y}.
 */
final class SimdGemv {

    private static final VectorSpecies<Float> F = SimdConstants.FLOAT_SPECIES;
    private static final int LANES = F.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private SimdGemv() {
    }

    private static FloatVector load(MemorySegment s, long index) {
        return FloatVector.fromMemorySegment(F, s, index << 2, ORDER);
    }

    private static FloatVector load(MemorySegment s, long index, VectorMask<Float> m) {
        return FloatVector.fromMemorySegment(F, s, index << 2, ORDER, m);
    }

    private static FloatVector mulAdd(FloatVector a, FloatVector b, FloatVector c) {
        return SimdKernels.FAST_FMA ? a.fma(b, c) : a.mul(b).add(c);
    }

    static void gemv(MemorySegment y, long yOff, MemorySegment a, long aOff, long lda, boolean transA,
                     MemorySegment x, long xOff, int m, int n, float alpha, float beta) {
        if (transA) {
            gemvTransposed(y, yOff, a, aOff, lda, x, xOff, m, n, alpha, beta);
        } else {
            gemvRows(y, yOff, a, aOff, lda, x, xOff, m, n, alpha, beta);
        }
    }

    private static void store(MemorySegment y, long index, float acc, float alpha, float beta) {
        float r = alpha * acc;
        y.setAtIndex(JAVA_FLOAT, index, beta == 0f ? r : r + beta * y.getAtIndex(JAVA_FLOAT, index));
    }

    private static void gemvRows(MemorySegment y, long yOff, MemorySegment a, long aOff, long lda,
                                 MemorySegment x, long xOff, int m, int n, float alpha, float beta) {
        long i = 0;
        for (; i + 4 <= m; i += 4) {
            dot4Rows(y, yOff + i, a, aOff + i * lda, lda, x, xOff, n, alpha, beta);
        }
        for (; i < m; i++) {
            store(y, yOff + i, SimdReductionsF32.dot(a, aOff + i * lda, x, xOff, n), alpha, beta);
        }
    }

    private static void dot4Rows(MemorySegment y, long yIndex, MemorySegment a, long r0, long lda,
                                 MemorySegment x, long xOff, long n, float alpha, float beta) {
        long r1 = r0 + lda;
        long r2 = r1 + lda;
        long r3 = r2 + lda;
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        long bound = F.loopBound(n);
        long j = 0;
        for (; j < bound; j += LANES) {
            FloatVector xv = load(x, xOff + j);
            s0 = mulAdd(load(a, r0 + j), xv, s0);
            s1 = mulAdd(load(a, r1 + j), xv, s1);
            s2 = mulAdd(load(a, r2 + j), xv, s2);
            s3 = mulAdd(load(a, r3 + j), xv, s3);
        }
        if (j < n) {
            VectorMask<Float> m = F.indexInRange(j, n);
            FloatVector xv = load(x, xOff + j, m);
            s0 = mulAdd(load(a, r0 + j, m), xv, s0);
            s1 = mulAdd(load(a, r1 + j, m), xv, s1);
            s2 = mulAdd(load(a, r2 + j, m), xv, s2);
            s3 = mulAdd(load(a, r3 + j, m), xv, s3);
        }
        store(y, yIndex, SimdLanes.sum(s0), alpha, beta);
        store(y, yIndex + 1, SimdLanes.sum(s1), alpha, beta);
        store(y, yIndex + 2, SimdLanes.sum(s2), alpha, beta);
        store(y, yIndex + 3, SimdLanes.sum(s3), alpha, beta);
    }

    /** {@code y (n) = beta * y + sum_p (alpha * x[p]) * A[p, :]}, with {@code A} stored {@code m x n}. */
    private static void gemvTransposed(MemorySegment y, long yOff, MemorySegment a, long aOff, long lda,
                                       MemorySegment x, long xOff, int m, int n, float alpha, float beta) {
        if (beta == 0f) {
            fillZero(y, yOff, n);
        } else if (beta != 1f) {
            SimdElementwiseF32.scale(y, yOff, beta, y, yOff, n);
        }
        long p = 0;
        for (; p + 4 <= m; p += 4) {
            axpy4Rows(y, yOff, a, aOff + p * lda, lda, n,
                    alpha * x.getAtIndex(JAVA_FLOAT, xOff + p), alpha * x.getAtIndex(JAVA_FLOAT, xOff + p + 1),
                    alpha * x.getAtIndex(JAVA_FLOAT, xOff + p + 2), alpha * x.getAtIndex(JAVA_FLOAT, xOff + p + 3));
        }
        for (; p < m; p++) {
            SimdElementwiseF32.axpy(y, yOff, alpha * x.getAtIndex(JAVA_FLOAT, xOff + p), a, aOff + p * lda, n);
        }
    }

    private static void axpy4Rows(MemorySegment y, long yOff, MemorySegment a, long r0, long lda, long n,
                                  float c0, float c1, float c2, float c3) {
        long r1 = r0 + lda;
        long r2 = r1 + lda;
        long r3 = r2 + lda;
        FloatVector v0 = FloatVector.broadcast(F, c0);
        FloatVector v1 = FloatVector.broadcast(F, c1);
        FloatVector v2 = FloatVector.broadcast(F, c2);
        FloatVector v3 = FloatVector.broadcast(F, c3);
        long bound = F.loopBound(n);
        long j = 0;
        for (; j < bound; j += LANES) {
            FloatVector acc = load(y, yOff + j);
            acc = mulAdd(v0, load(a, r0 + j), acc);
            acc = mulAdd(v1, load(a, r1 + j), acc);
            acc = mulAdd(v2, load(a, r2 + j), acc);
            acc = mulAdd(v3, load(a, r3 + j), acc);
            acc.intoMemorySegment(y, (yOff + j) << 2, ORDER);
        }
        if (j < n) {
            VectorMask<Float> m = F.indexInRange(j, n);
            FloatVector acc = load(y, yOff + j, m);
            acc = mulAdd(v0, load(a, r0 + j, m), acc);
            acc = mulAdd(v1, load(a, r1 + j, m), acc);
            acc = mulAdd(v2, load(a, r2 + j, m), acc);
            acc = mulAdd(v3, load(a, r3 + j, m), acc);
            acc.intoMemorySegment(y, (yOff + j) << 2, ORDER, m);
        }
    }

    private static void fillZero(MemorySegment y, long yOff, long n) {
        FloatVector zero = FloatVector.zero(F);
        long bound = F.loopBound(n);
        long j = 0;
        for (; j < bound; j += LANES) {
            zero.intoMemorySegment(y, (yOff + j) << 2, ORDER);
        }
        if (j < n) {
            zero.intoMemorySegment(y, (yOff + j) << 2, ORDER, F.indexInRange(j, n));
        }
    }
}
