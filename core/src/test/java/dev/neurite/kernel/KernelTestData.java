package dev.neurite.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

/**
 * Off-heap test buffers of either dtype, filled with seeded random data, and tolerant
 * comparisons. Values pass through {@code double}; a float buffer stores them rounded.
 */
final class KernelTestData {

    /** The element type under test. */
    enum DType {
        F32(4, Math.ulp(1f) / 2),
        F64(8, Math.ulp(1d) / 2);

        final int bytes;
        /** Unit roundoff: the largest relative error of one rounding. */
        final double unitRoundoff;

        DType(int bytes, double unitRoundoff) {
            this.bytes = bytes;
            this.unitRoundoff = unitRoundoff;
        }

        double get(MemorySegment s, long i) {
            return this == F32 ? s.getAtIndex(ValueLayout.JAVA_FLOAT, i) : s.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
        }

        void set(MemorySegment s, long i, double v) {
            if (this == F32) {
                s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) v);
            } else {
                s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, v);
            }
        }

        /** The spacing of this type's values at {@code v}. */
        double ulp(double v) {
            return this == F32 ? Math.ulp((float) v) : Math.ulp(v);
        }
    }

    private final Arena arena;
    private final Random random;

    KernelTestData(Arena arena, long seed) {
        this.arena = arena;
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A buffer of {@code n} elements (at least one, so offsets past the end stay valid), filled with NaN. */
    MemorySegment alloc(DType dt, long n) {
        MemorySegment s = arena.allocate(Math.max(1, n) * dt.bytes, 64);
        for (long i = 0; i < n; i++) {
            dt.set(s, i, Double.NaN);
        }
        return s;
    }

    /** A buffer of {@code n} uniform random values in {@code [lo, hi)}. */
    MemorySegment uniform(DType dt, long n, double lo, double hi) {
        MemorySegment s = alloc(dt, n);
        for (long i = 0; i < n; i++) {
            dt.set(s, i, lo + (hi - lo) * random.nextDouble());
        }
        return s;
    }

    /** A copy of the first {@code n} elements of {@code src}. */
    MemorySegment copy(DType dt, MemorySegment src, long n) {
        MemorySegment s = alloc(dt, n);
        MemorySegment.copy(src, 0, s, 0, n * dt.bytes);
        return s;
    }

    /**
     * Asserts {@code |actual - expected| <= tol}; NaN must match NaN and an infinity must match
     * exactly.
     */
    static void assertClose(String what, double expected, double actual, double tol) {
        if (Double.isNaN(expected)) {
            if (!Double.isNaN(actual)) {
                fail(what + ": expected NaN, got " + actual);
            }
            return;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            assertEquals(expected, actual, what);
            return;
        }
        double err = Math.abs(actual - expected);
        if (!(err <= tol)) {
            fail(what + ": expected " + expected + ", got " + actual + " (error " + err + " > tolerance " + tol + ")");
        }
    }

    /** Asserts that elements {@code [0, n)} of two buffers are equal bit for bit (any NaN equals any NaN). */
    static void assertSameElements(String what, DType dt, MemorySegment expected, long eOff,
                                   MemorySegment actual, long aOff, long n) {
        for (long i = 0; i < n; i++) {
            double e = dt.get(expected, eOff + i);
            double a = dt.get(actual, aOff + i);
            if (Double.isNaN(e) && Double.isNaN(a)) {
                continue;
            }
            if (Double.doubleToLongBits(e) != Double.doubleToLongBits(a)) {
                fail(what + " at " + i + ": expected " + e + ", got " + a);
            }
        }
    }

    /** Asserts that the elements {@code [from, to)} of a buffer are untouched NaN fill. */
    static void assertUntouched(String what, DType dt, MemorySegment s, long from, long to) {
        for (long i = from; i < to; i++) {
            assertTrue(Double.isNaN(dt.get(s, i)), what + ": element " + i + " outside the output was written");
        }
    }
}
