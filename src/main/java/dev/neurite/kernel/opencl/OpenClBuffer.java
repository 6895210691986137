package dev.neurite.kernel.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A float32 buffer in device memory. Transfers are explicit and blocking: {@link #write} copies
 * host to device, {@link #read} device to host. Offsets and lengths are in elements.
 */
public final class OpenClBuffer implements AutoCloseable {

    private static final long FLOAT_BYTES = ValueLayout.JAVA_FLOAT.byteSize();

    private final OpenClContext context;
    private final long floats;
    private MemorySegment mem;

    OpenClBuffer(OpenClContext context, long floats) {
        assert floats > 0 : "empty buffer";
        this.context = context;
        this.floats = floats;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            mem = cl_h.clCreateBuffer(context.handle(), cl_h.CL_MEM_READ_WRITE(), floats * FLOAT_BYTES,
                    MemorySegment.NULL, status);
            ClStatus.check("clCreateBuffer", status.get(ValueLayout.JAVA_INT, 0));
        }
    }

    /** Capacity in floats. */
    public long floats() {
        return floats;
    }

    /** The context this buffer belongs to. */
    public OpenClContext context() {
        return context;
    }

    /** Copies {@code count} floats from {@code src[srcOff..]} to this buffer at {@code dstOff}. */
    public void write(long dstOff, MemorySegment src, long srcOff, long count) {
        assert dstOff >= 0 && dstOff + count <= floats : "write outside the buffer";
        if (count == 0) {
            return;
        }
        MemorySegment slice = src.asSlice(srcOff * FLOAT_BYTES, count * FLOAT_BYTES);
        if (slice.isNative()) {
            ClStatus.check("clEnqueueWriteBuffer", cl_h.clEnqueueWriteBuffer(context.queue(), handle(),
                    cl_h.CL_TRUE(), dstOff * FLOAT_BYTES, count * FLOAT_BYTES, slice, 0, MemorySegment.NULL,
                    MemorySegment.NULL));
            return;
        }
        // heap memory cannot be handed to native code: stage it
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(slice.byteSize(), FLOAT_BYTES);
            staging.copyFrom(slice);
            write(dstOff, staging, 0, count);
        }
    }

    /** Copies {@code count} floats from this buffer at {@code srcOff} to {@code dst[dstOff..]}. */
    public void read(long srcOff, MemorySegment dst, long dstOff, long count) {
        assert srcOff >= 0 && srcOff + count <= floats : "read outside the buffer";
        if (count == 0) {
            return;
        }
        MemorySegment slice = dst.asSlice(dstOff * FLOAT_BYTES, count * FLOAT_BYTES);
        if (slice.isNative()) {
            ClStatus.check("clEnqueueReadBuffer", cl_h.clEnqueueReadBuffer(context.queue(), handle(),
                    cl_h.CL_TRUE(), srcOff * FLOAT_BYTES, count * FLOAT_BYTES, slice, 0, MemorySegment.NULL,
                    MemorySegment.NULL));
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(slice.byteSize(), FLOAT_BYTES);
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
