package dev.neurite.kernel.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Sets a kernel's arguments in order and enqueues it, without allocating per call: argument values
 * pass through one small native scratch area (OpenCL copies them at {@code clSetKernelArg}). One
 * per {@link OpenClContext} user; not thread-safe, like the kernels it drives.
 *
 * <pre>{@code
 * call.begin(kernel, "relu").mem(out).arg(outOff).mem(x).arg(xOff).arg(n).run1d(n);
 * }</pre>
 */
final class KernelCall {

    private final Arena arena = Arena.ofShared(); // freed by close(), not by the garbage collector
    private final MemorySegment scratch = arena.allocate(64, 8);
    private final MemorySegment sizes = arena.allocate(ValueLayout.JAVA_LONG, 6);
    // the size arrays of 1-D and 2-D ranges, sliced once so that an enqueue allocates nothing
    private final MemorySegment global1 = sizes.asSlice(0, 8);
    private final MemorySegment local1 = sizes.asSlice(8, 8);
    private final MemorySegment global2 = sizes.asSlice(0, 16);
    private final MemorySegment local2 = sizes.asSlice(16, 16);
    private final OpenClContext context;
    private MemorySegment kernel;
    private String name;
    private int index;

    KernelCall(OpenClContext context) {
        this.context = context;
    }

    /** Frees the argument scratch; the call cannot be used afterwards. Idempotent. */
    void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    /** Starts setting the arguments of {@code kernel} (called {@code name} in errors) from index 0. */
    KernelCall begin(MemorySegment kernel, String name) {
        this.kernel = kernel;
        this.name = name;
        this.index = 0;
        return this;
    }

    KernelCall mem(OpenClBuffer buffer) {
        scratch.set(ValueLayout.ADDRESS, 0, buffer.handle());
        return set(ValueLayout.ADDRESS.byteSize());
    }

    /** A {@code long} argument (offsets, leading dimensions, lengths). */
    KernelCall arg(long v) {
        scratch.set(ValueLayout.JAVA_LONG, 0, v);
        return set(8);
    }

    KernelCall arg(int v) {
        scratch.set(ValueLayout.JAVA_INT, 0, v);
        return set(4);
    }

    KernelCall arg(float v) {
        scratch.set(ValueLayout.JAVA_FLOAT, 0, v);
        return set(4);
    }

    /** A {@code real} argument: float or double as {@code precision} says. */
    KernelCall real(double v, ClType precision) {
        if (precision == ClType.FLOAT64) {
            scratch.set(ValueLayout.JAVA_DOUBLE, 0, v);
            return set(8);
        }
        return arg((float) v);
    }

    /** A {@code __local} array of {@code bytes}. */
    KernelCall local(long bytes) {
        check(cl_h.clSetKernelArg(kernel, index, bytes, MemorySegment.NULL));
        index++;
        return this;
    }

    private KernelCall set(long bytes) {
        check(cl_h.clSetKernelArg(kernel, index, bytes, scratch));
        index++;
        return this;
    }

    private void check(int status) {
        if (status != cl_h.CL_SUCCESS()) {
            ClStatus.check("clSetKernelArg(" + name + ", " + index + ")", status);
        }
    }

    /** Enqueues over {@code global} work-items (rounded up to {@code local}), {@code local} per group (0: driver's choice). */
    void run1d(long global, long local) {
        if (local > 0) {
            global = (global + local - 1) / local * local;
        }
        sizes.set(ValueLayout.JAVA_LONG, 0, global);
        sizes.set(ValueLayout.JAVA_LONG, 8, local);
        enqueue(1, local > 0);
    }

    /** Enqueues a 2-D range; each global size is rounded up to a multiple of its local size. */
    void run2d(long global0, long global1, long local0, long local1) {
        sizes.set(ValueLayout.JAVA_LONG, 0, (global0 + local0 - 1) / local0 * local0);
        sizes.set(ValueLayout.JAVA_LONG, 8, (global1 + local1 - 1) / local1 * local1);
        sizes.set(ValueLayout.JAVA_LONG, 16, local0);
        sizes.set(ValueLayout.JAVA_LONG, 24, local1);
        enqueue(2, true);
    }

    private void enqueue(int dims, boolean withLocal) {
        MemorySegment global = dims == 1 ? global1 : global2;
        MemorySegment local = !withLocal ? MemorySegment.NULL : dims == 1 ? local1 : local2;
        int status = cl_h.clEnqueueNDRangeKernel(context.queue(), kernel, dims, MemorySegment.NULL, global, local,
                0, MemorySegment.NULL, MemorySegment.NULL);
        if (status != cl_h.CL_SUCCESS()) {
            ClStatus.check("clEnqueueNDRangeKernel(" + name + ")", status);
        }
    }
}
