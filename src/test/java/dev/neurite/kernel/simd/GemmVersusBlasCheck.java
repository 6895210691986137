package dev.neurite.kernel.simd;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.neurite.kernel.KernelThreads;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.blas.BlasKernels;
import dev.neurite.kernel.blas.OpenBlasInfo;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@link SimdGemmF32} side by side with the OpenBLAS backend on the same operands, in GFLOP/s.
 * Not a test: run it by hand, e.g.
 * {@code java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
 * -Dneurite.threads=1 -cp target/classes:target/test-classes dev.neurite.kernel.simd.GemmVersusBlasCheck
 * [shape-name-prefix...]}.
 *
 * <p>Each shape is warmed up on both backends, then timed in alternating rounds so that load from
 * other processes on a shared machine hits both alike; the best round of each is reported.
 * {@code -Dcheck.warmup=seconds} and {@code -Dcheck.rounds=count} tune the effort.
 */
public final class GemmVersusBlasCheck {

    private static final double WARMUP_SECONDS = Double.parseDouble(System.getProperty("check.warmup", "3.0"));
    private static final double MAX_WARMUP_SECONDS = 10;
    private static final int ROUNDS = Integer.getInteger("check.rounds", 7);
    /** Target duration of one timed round. */
    private static final double ROUND_SECONDS = 0.05;

    private record Shape(String name, int m, int n, int k, boolean transA, boolean transB) {
    }

    private GemmVersusBlasCheck() {
    }

    private static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        for (int s : new int[] {64, 128, 256, 512, 1024}) {
            shapes.add(new Shape("square" + s, s, s, s, false, false));
        }
        shapes.add(new Shape("fwd-l1", 128, 256, 784, false, false));
        shapes.add(new Shape("fwd-l2", 128, 128, 256, false, false));
        shapes.add(new Shape("fwd-l3", 128, 10, 128, false, false));
        shapes.add(new Shape("dW-l1", 784, 256, 128, true, false));
        shapes.add(new Shape("dW-l2", 256, 128, 128, true, false));
        shapes.add(new Shape("dW-l3", 128, 10, 128, true, false));
        shapes.add(new Shape("dX-l1", 128, 784, 256, false, true));
        shapes.add(new Shape("dX-l2", 128, 256, 128, false, true));
        shapes.add(new Shape("dX-l3", 128, 128, 10, false, true));
        shapes.add(new Shape("b1-l1", 1, 256, 784, false, false));
        shapes.add(new Shape("b1-l2", 1, 128, 256, false, false));
        shapes.add(new Shape("b1-l3", 1, 10, 128, false, false));
        shapes.add(new Shape("b1-dX-l2", 1, 256, 128, false, true));
        shapes.add(new Shape("b1-dX-l1", 1, 784, 256, false, true));
        return shapes;
    }

    public static void main(String[] args) throws IOException {
        Kernels blas = new BlasKernels(new SimdKernels());
        System.out.println(OpenBlasInfo.describe());
        System.out.printf("lanes=%d threads=%d warmup=%.1fs rounds=%d loadavg: %s%n",
                GemmF32MicroKernel.LANES, KernelThreads.count(), WARMUP_SECONDS, ROUNDS, loadAverage());
        System.out.printf("%-10s %-16s %5s %10s %10s %7s%n", "shape", "MxNxK", "op", "simd", "blas", "ratio");
        try (Arena arena = Arena.ofShared()) {
            for (Shape s : shapes()) {
                if (!selected(s, args)) {
                    continue;
                }
                run(arena, blas, s);
            }
        }
        if (KernelThreads.count() > 1 && selected(new Shape("scaling", 0, 0, 0, false, false), args)) {
            try (Arena arena = Arena.ofShared()) {
                scaling(arena, 1024);
            }
        }
        System.out.println("loadavg: " + loadAverage());
    }

    /**
     * The simd GEMM at {@code size}^3 on one part against all kernel threads, alternating in one
     * process, best round of each: the speed-up from splitting.
     */
    private static void scaling(Arena arena, int size) throws IOException {
        MemorySegment a = random(arena, (long) size * size, 1);
        MemorySegment b = random(arena, (long) size * size, 2);
        MemorySegment c = random(arena, (long) size * size, 3);
        int threads = KernelThreads.count();
        Runnable one = () -> SimdGemmF32.gemm(c, 0, size, a, 0, size, false, b, 0, size, false,
                size, size, size, 1f, 0f, 1);
        Runnable all = () -> SimdGemmF32.gemm(c, 0, size, a, 0, size, false, b, 0, size, false,
                size, size, size, 1f, 0f, threads);
        warmUp(one);
        warmUp(all);
        double flops = 2.0 * size * size * size;
        int calls = callsPerRound(one);
        double bestOne = 0;
        double bestAll = 0;
        for (int r = 0; r < ROUNDS; r++) {
            bestOne = Math.max(bestOne, gflops(one, calls, flops));
            bestAll = Math.max(bestAll, gflops(all, 2 * calls, flops));
        }
        System.out.printf("scaling %d^3: 1 part %.2f, %d parts %.2f GFLOP/s, speed-up %.2f (loadavg %s)%n",
                size, bestOne, threads, bestAll, bestAll / bestOne, loadAverage());
    }

    private static boolean selected(Shape s, String[] prefixes) {
        if (prefixes.length == 0) {
            return true;
        }
        for (String p : prefixes) {
            if (s.name().startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static void run(Arena arena, Kernels blas, Shape s) {
        int m = s.m();
        int n = s.n();
        int k = s.k();
        boolean ta = s.transA();
        boolean tb = s.transB();
        long lda = ta ? m : k;
        long ldb = tb ? k : n;
        MemorySegment a = random(arena, (long) m * k, 1);
        MemorySegment b = random(arena, (long) k * n, 2);
        MemorySegment c = random(arena, (long) m * n, 3);
        Runnable simdCall = () -> SimdGemmF32.gemm(c, 0, n, a, 0, lda, ta, b, 0, ldb, tb, m, n, k, 1f, 0f);
        Runnable blasCall = () -> blas.gemmF32(c, 0, n, a, 0, lda, ta, b, 0, ldb, tb, m, n, k, 1f, 0f);
        double flops = 2.0 * m * n * k;
        warmUp(simdCall);
        warmUp(blasCall);
        int calls = callsPerRound(simdCall);
        double simd = 0;
        double ref = 0;
        for (int r = 0; r < ROUNDS; r++) {
            simd = Math.max(simd, gflops(simdCall, calls, flops));
            ref = Math.max(ref, gflops(blasCall, calls, flops));
        }
        System.out.printf("%-10s %-16s %5s %10.2f %10.2f %7.2f%n", s.name(), m + "x" + n + "x" + k,
                (ta ? "T" : "N") + (tb ? "T" : "N"), simd, ref, simd / ref);
    }

    /**
     * Runs {@code call} for at least the warm-up time, then for as long as the speed still
     * rises (the JIT on a busy machine may take seconds to reach its last tier), at most
     * {@link #MAX_WARMUP_SECONDS}.
     */
    private static void warmUp(Runnable call) {
        long start = System.nanoTime();
        long minEnd = start + (long) (WARMUP_SECONDS * 1e9);
        long maxEnd = start + (long) (MAX_WARMUP_SECONDS * 1e9);
        double previous = 0;
        while (true) {
            long t0 = System.nanoTime();
            int calls = 0;
            while (System.nanoTime() - t0 < 100_000_000L) {
                call.run();
                calls++;
            }
            long now = System.nanoTime();
            double rate = calls / (double) (now - t0);
            if (now >= maxEnd || (now >= minEnd && rate < previous * 1.03)) {
                return;
            }
            previous = Math.max(previous, rate);
        }
    }

    private static int callsPerRound(Runnable call) {
        long t0 = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() - t0 < 10_000_000L) {
            call.run();
            calls++;
        }
        double perCall = (System.nanoTime() - t0) / 1e9 / calls;
        return (int) Math.max(1, ROUND_SECONDS / perCall);
    }

    private static double gflops(Runnable call, int calls, double flops) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return flops * calls / (System.nanoTime() - t0);
    }

    private static String loadAverage() throws IOException {
        Path p = Path.of("/proc/loadavg");
        return Files.exists(p) ? Files.readString(p).trim() : "n/a";
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
