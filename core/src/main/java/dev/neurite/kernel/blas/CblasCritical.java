package dev.neurite.kernel.blas;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Critical downcalls ({@link Linker.Option#critical}) for the short level-1 calls, next to the
 * ordinary ones in {@link cblas_h} (kept apart so that regenerating {@code cblas_h} loses nothing).
 *
 * <p>A critical call skips the Java-to-native thread-state transition: it saved 2 to 15 ns per
 * {@code cblas_sdot} at n = 64..4096 here (about 20% at n = 256). In exchange the calling thread
 * holds off safepoints (and so GC) for the whole call, and the callee must neither block for long
 * nor call back into Java. That is only right for calls that OpenBLAS runs on the caller alone:
 * its level-1 kernels hand work to their thread pool above 10000 elements and then wait on it, so
 * {@link #MAX_LENGTH} stays below that. GEMM and GEMV are not made critical: they may use the
 * pool, run for long, and at their sizes the transition (tens of ns) is noise (measured no gain on
 * a 1x256x784 sgemm). Heap segments are not allowed: kernels work on native memory.
 */
@SuppressWarnings("restricted") // native access is enabled with --enable-native-access
final class CblasCritical {

    /** Longest vector passed to a critical call: below OpenBLAS's level-1 threading cut-off (10000). */
    static final int MAX_LENGTH = 8192;

    private static final Linker.Option CRITICAL = Linker.Option.critical(false);

    private CblasCritical() {
    }

    private static final class Handles {
        static final MethodHandle SDOT = handle(cblas_h.cblas_sdot$address(), cblas_h.cblas_sdot$descriptor());
        static final MethodHandle DDOT = handle(cblas_h.cblas_ddot$address(), cblas_h.cblas_ddot$descriptor());
        static final MethodHandle SAXPY = handle(cblas_h.cblas_saxpy$address(), cblas_h.cblas_saxpy$descriptor());
        static final MethodHandle DAXPY = handle(cblas_h.cblas_daxpy$address(), cblas_h.cblas_daxpy$descriptor());

        private static MethodHandle handle(MemorySegment address, FunctionDescriptor descriptor) {
            return Linker.nativeLinker().downcallHandle(address, descriptor, CRITICAL);
        }
    }

    /** What the critical handles link (cblas_h's descriptors, with the critical option), for the native-image metadata. */
    static List<FunctionDescriptor> descriptors() {
        return List.of(cblas_h.cblas_sdot$descriptor(), cblas_h.cblas_ddot$descriptor(),
                cblas_h.cblas_saxpy$descriptor(), cblas_h.cblas_daxpy$descriptor());
    }

    static float sdot(int n, MemorySegment x, int incx, MemorySegment y, int incy) {
        assert n <= MAX_LENGTH;
        try {
            return (float) Handles.SDOT.invokeExact(n, x, incx, y, incy);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex) {
            throw new AssertionError("should not reach here", ex);
        }
    }

    static double ddot(int n, MemorySegment x, int incx, MemorySegment y, int incy) {
        assert n <= MAX_LENGTH;
        try {
            return (double) Handles.DDOT.invokeExact(n, x, incx, y, incy);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex) {
            throw new AssertionError("should not reach here", ex);
        }
    }

    static void saxpy(int n, float alpha, MemorySegment x, int incx, MemorySegment y, int incy) {
        assert n <= MAX_LENGTH;
        try {
            Handles.SAXPY.invokeExact(n, alpha, x, incx, y, incy);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex) {
            throw new AssertionError("should not reach here", ex);
        }
    }

    static void daxpy(int n, double alpha, MemorySegment x, int incx, MemorySegment y, int incy) {
        assert n <= MAX_LENGTH;
        try {
            Handles.DAXPY.invokeExact(n, alpha, x, incx, y, incy);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex) {
            throw new AssertionError("should not reach here", ex);
        }
    }
}
