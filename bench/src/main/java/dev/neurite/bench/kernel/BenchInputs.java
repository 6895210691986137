package dev.neurite.bench.kernel;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/** Off-heap inputs for the benchmarks: float32 arrays filled with seeded uniform noise. */
final class BenchInputs {

    /** Seed of every input, so that a failed check can be reproduced. */
    static final long SEED = 20250101L;

    private BenchInputs() {
    }

    /** A {@code count}-float segment, 64-byte aligned, filled uniformly from {@code [lo, hi)}. */
    static MemorySegment uniform(Arena arena, long count, float lo, float hi, long seed) {
        MemorySegment s = arena.allocate(count * Float.BYTES, 64);
        SplittableRandom random = new SplittableRandom(seed);
        float width = hi - lo;
        for (long i = 0; i < count; i++) {
            s.setAtIndex(JAVA_FLOAT, i, lo + width * (float) random.nextDouble());
        }
        return s;
    }

    /** A zeroed {@code count}-float segment, 64-byte aligned. */
    static MemorySegment zeros(Arena arena, long count) {
        return arena.allocate(count * Float.BYTES, 64);
    }

    /**
     * Parses a size written as a count with an optional binary suffix: {@code 1M} is 2^20,
     * {@code 16M} is 2^24, {@code 4K} is 2^12.
     */
    static long parseCount(String size) {
        String s = size.trim();
        char last = Character.toUpperCase(s.charAt(s.length() - 1));
        long unit = switch (last) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1L;
        };
        String digits = unit == 1L ? s : s.substring(0, s.length() - 1);
        return Long.parseLong(digits) * unit;
    }

    /** Parses {@code ROWSxCOLS}. */
    static int[] parseRowsCols(String shape) {
        String[] parts = shape.toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected ROWSxCOLS, got '" + shape + "'");
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    /** {@code count} distinct-ish sample indices in {@code [0, n)}: both ends, the middle, and seeded picks. */
    static long[] sampleIndices(long n, int count, long seed) {
        int k = (int) Math.min(n, count);
        long[] out = new long[k];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            out[i] = switch (i) {
                case 0 -> 0;
                case 1 -> n - 1;
                case 2 -> n / 2;
                default -> random.nextLong(n);
            };
        }
        return out;
    }
}
