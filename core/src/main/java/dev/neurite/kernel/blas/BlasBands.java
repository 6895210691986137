package dev.neurite.kernel.blas;

import dev.neurite.kernel.KernelThreads;
import java.lang.foreign.MemorySegment;

/**
 * Splits a product {@code C (m x n)} into bands of rows or columns across {@link KernelThreads},
 * each computed by a single-threaded OpenBLAS call.
 *
 * <p>OpenBLAS runs on one thread ({@code openblas_set_num_threads(1)}) and Neurite's kernel
 * threads do the splitting, for the products and for the element-wise work around them alike.
 * With OpenBLAS's own pool beside Neurite's, its threads spin after every product while Neurite's
 * workers need the same cores for the bias, activation and optimizer passes, and a training step
 * ran up to a third slower, depending on how the two were scheduled.
 */
final class BlasBands {

    /** Multiply-adds below which a product stays on the calling thread, and per extra part above. */
    static final long MIN_WORK = 1_000_000L;

    /** Band boundaries are multiples of this many rows or columns (a cache line of floats). */
    private static final int ALIGN = 16;

    /** A thread that never starts: memory of a confined arena is not accessible by it. */
    private static final Thread OTHER_THREAD = Thread.ofPlatform().unstarted(() -> { });

    /** One band: rows {@code [row0, row0 + rows)} and columns {@code [col0, col0 + cols)} of C. */
    @FunctionalInterface
    interface Band {
        void run(int row0, int rows, int col0, int cols);
    }

    private BlasBands() {
    }

    /**
     * Runs {@code band} over all of {@code C}: in one call on this thread when the product is small
     * or a segment belongs to a confined arena, else in bands along the longer side of {@code C},
     * one per kernel thread.
     */
    static void run(int m, int n, int k, MemorySegment a, MemorySegment b, MemorySegment c, Band band) {
        boolean splitRows = m >= n;
        int extent = splitRows ? m : n;
        int units = (extent + ALIGN - 1) / ALIGN;
        int parts = (int) Math.min(Math.min(KernelThreads.count(), units), 1 + (long) m * n * k / MIN_WORK);
        if (parts <= 1 || !shareable(a) || !shareable(b) || !shareable(c)) {
            band.run(0, m, 0, n);
            return;
        }
        KernelThreads.run(parts, p -> {
            int from = (int) ((long) units * p / parts) * ALIGN;
            int to = Math.min(extent, (int) ((long) units * (p + 1) / parts) * ALIGN);
            if (from >= to) {
                return;
            }
            if (splitRows) {
                band.run(from, to - from, 0, n);
            } else {
                band.run(0, m, from, to - from);
            }
        });
    }

    private static boolean shareable(MemorySegment s) {
        return s.isAccessibleBy(OTHER_THREAD);
    }
}
