package dev.neurite.kernel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The one thread setting of the kernel, {@code -Dneurite.threads} (default: the number of
 * cores), and the pool that multi-threaded kernels share. The same count is handed to OpenBLAS,
 * so the two never oversubscribe the cores.
 *
 * <p>Workers block on a queue when idle (no spinning): on a 2-core machine a spinning worker
 * steals the core the caller needs. Handing work to a parked thread costs tens of microseconds,
 * so kernels split only work that is large enough to pay for it.
 */
public final class KernelThreads {

    /** System property that sets the thread count. */
    public static final String PROPERTY = "neurite.threads";

    private static final int COUNT = readCount();
    private static final ThreadLocal<Boolean> IS_WORKER = ThreadLocal.withInitial(() -> false);

    private KernelThreads() {
    }

    /** The configured number of kernel threads, at least 1. */
    public static int count() {
        return COUNT;
    }

    private static int readCount() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            String env = System.getenv("NEURITE_THREADS");
            value = env == null || env.isBlank() ? null : env;
        }
        if (value == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw new IllegalArgumentException(PROPERTY + " must be >= 1, got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " must be an integer, got '" + value + "'", e);
        }
    }

    private static final class PoolHolder {
        static final ExecutorService POOL = newPool();

        private static ExecutorService newPool() {
            int workers = Math.max(1, COUNT - 1);
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
        if (parts <= 1 || COUNT == 1 || IS_WORKER.get()) {
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
