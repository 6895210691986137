package dev.neurite.kernel;

import java.lang.foreign.MemorySegment;

/**
 * A buffer of float32 or float64 elements in a device's memory, allocated by its
 * {@link DeviceBackend}. Offsets and counts are in elements; transfers block until done.
 */
public interface DeviceBuffer extends AutoCloseable {

    /** Capacity in elements. */
    long length();

    /** False once freed, by {@link #close()} or by closing the backend. */
    boolean isOpen();

    /** True for float64 elements. */
    boolean doublePrecision();

    /** Copies {@code count} elements of host memory {@code src} from {@code srcOff} to this buffer at {@code dstOff}. */
    void write(long dstOff, MemorySegment src, long srcOff, long count);

    /** Copies {@code count} elements of this buffer from {@code srcOff} to host memory {@code dst} at {@code dstOff}. */
    void read(long srcOff, MemorySegment dst, long dstOff, long count);

    /** Frees the device memory; idempotent. */
    @Override
    void close();
}
