package dev.neurite.kernel.opencl;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Host buffers of any {@link ClType} (seeded random data, NaN fill elsewhere), their device
 * copies, and element comparisons for the device-op tests. A comparison spans whole buffers, so
 * the padding around a view and the guard elements after it must come back as they were.
 */
final class OpenClTestData implements AutoCloseable {

    /** The real precisions every op is tested in. */
    static final ClType[] REALS = {ClType.FLOAT32, ClType.FLOAT64};
    /** Values written into inputs to check how each op propagates them. */
    static final double[] SPECIALS = {
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1e4, -1e4
    };
    /** Filler of INT32 buffers where no value was written. */
    static final int INT_FILL = -7;

    final Random random;
    private final Arena arena = Arena.ofConfined();
    private final OpenClContext context;
    private final List<OpenClBuffer> buffers = new ArrayList<>();

    OpenClTestData(OpenClContext context, long seed) {
        this.context = context;
        this.random = new Random(seed);
    }

    static double get(ClType t, MemorySegment s, long i) {
        return switch (t) {
            case FLOAT32 -> s.getAtIndex(ValueLayout.JAVA_FLOAT, i);
            case FLOAT64 -> s.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
            case INT32 -> s.getAtIndex(ValueLayout.JAVA_INT, i);
        };
    }

    static void set(ClType t, MemorySegment s, long i, double v) {
        switch (t) {
            case FLOAT32 -> s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) v);
            case FLOAT64 -> s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, v);
            case INT32 -> s.setAtIndex(ValueLayout.JAVA_INT, i, (int) v);
        }
    }

    /** The spacing of {@code t}'s values at {@code v}. */
    static double ulp(ClType t, double v) {
        return t == ClType.FLOAT32 ? Math.ulp((float) v) : Math.ulp(v);
    }

    /** The largest relative error of one rounding in {@code t}. */
    static double unitRoundoff(ClType t) {
        return t == ClType.FLOAT32 ? Math.ulp(1f) / 2 : Math.ulp(1d) / 2;
    }

    /** {@code n} elements (at least one), NaN-filled ({@link #INT_FILL} for INT32). */
    MemorySegment alloc(ClType t, long n) {
        MemorySegment s = arena.allocate(Math.max(1, n) * t.bytes(), 8);
        for (long i = 0; i < Math.max(1, n); i++) {
            set(t, s, i, t == ClType.INT32 ? INT_FILL : Double.NaN);
        }
        return s;
    }

    /**
     * A buffer of {@code size} elements with uniform values in {@code [lo, hi)} at
     * {@code [off, off + n)}, {@link #SPECIALS} at spread-out positions there and NaN last.
     */
    MemorySegment uniform(ClType t, long size, long off, long n, double lo, double hi, boolean specials) {
        MemorySegment s = alloc(t, size);
        for (long i = off; i < off + n; i++) {
            set(t, s, i, lo + (hi - lo) * random.nextDouble());
        }
        if (specials && n >= 2L * SPECIALS.length) {
            for (int j = 0; j < SPECIALS.length; j++) {
                set(t, s, off + (j * 37L + 5) % (n - 1), SPECIALS[j]);
            }
            set(t, s, off + n - 1, Double.NaN);
        }
        return s;
    }

    MemorySegment copy(MemorySegment s) {
        return arena.allocate(s.byteSize(), 8).copyFrom(s);
    }

    static long length(ClType t, MemorySegment s) {
        return s.byteSize() / t.bytes();
    }

    /** A device buffer holding a copy of {@code s}; closed with this object. */
    OpenClBuffer device(ClType t, MemorySegment s) {
        OpenClBuffer b = context.buffer(t, length(t, s));
        buffers.add(b);
        b.write(0, s, 0, b.length());
        return b;
    }

    /** The whole of {@code b}, read back (waiting for every queued command). */
    MemorySegment read(OpenClBuffer b) {
        MemorySegment s = arena.allocate(b.length() * b.type().bytes(), 8);
        b.read(0, s, 0, b.length());
        return s;
    }

    /** Elements {@code [from, from + n)} of two buffers equal bit for bit (any NaN equals any NaN). */
    static void assertSameBits(String at, ClType t, MemorySegment want, long wantOff, MemorySegment got, long gotOff,
                               long n) {
        for (long i = 0; i < n; i++) {
            double w = get(t, want, wantOff + i);
            double g = get(t, got, gotOff + i);
            boolean same = Double.isNaN(w)
                    ? Double.isNaN(g) : Double.doubleToRawLongBits(w) == Double.doubleToRawLongBits(g);
            if (!same) {
                fail(at + " at " + (wantOff + i) + ": expected " + w + ", got " + g);
            }
        }
    }

    /** Whole buffers equal bit for bit. */
    static void assertSameBits(String at, ClType t, MemorySegment want, MemorySegment got) {
        assertSameBits(at, t, want, 0, got, 0, length(t, want));
    }

    /**
     * Whole buffers within {@code ulps} units in the last place of the expected value; NaN must
     * meet NaN and an infinity the same infinity.
     */
    static void assertWithinUlps(String at, ClType t, MemorySegment want, MemorySegment got, double ulps) {
        for (long i = 0; i < length(t, want); i++) {
            double w = get(t, want, i);
            double g = get(t, got, i);
            if (Double.isNaN(w) || Double.isInfinite(w) || Double.isInfinite(g)) {
                assertSameBits(at, t, want, i, got, i, 1);
            } else if (!(Math.abs(w - g) <= ulps * ulp(t, w))) {
                fail(at + " at " + i + ": expected " + w + ", got " + g + " (more than " + ulps + " ulp apart)");
            }
        }
    }

    @Override
    public void close() {
        buffers.forEach(OpenClBuffer::close);
        arena.close();
    }
}
