package dev.neurite.kernel.simd;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.neurite.kernel.KernelThreads;
import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;

/**
 * Throughput of {@link SimdGemmF32} in GFLOP/s, on one thread and on all kernel threads, beside
 * the scalar reference for the small sizes. Not a test: run it by hand, e.g.
 * {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes
 * dev.neurite.kernel.simd.GemmF32Benchmark [sizes...]}.
 */
public final class GemmF32Benchmark {

    private static final int REPEATS = 7;
    /** Aim for roughly this much work per timed repeat, so small sizes are not all timer noise. */
    private static final double FLOPS_PER_REPEAT = 2e9;

    private GemmF32Benchmark() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {32, 64, 128, 256, 512, 1024}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        ScalarKernels scalar = new ScalarKernels();
        System.out.printf("lanes=%d threads=%d%n", GemmF32MicroKernel.LANES, KernelThreads.count());
        System.out.printf("%6s %5s %12s %12s %12s%n", "n", "trans", "simd-1t", "simd-all", "scalar");
        try (Arena arena = Arena.ofShared()) {
            for (int n : sizes) {
                for (int t = 0; t < 4; t += 3) {
                    boolean tr = t == 3;
                    MemorySegment a = random(arena, (long) n * n, 1);
                    MemorySegment b = random(arena, (long) n * n, 2);
                    MemorySegment c = random(arena, (long) n * n, 3);
                    double flops = 2.0 * n * n * n;
                    int calls = (int) Math.max(1, FLOPS_PER_REPEAT / flops);
                    double one = best(calls, flops, () -> SimdGemmF32.gemm(c, 0, n, a, 0, n, tr, b, 0, n, tr,
                            n, n, n, 1f, 0f, 1));
                    double all = best(calls, flops, () -> SimdGemmF32.gemm(c, 0, n, a, 0, n, tr, b, 0, n, tr,
                            n, n, n, 1f, 0f));
                    String ref = "-";
                    if (n <= 128) {
                        int scalarCalls = Math.max(1, calls / 50);
                        ref = String.format("%12.2f", best(scalarCalls, flops, () -> scalar.gemmF32(c, 0, n,
                                a, 0, n, tr, b, 0, n, tr, n, n, n, 1f, 0f)));
                    }
                    System.out.printf("%6d %5s %12.2f %12.2f %12s%n", n, tr ? "TT" : "NN", one, all, ref);
                }
            }
            if (args.length == 0) {
                mlpShapes(arena);
            }
        }
    }

    /** The three products of a dense layer 784 -> 128 on a batch of 64: forward, dW, dX. */
    private static void mlpShapes(Arena arena) {
        int batch = 64;
        int in = 784;
        int out = 128;
        MemorySegment x = random(arena, (long) batch * in, 4);
        MemorySegment w = random(arena, (long) in * out, 5);
        MemorySegment y = random(arena, (long) batch * out, 6);
        MemorySegment dw = random(arena, (long) in * out, 7);
        MemorySegment dx = random(arena, (long) batch * in, 8);
        double flops = 2.0 * batch * in * out;
        int calls = (int) Math.max(1, FLOPS_PER_REPEAT / flops);
        System.out.printf("%-28s %12s %12s%n", "dense 784->128, batch 64", "simd-1t", "simd-all");
        System.out.printf("%-28s %12.2f %12.2f%n", "forward Y = X W (NN)",
                best(calls, flops, () -> SimdGemmF32.gemm(y, 0, out, x, 0, in, false, w, 0, out, false,
                        batch, out, in, 1f, 0f, 1)),
                best(calls, flops, () -> SimdGemmF32.gemm(y, 0, out, x, 0, in, false, w, 0, out, false,
                        batch, out, in, 1f, 0f)));
        System.out.printf("%-28s %12.2f %12.2f%n", "dW = X^T dY (TN)",
                best(calls, flops, () -> SimdGemmF32.gemm(dw, 0, out, x, 0, in, true, y, 0, out, false,
                        in, out, batch, 1f, 0f, 1)),
                best(calls, flops, () -> SimdGemmF32.gemm(dw, 0, out, x, 0, in, true, y, 0, out, false,
                        in, out, batch, 1f, 0f)));
        System.out.printf("%-28s %12.2f %12.2f%n", "dX = dY W^T (NT)",
                best(calls, flops, () -> SimdGemmF32.gemm(dx, 0, in, y, 0, out, false, w, 0, out, true,
                        batch, in, out, 1f, 0f, 1)),
                best(calls, flops, () -> SimdGemmF32.gemm(dx, 0, in, y, 0, out, false, w, 0, out, true,
                        batch, in, out, 1f, 0f)));
    }

    /** Best of {@link #REPEATS} timings of {@code calls} calls, in GFLOP/s, after one warm-up round. */
    private static double best(int calls, double flops, Runnable call) {
        double best = 0;
        for (int r = 0; r <= REPEATS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                call.run();
            }
            long dt = System.nanoTime() - t0;
            if (r > 0) {
                best = Math.max(best, flops * calls / dt);
            }
        }
        return best;
    }

    private static MemorySegment random(Arena arena, long count, long seed) {
        Random rnd = new Random(seed);
        MemorySegment s = arena.allocate(JAVA_FLOAT, count);
        for (long i = 0; i < count; i++) {
            s.setAtIndex(JAVA_FLOAT, i, rnd.nextFloat() - 0.5f);
        }
        return s;
    }
}
