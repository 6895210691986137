package dev.neurite.kernel.simd;

import dev.neurite.kernel.KernelThreads;
import java.lang.foreign.MemorySegment;

/**
 * Splits element-wise work across {@link KernelThreads}. Handing a part to a worker costs about a
 * microsecond while the workers spin between calls (a few microseconds more when one must be
 * woken), so runs of at least {@link #MIN_ELEMENTS} are split (the 128 x 256 activations of a
 * training batch are), and each part gets at least half that.
 */
final class SimdParallel {

    /** Below this many elements an operation runs on the calling thread. */
    static final long MIN_ELEMENTS = 1L << 15;

    /** Chunk boundaries are multiples of this many bytes, so no cache line is written by two threads. */
    private static final long ALIGN_BYTES = 64;

    /** A piece of work over the index range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeBody {
        void run(long from, long to);
    }

    /**
     * A thread that is never started, standing for "some other thread": a segment of a confined
     * arena is not accessible by it, and such a segment must stay on its owner thread.
     */
    private static final Thread OTHER_THREAD = Thread.ofPlatform().unstarted(() -> { });

    private SimdParallel() {
    }

    /** Whether {@code elements} of work is worth splitting across the kernel threads. */
    static boolean worthSplitting(long elements) {
        return elements >= MIN_ELEMENTS && KernelThreads.count() > 1;
    }

    /** Whether the work is worth splitting and both segments may be used by the kernel threads. */
    static boolean worthSplitting(long elements, MemorySegment s1, MemorySegment s2) {
        return worthSplitting(elements) && s1.isAccessibleBy(OTHER_THREAD) && s2.isAccessibleBy(OTHER_THREAD);
    }

    /** Whether the work is worth splitting and all three segments may be used by the kernel threads. */
    static boolean worthSplitting(long elements, MemorySegment s1, MemorySegment s2, MemorySegment s3) {
        return worthSplitting(elements, s1, s2) && s3.isAccessibleBy(OTHER_THREAD);
    }

    /**
     * Runs {@code body} over {@code [0, n)} in up to {@link KernelThreads#count()} contiguous
     * chunks whose starts are multiples of {@code 64 / elementBytes} elements.
     */
    static void forElements(long n, int elementBytes, RangeBody body) {
        long grain = ALIGN_BYTES / elementBytes;
        int parts = (int) Math.max(1, Math.min(KernelThreads.count(), n / (MIN_ELEMENTS / 2)));
        long chunk = ((n + parts - 1) / parts + grain - 1) / grain * grain;
        KernelThreads.run(parts, p -> {
            long from = p * chunk;
            long to = Math.min(n, from + chunk);
            if (from < to) {
                body.run(from, to);
            }
        });
    }

    /** Runs {@code body} over the rows {@code [0, rows)}, split evenly across the kernel threads. */
    static void forRows(long rows, RangeBody body) {
        int parts = (int) Math.max(1, Math.min(KernelThreads.count(), rows));
        long chunk = (rows + parts - 1) / parts;
        KernelThreads.run(parts, p -> {
            long from = p * chunk;
            long to = Math.min(rows, from + chunk);
            if (from < to) {
                body.run(from, to);
            }
        });
    }
}
