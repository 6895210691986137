package dev.neurite.kernel.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A buffer of {@link ClType} elements in device memory. Transfers are explicit and blocking:
 * {@link #write} copies host to device, {@link #read} device to host; {@code writeAsync} enqueues
 * a copy from native memory the caller keeps alive. Offsets and lengths are in
 * elements.
 */
public final class OpenClBuffer implements AutoCloseable {

    private final OpenClContext context;
    private final ClType type;
    private final long length;
    private final long elementBytes;
    private MemorySegment mem;

    OpenClBuffer(OpenClContext context, ClType type, long length) {
        assert length > 0 : "empty buffer";
        this.context = context;
        this.type = type;
        this.length = length;
        this.elementBytes = type.bytes();
        long bytes = Math.multiplyExact(length, elementBytes);
        OpenClDevice device = context.device();
        if (bytes > device.maxAllocationBytes()) {
            throw new OpenClException("device memory exhausted: a buffer of " + length + " " + type + " ("
                    + bytes + " bytes) exceeds the largest allocation of " + device.name() + " ("
                    + device.maxAllocationBytes() + " bytes)");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            mem = cl_h.clCreateBuffer(context.handle(), cl_h.CL_MEM_READ_WRITE(), bytes, MemorySegment.NULL, status);
            int code = status.get(ValueLayout.JAVA_INT, 0);
            if (code == ClStatus.MEM_OBJECT_ALLOCATION_FAILURE || code == ClStatus.OUT_OF_RESOURCES) {
                throw new OpenClException("device memory exhausted: cannot allocate " + bytes + " bytes on "
                        + device.name() + ": " + ClStatus.message("clCreateBuffer", code));
            }
            ClStatus.check("clCreateBuffer", code);
        }
    }

    /** Capacity in elements. */
    public long length() {
        return length;
    }

    /** Element type. */
    public ClType type() {
        return type;
    }

    /** The context this buffer belongs to. */
    public OpenClContext context() {
        return context;
    }

    /**
     * Enqueues a copy of {@code count} elements of native memory {@code src} from {@code srcOff}
     * to this buffer at {@code dstOff} and returns without waiting: the caller keeps {@code src}
     * unchanged until the queue has passed the copy (a blocking read or a finish).
     */
    void writeAsync(long dstOff, MemorySegment src, long srcOff, long count) {
        assert src.isNative() && dstOff >= 0 && dstOff + count <= length : "async write";
        if (count == 0) {
            return;
        }
        ClStatus.check("clEnqueueWriteBuffer", cl_h.clEnqueueWriteBuffer(context.queue(), handle(), cl_h.CL_FALSE(),
                dstOff * elementBytes, count * elementBytes, src.asSlice(srcOff * elementBytes, count * elementBytes),
                0, MemorySegment.NULL, MemorySegment.NULL));
    }

    /** Copies {@code count} elements from {@code src[srcOff..]} to this buffer at {@code dstOff}. */
    public void write(long dstOff, MemorySegment src, long srcOff, long count) {
        assert dstOff >= 0 && dstOff + count <= length : "write outside the buffer";
        if (count == 0) {
            return;
        }
        MemorySegment slice = src.asSlice(srcOff * elementBytes, count * elementBytes);
        if (slice.isNative()) {
            ClStatus.check("clEnqueueWriteBuffer", cl_h.clEnqueueWriteBuffer(context.queue(), handle(),
                    cl_h.CL_TRUE(), dstOff * elementBytes, count * elementBytes, slice, 0, MemorySegment.NULL,
                    MemorySegment.NULL));
            return;
        }
        // heap memory cannot be handed to native code: stage it
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(slice.byteSize(), elementBytes);
            staging.copyFrom(slice);
            write(dstOff, staging, 0, count);
        }
    }

    /** Copies {@code count} elements from this buffer at {@code srcOff} to {@code dst[dstOff..]}. */
    public void read(long srcOff, MemorySegment dst, long dstOff, long count) {
        assert srcOff >= 0 && srcOff + count <= length : "read outside the buffer";
        if (count == 0) {
            return;
        }
        MemorySegment slice = dst.asSlice(dstOff * elementBytes, count * elementBytes);
        if (slice.isNative()) {
            ClStatus.check("clEnqueueReadBuffer", cl_h.clEnqueueReadBuffer(context.queue(), handle(),
                    cl_h.CL_TRUE(), srcOff * elementBytes, count * elementBytes, slice, 0, MemorySegment.NULL,
                    MemorySegment.NULL));
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(slice.byteSize(), elementBytes);
            read(srcOff, staging, 0, count);
            slice.copyFrom(staging);
        }
    }

    /** The {@code cl_mem}; throws once closed. */
    MemorySegment handle() {
        if (mem == null) {
            throw new IllegalStateException("OpenCL buffer is closed");
        }
        return mem;
    }

    @Override
    public void close() {
        if (mem != null) {
            ClStatus.check("clReleaseMemObject", cl_h.clReleaseMemObject(mem));
            mem = null;
        }
    }
}
