package dev.neurite.kernel.simd;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float reductions over contiguous runs: dot, sum, sum of squares and max. The sums keep four
 * independent vector accumulators so that consecutive adds do not wait on each other's latency,
 * and combine them once at the end.
 */
final class SimdReductionsF32 {

    private static final VectorSpecies<Float> F = SimdConstants.FLOAT_SPECIES;
    private static final int LANES = F.length();
    private static final long STEP4 = 4L * LANES;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private SimdReductionsF32() {
    }

    private static FloatVector load(MemorySegment s, long index) {
        return FloatVector.fromMemorySegment(F, s, index << 2, ORDER);
    }

    private static FloatVector load(MemorySegment s, long index, VectorMask<Float> m) {
        return FloatVector.fromMemorySegment(F, s, index << 2, ORDER, m);
    }

    /** {@code a * b + c}, fused where the CPU has fast FMA. */
    private static FloatVector mulAdd(FloatVector a, FloatVector b, FloatVector c) {
        return SimdKernels.FAST_FMA ? a.fma(b, c) : a.mul(b).add(c);
    }

    static float dot(MemorySegment x, long xOff, MemorySegment y, long yOff, long n) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        long bound4 = n - n % STEP4;
        long i = 0;
        for (; i < bound4; i += STEP4) {
            a0 = mulAdd(load(x, xOff + i), load(y, yOff + i), a0);
            a1 = mulAdd(load(x, xOff + i + LANES), load(y, yOff + i + LANES), a1);
            a2 = mulAdd(load(x, xOff + i + 2 * LANES), load(y, yOff + i + 2 * LANES), a2);
            a3 = mulAdd(load(x, xOff + i + 3 * LANES), load(y, yOff + i + 3 * LANES), a3);
        }
        long bound = F.loopBound(n);
        for (; i < bound; i += LANES) {
            a0 = mulAdd(load(x, xOff + i), load(y, yOff + i), a0);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            // masked-off lanes load as 0, contributing 0 * 0
            a1 = mulAdd(load(x, xOff + i, m), load(y, yOff + i, m), a1);
        }
        return SimdLanes.sum(a0.add(a1).add(a2.add(a3)));
    }

    static float sum(MemorySegment x, long xOff, long n) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        long bound4 = n - n % STEP4;
        long i = 0;
        for (; i < bound4; i += STEP4) {
            a0 = a0.add(load(x, xOff + i));
            a1 = a1.add(load(x, xOff + i + LANES));
            a2 = a2.add(load(x, xOff + i + 2 * LANES));
            a3 = a3.add(load(x, xOff + i + 3 * LANES));
        }
        long bound = F.loopBound(n);
        for (; i < bound; i += LANES) {
            a0 = a0.add(load(x, xOff + i));
        }
        if (i < n) {
            a1 = a1.add(load(x, xOff + i, F.indexInRange(i, n)));
        }
        return SimdLanes.sum(a0.add(a1).add(a2.add(a3)));
    }

    static float sumOfSquares(MemorySegment x, long xOff, long n) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        long bound4 = n - n % STEP4;
        long i = 0;
        for (; i < bound4; i += STEP4) {
            FloatVector v0 = load(x, xOff + i);
            FloatVector v1 = load(x, xOff + i + LANES);
            FloatVector v2 = load(x, xOff + i + 2 * LANES);
            FloatVector v3 = load(x, xOff + i + 3 * LANES);
            a0 = mulAdd(v0, v0, a0);
            a1 = mulAdd(v1, v1, a1);
            a2 = mulAdd(v2, v2, a2);
            a3 = mulAdd(v3, v3, a3);
        }
        long bound = F.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector v = load(x, xOff + i);
            a0 = mulAdd(v, v, a0);
        }
        if (i < n) {
            FloatVector v = load(x, xOff + i, F.indexInRange(i, n));
            a1 = mulAdd(v, v, a1);
        }
        return SimdLanes.sum(a0.add(a1).add(a2.add(a3)));
    }

    /** The maximum of {@code n >= 0} values, NaN if any is NaN, {@code -inf} when empty. */
    static float max(MemorySegment x, long xOff, long n) {
        FloatVector a0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        FloatVector a1 = a0;
        long step2 = 2L * LANES;
        long bound2 = n - n % step2;
        long i = 0;
        for (; i < bound2; i += step2) {
            // lane-wise max follows Math.max: NaN wins
            a0 = a0.max(load(x, xOff + i));
            a1 = a1.max(load(x, xOff + i + LANES));
        }
        long bound = F.loopBound(n);
        for (; i < bound; i += LANES) {
            a0 = a0.max(load(x, xOff + i));
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            a1 = a1.lanewise(VectorOperators.MAX, load(x, xOff + i, m), m);
        }
        return a0.max(a1).reduceLanes(VectorOperators.MAX);
    }

    /** The first index in {@code [0, n)} whose value equals {@code target} ({@code ==}), or -1. */
    static long indexOf(MemorySegment x, long xOff, long n, float target) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            VectorMask<Float> hit = load(x, xOff + i).eq(target);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            VectorMask<Float> hit = load(x, xOff + i, m).eq(target).and(m);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        return -1;
    }

    /** The first index in {@code [0, n)} holding a NaN, or -1. */
    static long indexOfNaN(MemorySegment x, long xOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            VectorMask<Float> hit = load(x, xOff + i).test(VectorOperators.IS_NAN);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            VectorMask<Float> hit = load(x, xOff + i, m).test(VectorOperators.IS_NAN).and(m);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        return -1;
    }
}
