package dev.neurite.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SpinPoolTest {

    /** A pool with more workers than this machine may have cores, so parts really interleave. */
    private static final SpinPool POOL = new SpinPool(3);

    @Test
    void everyPartRunsExactlyOnceAcrossManyCalls() {
        for (int call = 0; call < 20_000; call++) {
            int parts = 1 + call % 9;
            AtomicIntegerArray ran = new AtomicIntegerArray(parts);
            POOL.run(parts, ran::incrementAndGet);
            for (int p = 0; p < parts; p++) {
                assertEquals(1, ran.get(p), "call " + call + " part " + p);
            }
        }
    }

    @Test
    void callsAfterTheWorkersParkedStillRunEverything() throws InterruptedException {
        for (int call = 0; call < 5; call++) {
            Thread.sleep(SpinPool.SPIN_NANOS / 1_000_000 + 5); // past the spin: workers park
            AtomicIntegerArray ran = new AtomicIntegerArray(4);
            POOL.run(4, ran::incrementAndGet);
            for (int p = 0; p < 4; p++) {
                assertEquals(1, ran.get(p));
            }
        }
    }

    @Test
    void concurrentCallersAndNestedCallsEachGetAllTheirParts() throws Exception {
        int callers = 4;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int call = 0; call < 2_000; call++) {
                        AtomicIntegerArray ran = new AtomicIntegerArray(6);
                        // each outer part makes a nested call: it runs inline, never deadlocks
                        POOL.run(3, p -> POOL.run(2, q -> ran.incrementAndGet(2 * p + q)));
                        for (int i = 0; i < 6; i++) {
                            if (ran.get(i) != 1) {
                                throw new AssertionError("part " + i + " ran " + ran.get(i) + " times");
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void theFirstFailureIsRethrownAfterEveryOtherPartFinished() {
        AtomicIntegerArray ran = new AtomicIntegerArray(8);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> POOL.run(8, p -> {
            ran.incrementAndGet(p);
            if (p == 5) {
                throw new IllegalStateException("part 5 failed");
            }
        }));
        assertEquals("part 5 failed", e.getMessage());
        for (int p = 0; p < 8; p++) {
            assertEquals(1, ran.get(p));
        }
        // the pool stays usable after a failed call
        AtomicIntegerArray again = new AtomicIntegerArray(2);
        POOL.run(2, again::incrementAndGet);
        assertTrue(again.get(0) == 1 && again.get(1) == 1);
    }
}
