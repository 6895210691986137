package dev.neurite.kernel.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One {@link OpenClKernels} shared by several threads: every call must give the bits it gives
 * when the same calls run one after another, although the threads share one queue, the kernels'
 * argument slots and the scratch buffers (grown by whichever call needs more).
 */
class OpenClKernelsConcurrencyTest {

    private static final int THREADS = 4;
    private static final int CALLS_PER_THREAD = 200;
    /** Kinds of call mixed into the sequence; see {@link #run}. */
    private static final int KINDS = 8;

    @Test
    void concurrentCallsGiveTheSingleThreadedResults() throws Exception {
        OpenClDevicesTest.devicesOrFail();
        try (OpenClKernels kernels = new OpenClKernels()) {
            int calls = THREADS * CALLS_PER_THREAD;
            List<byte[]> alone = new ArrayList<>();
            for (int c = 0; c < calls; c++) {
                alone.add(run(kernels, c));
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<byte[]>>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int first = t * CALLS_PER_THREAD;
                    futures.add(pool.submit(() -> {
                        start.await();
                        List<byte[]> results = new ArrayList<>();
                        for (int c = first; c < first + CALLS_PER_THREAD; c++) {
                            results.add(run(kernels, c));
                        }
                        return results;
                    }));
                }
                start.countDown();
                for (int t = 0; t < THREADS; t++) {
                    List<byte[]> results = futures.get(t).get();
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        int c = t * CALLS_PER_THREAD + i;
                        assertArrayEquals(alone.get(c), results.get(i), "call " + c + " (kind " + c % KINDS + ")");
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Call number {@code c}: its kind, sizes and data follow from {@code c} alone, so any thread
     * can make it; returns the output's bytes.
     */
    private static byte[] run(OpenClKernels k, int c) {
        Random random = new Random(1000L + c);
        int n = 1 + random.nextInt(3000);
        try (Arena arena = Arena.ofConfined()) {
            int kind = c % KINDS;
            boolean f32 = kind != 1 && kind != 3 && kind != 7;
            MemorySegment x = uniform(arena, f32, n, random);
            MemorySegment y = uniform(arena, f32, n, random);
            MemorySegment out = uniform(arena, f32, n, random);
            switch (kind) {
                case 0 -> k.axpyF32(out, 0, 0.5f, x, 0, n);
                case 1 -> k.binaryF64(BinaryOp.DIV, out, 0, x, 0, y, 0, n);
                case 2 -> k.activationForwardF32(Activation.TANH, 0, out, 0, x, 0, n);
                case 3 -> {
                    int cols = 1 + random.nextInt(60);
                    k.addRowVectorActivationF64(Activation.LEAKY_RELU, 0.1, out, 0, cols, x, 0, cols, y, 0,
                            n / cols, cols);
                }
                case 4 -> {
                    int cols = 1 + random.nextInt(60);
                    k.columnSumsF32(out, 0, x, 0, cols, n / cols, cols);
                }
                case 5 -> {
                    MemorySegment v = uniform(arena, true, n, random);
                    for (long i = 0; i < n; i++) {
                        v.setAtIndex(ValueLayout.JAVA_FLOAT, i, Math.abs(v.getAtIndex(ValueLayout.JAVA_FLOAT, i)));
                    }
                    k.adamUpdateF32(out, 0, y, 0, v, 0, x, 0, n, 0.01f, 0.9f, 0.999f, 1e-8f, 0.05f, 0.01f, 0, 1);
                    return concat(out, y, v);
                }
                case 6 -> {
                    int m = 1 + random.nextInt(40);
                    int kk = 1 + random.nextInt(40);
                    int cols = Math.min(n / kk, 40);
                    if (m * kk <= n && m * cols <= n && cols > 0) {
                        k.gemmF32(out, 0, cols, x, 0, kk, false, y, 0, cols, false, m, cols, kk, 1.5f, 0.5f);
                    }
                }
                default -> k.clampF64(out, 0, x, 0, n, -0.25, 0.5);
            }
            return concat(out);
        }
    }

    private static MemorySegment uniform(Arena arena, boolean f32, int n, Random random) {
        MemorySegment s = arena.allocate((long) n * (f32 ? 4 : 8), 8);
        for (long i = 0; i < n; i++) {
            if (f32) {
                s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (2 * random.nextDouble() - 1));
            } else {
                s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, 2 * random.nextDouble() - 1);
            }
        }
        return s;
    }

    private static byte[] concat(MemorySegment... segments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (MemorySegment s : segments) {
            bytes.writeBytes(s.toArray(ValueLayout.JAVA_BYTE));
        }
        return bytes.toByteArray();
    }
}
