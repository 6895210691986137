package dev.neurite.tensor;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Neurite's account of the off-heap memory it holds, and the limit every allocation is checked
 * against before it is made.
 *
 * <p>Every tensor with an owner ({@link Tensor#zeros}, {@link Tensor#of}, a {@link TensorScope})
 * adds its bytes to {@link #liveBytes()} when it is allocated and takes them off when its owner
 * closes it, so an application can check that what it closed was freed: after closing a model,
 * its optimizer and its data, {@code liveBytes()} is back where it was. Garbage-collected
 * tensors ({@link Tensor#managed}, an opt-in for users; Neurite itself never makes them) are
 * counted apart in {@link #managedBytesAllocated()}, a running total.
 *
 * <p>The limit is the system property {@code neurite.memory.limit} (bytes, or with a {@code k},
 * {@code m}, {@code g} or {@code t} suffix), read on first use; by default the machine's (or
 * container's) physical memory less the JVM's maximum heap. A request that would take the live
 * total over it fails at once with a {@link MemoryLimitException} naming the sizes, before
 * anything is allocated, instead of driving the machine into swap or the kernel's OOM killer.
 */
public final class NativeMemory {

    /** The system property that sets the limit. */
    public static final String LIMIT_PROPERTY = "neurite.memory.limit";

    /** Elements a tensor may hold: kernels index rows and columns with {@code int}s. */
    public static final long MAX_TENSOR_ELEMENTS = Integer.MAX_VALUE;

    private static final AtomicLong LIVE_BYTES = new AtomicLong();
    private static final AtomicLong LIVE_ALLOCATIONS = new AtomicLong();
    private static final AtomicLong MANAGED_BYTES = new AtomicLong();

    private NativeMemory() {
    }

    /** Read once, on first use, so that a program may set the property before. */
    /** The limit when the property does not set one, read at its first use. */
    private static final class DefaultLimit {
        static final long BYTES = defaultLimit();
    }

    /**
     * The limit the property sets, 0 when it sets none, -1 until read. Read in a method rather than
     * a class initializer, so that a bad value fails every call with its message.
     */
    private static volatile long propertyLimit = -1;

    /**
     * Live bytes that fit under the default limit on any machine (it is at least the smaller of the
     * physical memory and 256 MiB): below this, a check need not ask the operating system for the
     * physical memory, which costs a cold process tens of milliseconds.
     */
    private static final long ALWAYS_ROOM = 64L << 20;

    /** Bytes held by open tensors that have an owner (all but garbage-collected ones). */
    public static long liveBytes() {
        return LIVE_BYTES.get();
    }

    /** Allocations behind {@link #liveBytes()}: one per owned tensor, one per tensor of a scope. */
    public static long liveAllocations() {
        return LIVE_ALLOCATIONS.get();
    }

    /** Bytes allocated so far for garbage-collected tensors (a running total, never decreases). */
    public static long managedBytesAllocated() {
        return MANAGED_BYTES.get();
    }

    /** The most off-heap memory Neurite holds at once, in bytes. */
    public static long limit() {
        long set = propertyLimit();
        return set > 0 ? set : DefaultLimit.BYTES;
    }

    /**
     * Fails with a {@link MemoryLimitException} when {@code bytes} more would take the live total
     * over the limit; {@code what} names the request in the message ("the model's parameters").
     * Allocates nothing; for callers that know a total before allocating its parts. A negative
     * {@code bytes} stands for a size that overflowed {@code long}.
     */
    public static void check(String what, long bytes) {
        check(() -> what, bytes);
    }

    /**
     * {@link #check(String, long)} with the request's name built only when the check fails: a
     * formatted name costs a cold process the JDK's number-format set-up, about 10 ms.
     */
    public static void check(Supplier<String> describe, long bytes) {
        if (bytes < 0) {
            String what = describe.get();
            throw new MemoryLimitException(what + " needs more than " + format(Long.MAX_VALUE));
        }
        long live = LIVE_BYTES.get();
        if (propertyLimit() == 0 && bytes <= ALWAYS_ROOM - live) {
            return;
        }
        long limit = limit();
        long room = Math.max(0, limit - live);
        if (bytes > room) {
            String what = describe.get();
            throw new MemoryLimitException(what + " needs " + format(bytes) + ", more than the "
                    + format(room) + " Neurite may still allocate (limit " + format(limit) + ", "
                    + format(live) + " in use; -D" + LIMIT_PROPERTY + " sets the limit)");
        }
    }

    /** {@code a * b * c}, or -1 when it overflows (for {@link #check}). */
    public static long product(long a, long b, long c) {
        try {
            return Math.multiplyExact(Math.multiplyExact(a, b), c);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** Counts an allocation about to be made, failing first when it does not fit. */
    static void reserve(String what, long bytes) {
        check(what, bytes);
        LIVE_BYTES.addAndGet(bytes);
        LIVE_ALLOCATIONS.incrementAndGet();
    }

    /** Takes back an allocation counted by {@link #reserve}. */
    static void release(long bytes) {
        release(bytes, 1);
    }

    /** Takes back {@code count} allocations of {@code bytes} in all (a closed scope). */
    static void release(long bytes, long count) {
        LIVE_BYTES.addAndGet(-bytes);
        LIVE_ALLOCATIONS.addAndGet(-count);
    }

    /** Counts an allocation the garbage collector will free. */
    static void countManaged(String what, long bytes) {
        check(what, bytes);
        MANAGED_BYTES.addAndGet(bytes);
    }

    /** {@code 1.5 GB}, {@code 9.5 MB}, {@code 512 bytes}: sizes as people read them (powers of 1000). */
    public static String format(long bytes) {
        if (bytes < 1_000) {
            return bytes + " bytes";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        if (bytes < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    private static long propertyLimit() {
        long set = propertyLimit;
        if (set < 0) {
            set = readPropertyLimit();
            propertyLimit = set;
        }
        return set;
    }

    /** @throws IllegalArgumentException when the property is set to something that is not a size */
    private static long readPropertyLimit() {
        String text = System.getProperty(LIMIT_PROPERTY);
        if (text == null || text.isBlank()) {
            return 0;
        }
        long parsed = parseSize(text.strip());
        if (parsed <= 0) {
            throw new IllegalArgumentException("invalid -D" + LIMIT_PROPERTY + "=" + text
                    + ": expected a positive size in bytes, e.g. 4g, 512m or 1000000");
        }
        return parsed;
    }

    private static long defaultLimit() {
        long physical = physicalMemory();
        long heap = Runtime.getRuntime().maxMemory();
        long rest = heap == Long.MAX_VALUE ? physical / 2 : physical - heap;
        return Math.max(rest, Math.min(physical, 256L << 20));
    }

    /** Bytes of {@code 4g}, {@code 512m}, {@code 64k} or a plain number; -1 when malformed. */
    static long parseSize(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g' || last == 't') {
            unit = switch (last) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1L << 40;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }

    private static long physicalMemory() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                long total = os.getTotalMemorySize();
                if (total > 0) {
                    return total;
                }
            }
        } catch (LinkageError e) {
            // on the module path without jdk.management (an optional dependency): no machine-size cap
        }
        return Long.MAX_VALUE / 4;
    }
}
