package dev.neurite.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Large zero-filled allocations whose pages are committed only when written: C's {@code calloc},
 * which maps blocks this large fresh from the operating system (already zero, so nothing is
 * written at allocation). {@link Arena#allocate} zeroes every byte itself, which makes a new
 * tensor resident in full before its first use; a tensor filled row by row (a data set read from
 * a file, copied in from chunks as they are freed) then costs its size once instead of twice.
 *
 * <p>Used only when this module may call native code; otherwise, or if {@code calloc} cannot be
 * found, {@link #allocate} returns null and the caller uses the arena. The JVM's native memory
 * tracking does not see these blocks; {@link NativeMemory} counts them like every tensor.
 */
final class LazyZeroMemory {

    /** Below this, blocks come from the C heap and are zeroed anyway: the arena is as good. */
    static final long THRESHOLD = 4L << 20;

    /** {@code void* calloc(size_t, size_t)} and {@code void free(void*)}. */
    static final FunctionDescriptor CALLOC_DESCRIPTOR =
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
    static final FunctionDescriptor FREE_DESCRIPTOR = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS);

    /** calloc and free, looked up at the first large allocation: a downcall's first link is slow. */
    private static final class Handles {
        static final MethodHandle CALLOC;
        static final MethodHandle FREE;

        static {
            MethodHandle calloc = null;
            MethodHandle free = null;
            try {
                if (LazyZeroMemory.class.getModule().isNativeAccessEnabled()) {
                    Linker linker = Linker.nativeLinker();
                    calloc = linker.downcallHandle(linker.defaultLookup().find("calloc").orElseThrow(),
                            CALLOC_DESCRIPTOR);
                    free = linker.downcallHandle(linker.defaultLookup().find("free").orElseThrow(), FREE_DESCRIPTOR);
                }
            } catch (RuntimeException e) {
                calloc = null; // no native access or no C library: the arena allocates
                free = null;
            }
            CALLOC = calloc;
            FREE = free;
        }
    }

    private LazyZeroMemory() {
    }

    /**
     * {@code bytes} of zeros aligned to {@code alignment}, freed when {@code arena} closes; null
     * when the size is below {@link #THRESHOLD} or calloc is not available.
     *
     * @throws OutOfMemoryError when calloc returns null
     */
    static MemorySegment allocate(Arena arena, long bytes, long alignment) {
        if (bytes < THRESHOLD || Handles.CALLOC == null) {
            return null;
        }
        long padded = bytes + alignment;
        MemorySegment raw;
        try {
            raw = (MemorySegment) Handles.CALLOC.invokeExact(1L, padded);
        } catch (Throwable t) {
            throw new IllegalStateException("calloc failed", t);
        }
        if (raw.address() == 0) {
            throw new OutOfMemoryError("calloc refused " + padded + " bytes");
        }
        MemorySegment owned = raw.reinterpret(padded, arena, LazyZeroMemory::free);
        long skip = (alignment - owned.address() % alignment) % alignment;
        return owned.asSlice(skip, bytes);
    }

    private static void free(MemorySegment segment) {
        try {
            Handles.FREE.invokeExact(segment);
        } catch (Throwable t) {
            throw new IllegalStateException("free failed", t);
        }
    }
}
