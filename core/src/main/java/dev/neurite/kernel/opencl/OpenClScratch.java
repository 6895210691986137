package dev.neurite.kernel.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The scratch buffers of {@link OpenClBackend}'s operations with host arguments or results: class
 * indices and row orders going up, per-element terms, and one value per precision read back. Each
 * grows to the largest use and is reused; in-order queueing keeps the uses apart. Not thread-safe:
 * the backend's lock guards it.
 *
 * <p>Index arrays go up without waiting (a training step sends its row order and its labels, and
 * a blocking write would drain the queue twice per step): each is staged in native memory of its
 * own slot, which stays untouched until the queue is known to have passed the copy, that is after
 * the next blocking read ({@link #drained()}); a slot needed again before that waits for the queue.
 */
final class OpenClScratch implements AutoCloseable {

    /** Uploads in flight at once: a step's row order and labels, with room to spare. */
    private static final int UPLOAD_SLOTS = 4;

    private final OpenClContext context;
    private OpenClBuffer indices;
    private final OpenClBuffer[] uploads = new OpenClBuffer[UPLOAD_SLOTS];
    private final Arena[] stagingArenas = new Arena[UPLOAD_SLOTS];
    private final MemorySegment[] staging = new MemorySegment[UPLOAD_SLOTS];
    private final boolean[] inFlight = new boolean[UPLOAD_SLOTS];
    private int nextSlot;
    private final OpenClBuffer[] reals = new OpenClBuffer[2];
    private final OpenClBuffer[] scalars = new OpenClBuffer[2];
    /** Native memory the reads land in: a heap array cannot be handed to OpenCL. */
    private final Arena arena = Arena.ofShared();
    private final MemorySegment readBack = arena.allocate(ValueLayout.JAVA_DOUBLE);

    OpenClScratch(OpenClContext context) {
        this.context = context;
    }

    /**
     * {@code count} host ints from {@code values[from..]} in an {@code INT32} buffer of their own,
     * from 0, as a copy enqueued without waiting: kernels enqueued after it read them.
     */
    OpenClBuffer upload(int[] values, int from, int count) {
        int slot = nextSlot;
        nextSlot = (nextSlot + 1) % UPLOAD_SLOTS;
        if (inFlight[slot]) {
            context.finish();
            drained();
        }
        long n = Math.max(1, count);
        if (staging[slot] == null || staging[slot].byteSize() < n * Integer.BYTES) {
            if (stagingArenas[slot] != null) {
                stagingArenas[slot].close();
            }
            stagingArenas[slot] = Arena.ofShared();
            staging[slot] = stagingArenas[slot].allocate(ValueLayout.JAVA_INT, n);
        }
        uploads[slot] = grown(uploads[slot], ClType.INT32, n);
        MemorySegment.copy(values, from, staging[slot], ValueLayout.JAVA_INT, 0, count);
        uploads[slot].writeAsync(0, staging[slot], 0, count);
        inFlight[slot] = count > 0;
        return uploads[slot];
    }

    /** Tells this scratch that the queue has finished everything enqueued so far (after a blocking read). */
    void drained() {
        Arrays.fill(inFlight, false);
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
        drained();
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
        for (boolean pending : inFlight) {
            if (pending) {
                context.finish(); // the staging memory must outlive the copies
                break;
            }
        }
        for (OpenClBuffer b : new OpenClBuffer[] {indices, reals[0], reals[1], scalars[0], scalars[1]}) {
            if (b != null) {
                b.close();
            }
        }
        for (int i = 0; i < UPLOAD_SLOTS; i++) {
            if (uploads[i] != null) {
                uploads[i].close();
            }
            if (stagingArenas[i] != null) {
                stagingArenas[i].close();
            }
        }
        arena.close();
    }
}
