package dev.neurite.kernel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The one thread setting of the kernel, {@code -Dneurite.threads} or {@code NEURITE_THREADS}
 * (default: the number of cores), and the pool that multi-threaded kernels share. The same count
 * is handed to OpenBLAS, so the two never oversubscribe the cores.
 *
 * <p>Workers block on a queue when idle (no spinning): on a 2-core machine a spinning worker
 * steals the core the caller needs. Handing work to a parked thread costs tens of microseconds,
 * so kernels split only work that is large enough to pay for it.
 */
public final class KernelThreads {

    /** System property that sets the thread count. */
    public static final String PROPERTY = "neurite.threads";

    /** Environment variable that sets the thread count when the property is not set. */
    public static final String ENV = "NEURITE_THREADS";

    private static final ThreadLocal<Boolean> IS_WORKER = ThreadLocal.withInitial(() -> false);
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

    private static final class PoolHolder {
        static final ExecutorService POOL = newPool();

        private static ExecutorService newPool() {
            int workers = Math.max(1, count() - 1);
            ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(() -> {
                            IS_WORKER.set(true);
                            r.run();
                        }, "neurite-kernel");
                        t.setDaemon(true);
                        return t;
                    });
            pool.prestartAllCoreThreads();
            return pool;
        }
    }

    /**
     * Runs {@code body.accept(part)} for every {@code part} in {@code [0, parts)}, part 0 on the
     * calling thread and the others on the pool, and returns when all are done. An exception in
     * any part is rethrown here. Called from a pool worker (nested parallelism), or with one
     * part, everything runs on the calling thread.
     */
    public static void run(int parts, IntConsumer body) {
        if (parts <= 1 || count() == 1 || IS_WORKER.get()) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        CountDownLatch done = new CountDownLatch(parts - 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int p = 1; p < parts; p++) {
            int part = p;
            PoolHolder.POOL.execute(() -> {
                try {
                    body.accept(part);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            body.accept(0);
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
