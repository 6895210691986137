package dev.neurite.kernel;

import java.util.function.IntConsumer;

/**
 * The one thread setting of the kernel, {@link #configure(int)} from code, else
 * {@code -Dneurite.threads} or {@code NEURITE_THREADS} (default: the number of cores), and the pool that multi-threaded kernels share. The same count
 * bounds the parts OpenBLAS products are split into, each run by a single-threaded OpenBLAS.
 *
 * <p>The workers ({@link SpinPool}) spin briefly between calls, so handing a part to one costs
 * about a microsecond while calls keep coming (the kernel calls of a training step), and park
 * when idle, so an application between calls loses no core to them.
 */
public final class KernelThreads {

    /** System property that sets the thread count. */
    public static final String PROPERTY = "neurite.threads";

    /** Environment variable that sets the thread count when the property is not set. */
    public static final String ENV = "NEURITE_THREADS";

    /**
     * 0 until the setting has been read. Read at first use, not in a class initializer: there a
     * bad value would leave the class unusable behind an ExceptionInInitializerError.
     */
    private static volatile int count;

    private KernelThreads() {
    }

    /**
     * The configured number of kernel threads, at least 1, read once at first call.
     *
     * @throws IllegalArgumentException when the setting is not a whole number {@code >= 1}
     *     (again on every call)
     */
    public static int count() {
        int n = count;
        if (n == 0) {
            synchronized (KernelThreads.class) {
                n = count;
                if (n == 0) {
                    n = readCount();
                    count = n;
                }
            }
        }
        return n;
    }

    /**
     * Sets the thread count from code, instead of {@code -Dneurite.threads} or
     * {@code NEURITE_THREADS} (which it overrides). It applies to the whole JVM and must come
     * before the first kernel call; setting the count the kernels already run with does nothing.
     *
     * @throws IllegalArgumentException when {@code threads < 1}
     * @throws IllegalStateException when the kernels already run with another count
     */
    public static void configure(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the kernel thread count must be at least 1, got " + threads);
        }
        synchronized (KernelThreads.class) {
            if (count != 0 && count != threads) {
                throw new IllegalStateException("the kernels already run with " + count + " threads in this JVM; "
                        + "configure the thread count before the first kernel call");
            }
            count = threads;
        }
    }

    private static int readCount() {
        String value = System.getProperty(PROPERTY);
        if (value != null && !value.isBlank()) {
            return parseCount(value, "-D" + PROPERTY);
        }
        value = System.getenv(ENV);
        if (value != null && !value.isBlank()) {
            return parseCount(value, ENV);
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Parses a thread count given by {@code setting} (named in the message).
     *
     * @throws IllegalArgumentException unless {@code value} is a whole number {@code >= 1}
     */
    public static int parseCount(String value, String setting) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException(setting + " must be a whole number >= 1, got '" + value + "'");
        }
        return n;
    }

    /** Started by the first call that splits work; null until then. */
    private static volatile SpinPool pool;

    private static SpinPool pool() {
        SpinPool p = pool;
        if (p == null) {
            synchronized (KernelThreads.class) {
                p = pool;
                if (p == null) {
                    p = new SpinPool(count() - 1);
                    pool = p;
                }
            }
        }
        return p;
    }

    /**
     * Runs {@code body.accept(part)} for every {@code part} in {@code [0, parts)}, on the calling
     * thread and the kernel workers, and returns when all are done. An exception in any part is
     * rethrown here. Called from a worker (nested parallelism), while another thread's call holds
     * the workers, or with one part, everything runs on the calling thread.
     */
    public static void run(int parts, IntConsumer body) {
        if (parts <= 1 || count() == 1) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        pool().run(parts, body);
    }
}
