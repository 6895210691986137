package dev.neurite.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;

/** How tensors get and give back their memory: shape checks, sizes, allocation and closing. */
final class TensorMemory {

    /** How long a close waits for a native call that is using the memory. */
    private static final long CLOSE_WAIT_NANOS = 60_000_000_000L;

    private TensorMemory() {
    }

    /** Bytes of a fresh {@code rows x cols} allocation (at least one byte). */
    static long allocationBytes(DType dtype, int rows, int cols) {
        return Math.max(1L, (long) rows * cols) * dtype.byteSize();
    }

    /**
     * A zero-filled segment for a {@code rows x cols} tensor in {@code arena}: lazily committed
     * when large (see {@link LazyZeroMemory}), else from the arena.
     *
     * @throws MemoryLimitException when the operating system refuses the memory
     */
    static MemorySegment segment(Arena arena, DType dtype, int rows, int cols, long alignment) {
        long bytes = allocationBytes(dtype, rows, cols);
        try {
            MemorySegment lazy = LazyZeroMemory.allocate(arena, bytes, alignment);
            return lazy != null ? lazy : arena.allocate(bytes, alignment);
        } catch (OutOfMemoryError e) {
            throw new MemoryLimitException("cannot allocate " + describe(dtype, rows, cols) + " ("
                    + NativeMemory.format(bytes) + "): the operating system refused the memory");
        }
    }

    /** Checks a shape before anything is allocated for it. */
    static void checkShape(DType dtype, int rows, int cols) {
        if (dtype == null) {
            throw new NullPointerException("dtype");
        }
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative tensor shape: " + rows + "x" + cols);
        }
        if ((long) rows * cols > NativeMemory.MAX_TENSOR_ELEMENTS) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " tensor has " + (long) rows * cols
                    + " elements, more than the " + NativeMemory.MAX_TENSOR_ELEMENTS + " a tensor may hold");
        }
    }

    /** {@code a 2x3 f32 tensor}, for messages. */
    static String describe(DType dtype, int rows, int cols) {
        return "a " + rows + "x" + cols + " " + dtype.label() + " tensor";
    }

    /**
     * Closes {@code arena}, waiting while a native call (a BLAS or OpenCL downcall on another
     * thread) holds it: the JDK refuses to free memory a downcall is using, and such calls end
     * soon. Gives up with the JDK's {@link IllegalStateException} after a minute.
     */
    static void closeWaiting(Arena arena) {
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        long sleepMicros = 10;
        while (true) {
            try {
                arena.close();
                return;
            } catch (IllegalStateException inUse) {
                if (!arena.scope().isAlive() || System.nanoTime() > deadline) {
                    throw inUse;
                }
                LockSupport.parkNanos(sleepMicros * 1000);
                sleepMicros = Math.min(sleepMicros * 2, 10_000);
            }
        }
    }
}
