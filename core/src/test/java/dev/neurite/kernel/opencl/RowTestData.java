package dev.neurite.kernel.opencl;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

/**
 * Host matrices and vectors of either real {@link ClType} for the device row and reduction tests:
 * seeded rows of several kinds (ordinary logits, logits at +-1e4, NaN, infinities, ties), row gaps
 * filled with a sentinel, and comparisons that treat NaN and infinities exactly.
 */
final class RowTestData {

    /** What a generated row holds. */
    enum RowKind {
        /** Logits uniform in [-4, 4]. */
        RANDOM,
        /** Logits at +-1e4 mixed with small ones: finite only if the maximum is subtracted first. */
        LARGE,
        /** Random logits with a NaN somewhere (two when there is room: the first must win argmax). */
        NAN,
        /** Random logits with +inf at a random column (a second one when there is room). */
        POS_INF,
        /** Random logits with some -inf columns, never all. */
        NEG_INF,
        /** Every column -inf. */
        ALL_NEG_INF,
        /** Values from {-1, -0, +0, 1, 2}: many ties, signed zeros. */
        TIES
    }

    private final Arena arena;
    private final Random random;

    RowTestData(Arena arena, long seed) {
        this.arena = arena;
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    static double get(MemorySegment s, ClType type, long i) {
        return switch (type) {
            case FLOAT32 -> s.getAtIndex(JAVA_FLOAT, i);
            case FLOAT64 -> s.getAtIndex(JAVA_DOUBLE, i);
            case INT32 -> s.getAtIndex(JAVA_INT, i);
        };
    }

    static void set(MemorySegment s, ClType type, long i, double v) {
        switch (type) {
            case FLOAT32 -> s.setAtIndex(JAVA_FLOAT, i, (float) v);
            case FLOAT64 -> s.setAtIndex(JAVA_DOUBLE, i, v);
            case INT32 -> s.setAtIndex(JAVA_INT, i, (int) v);
        }
    }

    /** A segment of {@code length} elements, every one {@code fill}. */
    MemorySegment filled(ClType type, long length, double fill) {
        MemorySegment s = arena.allocate(Math.max(1, length) * type.bytes(), 8);
        for (long i = 0; i < length; i++) {
            set(s, type, i, fill);
        }
        return s;
    }

    /** {@code length} values uniform in [-1, 1]. */
    MemorySegment uniform(ClType type, long length) {
        MemorySegment s = arena.allocate(Math.max(1, length) * type.bytes(), 8);
        for (long i = 0; i < length; i++) {
            set(s, type, i, random.nextDouble() * 2 - 1);
        }
        return s;
    }

    /**
     * A {@code rows x cols} matrix at {@code off} with leading dimension {@code ld} in a buffer of
     * exactly the span it needs; the elements outside the view (offset and row gaps) are NaN, so a
     * kernel that reads them spoils its result.
     */
    MemorySegment matrix(ClType type, RowKind kind, long off, long ld, int rows, int cols) {
        long length = span(off, ld, rows, cols);
        MemorySegment s = filled(type, length, Double.NaN);
        for (int i = 0; i < rows; i++) {
            fillRow(s, type, off + i * ld, cols, kind);
        }
        return s;
    }

    /** Elements a view needs in a buffer (at least 1: device buffers cannot be empty). */
    static long span(long off, long ld, int rows, int cols) {
        return Math.max(1, rows == 0 || cols == 0 ? off : off + (rows - 1) * ld + cols);
    }

    private void fillRow(MemorySegment s, ClType type, long at, int cols, RowKind kind) {
        for (int j = 0; j < cols; j++) {
            double v = switch (kind) {
                case LARGE -> switch (random.nextInt(4)) {
                    case 0 -> 1e4;
                    case 1 -> -1e4;
                    default -> random.nextDouble() * 8 - 4;
                };
                case ALL_NEG_INF -> Double.NEGATIVE_INFINITY;
                case TIES -> new double[] {-1, -0.0, 0.0, 1, 2}[random.nextInt(5)];
                case NEG_INF -> random.nextInt(3) == 0 ? Double.NEGATIVE_INFINITY : random.nextDouble() * 8 - 4;
                default -> random.nextDouble() * 8 - 4;
            };
            set(s, type, at + j, v);
        }
        if (kind == RowKind.NEG_INF && cols > 0) {
            set(s, type, at + random.nextInt(cols), random.nextDouble());
        }
        if (kind == RowKind.NAN || kind == RowKind.POS_INF) {
            double special = kind == RowKind.NAN ? Double.NaN : Double.POSITIVE_INFINITY;
            int first = random.nextInt(Math.max(1, cols));
            if (cols > 0) {
                set(s, type, at + first, special);
            }
            if (first + 1 < cols) {
                set(s, type, at + first + 1 + random.nextInt(cols - first - 1), special);
            }
        }
    }

    /** A device copy of the first {@code length} elements of {@code host}; the caller closes it. */
    static OpenClBuffer upload(OpenClContext context, ClType type, MemorySegment host, long length) {
        OpenClBuffer b = context.buffer(type, Math.max(1, length));
        b.write(0, host, 0, length);
        return b;
    }

    /** The whole device buffer, read back. */
    MemorySegment download(OpenClBuffer b) {
        MemorySegment s = arena.allocate(b.length() * b.type().bytes(), 8);
        b.read(0, s, 0, b.length());
        return s;
    }

    /**
     * Fails unless {@code actual} is within {@code tol} of {@code expected}; a NaN must meet a NaN
     * and an infinity the same infinity.
     */
    static void assertClose(double expected, double actual, double tol, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected) || Double.isNaN(actual)) {
            if (Double.compare(expected, actual) != 0 && !(Double.isNaN(expected) && Double.isNaN(actual))) {
                fail(what + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        if (!(Math.abs(actual - expected) <= tol)) {
            fail(what + ": expected " + expected + " but was " + actual + " (|error| " + Math.abs(actual - expected)
                    + " > tolerance " + tol + ")");
        }
    }

    /** Fails unless both are the same value bit for bit (any NaN matches any NaN). */
    static void assertIdentical(double expected, double actual, String what) {
        if (Double.compare(expected, actual) != 0 && !(Double.isNaN(expected) && Double.isNaN(actual))) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }
}
