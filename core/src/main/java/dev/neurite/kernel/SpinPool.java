package dev.neurite.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The kernel threads' pool: a fixed set of daemon workers and one call at a time.
 *
 * <p>A training step makes about fifteen kernel calls of 5 to 500 us each, so the hand-off must
 * cost about a microsecond, not the tens of microseconds of waking a parked thread. After a call,
 * a worker spins for {@link #SPIN_NANOS} waiting for the next one and only then parks. The spin is
 * bounded, and only Neurite's workers run kernels: OpenBLAS runs single-threaded inside their
 * parts, so no worker spins against another library's pool.
 *
 * <p>Parts are claimed from a shared counter, the caller included: when a worker is slow to wake
 * (parked, or descheduled on a busy machine), the caller runs its parts instead of waiting, so a
 * split call is never much slower than running it serially. Which thread computes a part never
 * changes what it computes.
 *
 * <p>The pool serves one call at a time; a call that finds it busy (another application thread,
 * or a part calling back into the kernels) runs all its parts on its own thread, which is what the
 * busy cores would allow anyway.
 */
final class SpinPool {

    /** How long an idle worker waits for the next call before it parks: a few kernel calls' gap. */
    static final long SPIN_NANOS = 200_000;

    /** Parts per call that the claim word can count; a call with more runs on its caller. */
    static final int MAX_PARTS = (1 << 20) - 1;

    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();

    /**
     * The current call in one word, so a part is claimed by one compare-and-set that also proves
     * the call is still the one the claimer saw: generation (24 bits), parts (20), next part (20).
     */
    private final AtomicLong claim = new AtomicLong();
    // Written by the caller before it publishes the claim word; read after a successful claim,
    // which proves the call is unfinished and so these still belong to it.
    private IntConsumer body;
    private final AtomicInteger unfinished = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Thread waiter;
    private int generation;


    SpinPool(int workerCount) {
        workers = new Worker[workerCount];
        for (int i = 0; i < workerCount; i++) {
            workers[i] = new Worker(this, i);
            workers[i].start();
        }
    }

    /** Whether the current thread is one of the kernel workers (nested calls run inline). */
    static boolean isWorker() {
        return Thread.currentThread() instanceof Worker;
    }

    /**
     * Runs {@code body.accept(p)} for every {@code p} in {@code [0, parts)} and returns when all
     * are done; the first exception of any part is rethrown.
     */
    void run(int parts, IntConsumer body) {
        if (parts > MAX_PARTS || isWorker() || !busy.compareAndSet(false, true)) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        try {
            this.body = body;
            failure.set(null);
            unfinished.set(parts);
            waiter = Thread.currentThread();
            generation = (generation + 1) & 0xFF_FFFF;
            claim.set(((long) generation << 40) | ((long) parts << 20)); // publishes the fields above
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            work();
            awaitParts();
            rethrow(failure.get());
        } finally {
            this.body = null;
            waiter = null;
            busy.set(false);
        }
    }

    /** Generation of the call in the claim word. */
    private static long generationOf(long word) {
        return word >>> 40;
    }

    /** Claims and runs parts of the current call until none is left. */
    private void work() {
        while (true) {
            long word = claim.get();
            int parts = (int) (word >>> 20) & MAX_PARTS;
            int part = (int) word & MAX_PARTS;
            if (part >= parts) {
                return;
            }
            if (!claim.compareAndSet(word, word + 1)) {
                continue;
            }
            try {
                body.accept(part);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
            if (unfinished.decrementAndGet() == 0) {
                Thread w = waiter;
                if (w != null && w != Thread.currentThread()) {
                    LockSupport.unpark(w);
                }
            }
        }
    }

    /** Waits for the parts that workers are still running: spins briefly, then parks. */
    private void awaitParts() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        boolean interrupted = false;
        while (unfinished.get() > 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 100_000);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable t) {
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

    /** A kernel worker: runs the parts it claims, spins for the next call, then parks. */
    private static final class Worker extends Thread {
        private final SpinPool pool;
        volatile boolean parked;

        Worker(SpinPool pool, int index) {
            super("neurite-kernel-" + index);
            this.pool = pool;
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = generationOf(pool.claim.get());
            while (true) {
                seen = awaitCall(seen);
                pool.work();
            }
        }

        /** Returns the generation of the next call after {@code seen}. */
        private long awaitCall(long seen) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                long g = generationOf(pool.claim.get());
                if (g != seen) {
                    return g;
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                // re-read after announcing: a call published before `parked` was set is seen here,
                // one published after it unparks this thread
                if (generationOf(pool.claim.get()) == seen) {
                    LockSupport.park(pool);
                }
                parked = false;
                spinUntil = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
