package dev.neurite.kernel.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The scratch buffers of {@link OpenClBackend}'s operations with host arguments or results: class
 * indices and row orders going up, per-element terms, and one value per precision read back. Each
 * grows to the largest use and is reused; in-order queueing keeps the uses apart. Not thread-safe:
 * the backend's lock guards it.
 */
final class OpenClScratch implements AutoCloseable {

    private final OpenClContext context;
    private OpenClBuffer indices;
    private final OpenClBuffer[] reals = new OpenClBuffer[2];
    private final OpenClBuffer[] scalars = new OpenClBuffer[2];
    /** Native memory the reads land in: a heap array cannot be handed to OpenCL. */
    private final Arena arena = Arena.ofShared();
    private final MemorySegment readBack = arena.allocate(ValueLayout.JAVA_DOUBLE);

    OpenClScratch(OpenClContext context) {
        this.context = context;
    }

    /** {@code count} host ints from {@code values[from..]} in an {@code INT32} buffer, written from 0. */
    OpenClBuffer indices(int[] values, int from, int count) {
        OpenClBuffer buffer = indices(count);
        buffer.write(0, MemorySegment.ofArray(values), from, count);
        return buffer;
    }

    /** An {@code INT32} buffer of at least {@code count} elements. */
    OpenClBuffer indices(int count) {
        indices = grown(indices, ClType.INT32, count);
        return indices;
    }

    /** A real buffer of at least {@code count} elements of the precision. */
    OpenClBuffer reals(long count, boolean f64) {
        int i = f64 ? 1 : 0;
        reals[i] = grown(reals[i], f64 ? ClType.FLOAT64 : ClType.FLOAT32, count);
        return reals[i];
    }

    /** The one-element buffer of the precision that reductions read back from. */
    OpenClBuffer scalar(boolean f64) {
        int i = f64 ? 1 : 0;
        if (scalars[i] == null) {
            scalars[i] = context.buffer(f64 ? ClType.FLOAT64 : ClType.FLOAT32, 1);
        }
        return scalars[i];
    }

    /** Waits for the queue and reads {@link #scalar}'s value. */
    double readScalar(boolean f64) {
        OpenClBuffer out = scalar(f64);
        out.read(0, readBack, 0, 1);
        return f64 ? readBack.get(ValueLayout.JAVA_DOUBLE, 0) : readBack.get(ValueLayout.JAVA_FLOAT, 0);
    }

    /** {@code current} when it holds {@code length} elements, else a new buffer in its place. */
    private OpenClBuffer grown(OpenClBuffer current, ClType type, long length) {
        if (current != null && current.length() >= length) {
            return current;
        }
        if (current != null) {
            current.close();
        }
        return context.buffer(type, Math.max(1, length));
    }

    @Override
    public void close() {
        for (OpenClBuffer b : new OpenClBuffer[] {indices, reals[0], reals[1], scalars[0], scalars[1]}) {
            if (b != null) {
                b.close();
            }
        }
        arena.close();
    }
}
