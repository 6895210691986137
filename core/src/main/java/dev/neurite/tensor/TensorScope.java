package dev.neurite.tensor;

import java.lang.foreign.Arena;

/**
 * A group of tensors freed together: every tensor made here lives until {@link #close()}.
 * Typical use is try-with-resources around one computation. Tensors of a scope may be used from
 * any thread; closing the scope while another thread still uses them makes that use fail with
 * {@link IllegalStateException}.
 */
public final class TensorScope implements AutoCloseable {

    private final Arena arena = Arena.ofShared();
    private long bytes;
    private long allocations;

    /** Opens a new scope. */
    public static TensorScope open() {
        return new TensorScope();
    }

    private TensorScope() {
    }

    /** A zero-filled tensor living as long as this scope. */
    public synchronized Tensor zeros(DType dtype, int rows, int cols) {
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException("tensor scope is closed");
        }
        TensorMemory.checkShape(dtype, rows, cols);
        long size = TensorMemory.allocationBytes(dtype, rows, cols);
        NativeMemory.reserve(TensorMemory.describe(dtype, rows, cols), size);
        try {
            Tensor t = Tensor.allocate(arena, null, dtype, rows, cols);
            bytes += size;
            allocations++;
            return t;
        } catch (RuntimeException | Error e) {
            NativeMemory.release(size);
            throw e;
        }
    }

    /** A contiguous copy of {@code t} (of a view, only the viewed part), living as long as this scope. */
    public Tensor copyOf(Tensor t) {
        Tensor c = zeros(t.dtype(), t.rows(), t.cols());
        c.copyFrom(t);
        return c;
    }

    /** A float32 tensor holding {@code data} (row-major), living as long as this scope. */
    public Tensor of(float[] data, int rows, int cols) {
        Tensor t = zeros(DType.F32, rows, cols);
        t.copyFrom(data);
        return t;
    }

    /** A float64 tensor holding {@code data} (row-major), living as long as this scope. */
    public Tensor of(double[] data, int rows, int cols) {
        Tensor t = zeros(DType.F64, rows, cols);
        t.copyFrom(data);
        return t;
    }

    /** Frees every tensor of this scope. Idempotent. */
    @Override
    public synchronized void close() {
        if (arena.scope().isAlive()) {
            TensorMemory.closeWaiting(arena);
            NativeMemory.release(bytes, allocations);
        }
    }
}
