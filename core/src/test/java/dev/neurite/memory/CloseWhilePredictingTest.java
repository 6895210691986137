package dev.neurite.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.NativeMemory;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Closing a model while other threads predict with it: close waits for the calls in flight, later
 * calls fail with "the model is closed", and everything is freed every time; never an error from
 * close, never a half-freed model.
 */
class CloseWhilePredictingTest {

    private static final int RACES = 200;

    @Test
    void closeDuringPredictionsWaitsForThemAndFreesEverything() throws Exception {
        race("blas", Ops.using("blas"), RACES); // a BLAS downcall holds the memory it works on
        race("simd", Ops.using("simd"), RACES / 4);
        race("scalar", Ops.using("scalar"), RACES / 4);
    }

    private static void race(String backend, Ops ops, int races) {
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try (Tensor x = Tensor.zeros(DType.F32, 64, 256)) {
            x.fill(0.5);
            long bytes = NativeMemory.liveBytes();
            for (int r = 0; r < races; r++) {
                Sequential model = new Sequential(256, r, new Dense(256, 256), new ReLU(), new Dense(256, 10));
                AtomicReference<Throwable> unexpected = new AtomicReference<>();
                CountDownLatch started = new CountDownLatch(2);
                Runnable predicting = () -> ops.run(() -> {
                    started.countDown();
                    try (Tensor out = Tensor.zeros(DType.F32, 64, 10)) {
                        while (true) {
                            model.predict(x, out);
                            completed.incrementAndGet();
                        }
                    } catch (IllegalStateException e) {
                        if (!e.getMessage().equals("predict: the model is closed")) {
                            unexpected.set(e);
                        }
                        refused.incrementAndGet();
                    } catch (Throwable e) {
                        unexpected.set(e);
                    }
                });
                Thread a = Thread.ofPlatform().start(predicting);
                Thread b = Thread.ofPlatform().start(predicting);
                try {
                    started.await();
                    Thread.sleep(0, 100_000 * (r % 5));
                    model.close(); // must not throw, whatever the predicting threads are doing
                    a.join();
                    b.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                assertEquals(null, unexpected.get(), backend + " race " + r);
                assertTrue(model.isClosed());
                assertEquals(bytes, NativeMemory.liveBytes(),
                        backend + " race " + r + ": the closed model's memory was not all freed");
            }
        }
        assertEquals(2 * races, refused.get(), backend + ": every predicting thread ends refused");
        assertTrue(completed.get() > 0, backend);
    }
}
