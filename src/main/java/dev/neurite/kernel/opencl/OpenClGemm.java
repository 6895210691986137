package dev.neurite.kernel.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Float32 GEMM on an OpenCL device: {@code C = alpha * op(A) * op(B) + beta * C}, row-major,
 * arguments as in {@code Kernels.gemmF32} (element offsets, leading dimensions, outputs first).
 * The host entry uploads, runs and downloads through scratch buffers that grow as needed and are
 * reused; the {@link OpenClBuffer} entry works on data already on the device.
 */
public final class OpenClGemm implements AutoCloseable {

    static final String SOURCE = "gemm.cl";
    static final String KERNEL = "gemm_f32";
    /** Work-group edge; must match TS in gemm.cl. */
    static final int TILE = 16;

    private final OpenClContext context;
    private OpenClBuffer scratchA;
    private OpenClBuffer scratchB;
    private OpenClBuffer scratchC;

    /** A GEMM on {@code context}; compiles gemm.cl now (once per context) so that errors surface here. */
    public OpenClGemm(OpenClContext context) {
        this.context = context;
        context.kernel(SOURCE, KERNEL);
    }

    /** Host to device, GEMM, device to host. Not thread-safe (shared scratch buffers). */
    public void gemmF32(MemorySegment c, long cOff, long ldc,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment b, long bOff, long ldb, boolean transB,
                        int m, int n, int k, float alpha, float beta) {
        if (m == 0 || n == 0) {
            return;
        }
        long aSpan = transA ? span(k, m, lda) : span(m, k, lda);
        long bSpan = transB ? span(n, k, ldb) : span(k, n, ldb);
        long cSpan = span(m, n, ldc);
        scratchA = ensure(scratchA, aSpan);
        scratchB = ensure(scratchB, bSpan);
        scratchC = ensure(scratchC, cSpan);
        scratchA.write(0, a, aOff, aSpan);
        scratchB.write(0, b, bOff, bSpan);
        if (beta != 0f || ldc != n) {
            // beta reads C; a row gap (ldc > n) must come back unchanged
            scratchC.write(0, c, cOff, cSpan);
        }
        gemmF32(scratchC, 0, ldc, scratchA, 0, lda, transA, scratchB, 0, ldb, transB, m, n, k, alpha, beta);
        scratchC.read(0, c, cOff, cSpan);
    }

    /** GEMM on device buffers; returns when the device has finished. */
    public void gemmF32(OpenClBuffer c, long cOff, long ldc,
                        OpenClBuffer a, long aOff, long lda, boolean transA,
                        OpenClBuffer b, long bOff, long ldb, boolean transB,
                        int m, int n, int k, float alpha, float beta) {
        assert m >= 0 && n >= 0 && k >= 0 && lda >= (transA ? m : k) && ldb >= (transB ? k : n) && ldc >= n
                : "bad GEMM shape";
        if (m == 0 || n == 0) {
            return;
        }
        MemorySegment kernel = context.kernel(SOURCE, KERNEL);
        try (Arena arena = Arena.ofConfined()) {
            int arg = 0;
            arg = setMem(arena, kernel, arg, c);
            arg = setLong(arena, kernel, arg, cOff);
            arg = setLong(arena, kernel, arg, ldc);
            arg = setMem(arena, kernel, arg, a);
            arg = setLong(arena, kernel, arg, aOff);
            arg = setLong(arena, kernel, arg, lda);
            arg = setInt(arena, kernel, arg, transA ? 1 : 0);
            arg = setMem(arena, kernel, arg, b);
            arg = setLong(arena, kernel, arg, bOff);
            arg = setLong(arena, kernel, arg, ldb);
            arg = setInt(arena, kernel, arg, transB ? 1 : 0);
            arg = setInt(arena, kernel, arg, m);
            arg = setInt(arena, kernel, arg, n);
            arg = setInt(arena, kernel, arg, k);
            arg = setFloat(arena, kernel, arg, alpha);
            setFloat(arena, kernel, arg, beta);
            MemorySegment global = arena.allocateFrom(ValueLayout.JAVA_LONG, roundUp(n), roundUp(m));
            MemorySegment local = arena.allocateFrom(ValueLayout.JAVA_LONG, TILE, TILE);
            ClStatus.check("clEnqueueNDRangeKernel(" + KERNEL + ")", cl_h.clEnqueueNDRangeKernel(context.queue(),
                    kernel, 2, MemorySegment.NULL, global, local, 0, MemorySegment.NULL, MemorySegment.NULL));
        }
        context.finish();
    }

    /**
     * GEMM on device buffers in the precision of {@code c.type()}, arguments as in
     * {@code Kernels.gemmF32}. Float32 only for now; float64 throws
     * {@link UnsupportedOperationException}.
     */
    public void gemm(OpenClBuffer c, long cOff, long ldc,
                     OpenClBuffer a, long aOff, long lda, boolean transA,
                     OpenClBuffer b, long bOff, long ldb, boolean transB,
                     int m, int n, int k, double alpha, double beta) {
        if (c.type() != ClType.FLOAT32) {
            throw new UnsupportedOperationException("OpenCL GEMM in " + c.type() + " is not available yet");
        }
        gemmF32(c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, (float) alpha, (float) beta);
    }

    /** Elements from the first to one past the last of a rows x cols matrix with leading dimension ld. */
    private static long span(int rows, int cols, long ld) {
        return rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;
    }

    private static long roundUp(int size) {
        return (size + TILE - 1L) / TILE * TILE;
    }

    private OpenClBuffer ensure(OpenClBuffer buffer, long floats) {
        if (buffer != null && buffer.length() >= floats) {
            return buffer;
        }
        if (buffer != null) {
            buffer.close();
        }
        return context.buffer(Math.max(1, floats));
    }

    private static int setMem(Arena arena, MemorySegment kernel, int index, OpenClBuffer buffer) {
        MemorySegment value = arena.allocateFrom(ValueLayout.ADDRESS, buffer.handle());
        return set(kernel, index, value);
    }

    private static int setLong(Arena arena, MemorySegment kernel, int index, long v) {
        return set(kernel, index, arena.allocateFrom(ValueLayout.JAVA_LONG, v));
    }

    private static int setInt(Arena arena, MemorySegment kernel, int index, int v) {
        return set(kernel, index, arena.allocateFrom(ValueLayout.JAVA_INT, v));
    }

    private static int setFloat(Arena arena, MemorySegment kernel, int index, float v) {
        return set(kernel, index, arena.allocateFrom(ValueLayout.JAVA_FLOAT, v));
    }

    private static int set(MemorySegment kernel, int index, MemorySegment value) {
        ClStatus.check("clSetKernelArg(" + KERNEL + ", " + index + ")",
                cl_h.clSetKernelArg(kernel, index, value.byteSize(), value));
        return index + 1;
    }

    /** Releases the scratch buffers; the context stays open. */
    @Override
    public void close() {
        for (OpenClBuffer buffer : new OpenClBuffer[] {scratchA, scratchB, scratchC}) {
            if (buffer != null) {
                buffer.close();
            }
        }
        scratchA = null;
        scratchB = null;
        scratchC = null;
    }
}
