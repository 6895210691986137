package dev.neurite.kernel.simd;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.KernelThreads;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.UnaryOp;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Prints the memory bandwidth of the SIMD element-wise kernels next to a STREAM triad
 * ({@code a = b + s * c}) over the same memory and threads, each op also as a percentage of the
 * triad measured in the same round. A main, not a test:
 * {@code java --add-modules jdk.incubator.vector -Dneurite.threads=1 -cp target/classes:target/test-classes
 * dev.neurite.kernel.simd.ElementwiseSpeedCheck [rounds [floats...]]} (default: 5 rounds on 1M
 * and 16M floats). Softmax runs on 1024 rows of 1000 and counts its input and output once.
 */
public final class ElementwiseSpeedCheck {

    private static final VectorSpecies<Float> F = SimdConstants.FLOAT_SPECIES;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final int SOFTMAX_ROWS = 1024;
    private static final int SOFTMAX_COLS = 1000;
    /** Each timing runs the body for at least this long, so small sizes are not all timer noise. */
    private static final long MIN_NANOS = 20_000_000;

    private ElementwiseSpeedCheck() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToLong(Long::parseLong).toArray()
                : new long[] {1L << 20, 16L << 20};
        Kernels k = new SimdKernels();
        System.out.printf("vector bits %d, threads %d, loadavg %s%n", F.vectorBitSize(), KernelThreads.count(), loadAverage());
        try (Arena arena = Arena.ofShared()) {
            for (long n : sizes) {
                run(k, arena, n, rounds);
            }
        }
        System.out.printf("loadavg %s%n", loadAverage());
    }

    private static void run(Kernels k, Arena arena, long n, int rounds) {
        MemorySegment a = arena.allocate(n * 4, 64);
        MemorySegment b = arena.allocate(n * 4, 64);
        MemorySegment c = arena.allocate(n * 4, 64);
        for (long i = 0; i < n; i++) {
            b.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) Math.sin(i) * 8);
            c.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) Math.cos(i));
        }
        long sm = (long) SOFTMAX_ROWS * SOFTMAX_COLS;
        Map<String, Double> best = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            Map<String, Double> r = new LinkedHashMap<>();
            r.put("triad", gbps(3 * n, () -> triad(a, b, c, n)));
            r.put("relu", gbps(2 * n, () -> k.activationForwardF32(Activation.RELU, 0, a, 0, b, 0, n)));
            r.put("sigmoid", gbps(2 * n, () -> k.activationForwardF32(Activation.SIGMOID, 0, a, 0, b, 0, n)));
            r.put("tanh", gbps(2 * n, () -> k.activationForwardF32(Activation.TANH, 0, a, 0, b, 0, n)));
            r.put("exp", gbps(2 * n, () -> k.unaryF32(UnaryOp.EXP, a, 0, b, 0, n)));
            r.put("softmax", gbps(2 * sm, () -> k.softmaxRowsF32(a, 0, SOFTMAX_COLS, b, 0, SOFTMAX_COLS,
                    SOFTMAX_ROWS, SOFTMAX_COLS)));
            double triad = r.get("triad");
            StringBuilder line = new StringBuilder(String.format("n=%d round %d GB/s: triad %.1f", n, round, triad));
            for (Map.Entry<String, Double> e : r.entrySet()) {
                double gb = e.getValue();
                if (!e.getKey().equals("triad")) {
                    line.append(String.format(" | %s %.1f (%.0f%%)", e.getKey(), gb, 100 * gb / triad));
                }
                best.merge(e.getKey(), gb, Math::max);
            }
            System.out.println(line);
        }
        // best of the rounds for each, so a round slowed down by other load does not count
        double bestTriad = best.get("triad");
        StringBuilder line = new StringBuilder(String.format("n=%d best of %d rounds GB/s: triad %.1f", n, rounds, bestTriad));
        best.forEach((name, gb) -> {
            if (!name.equals("triad")) {
                line.append(String.format(" | %s %.1f (%.0f%%)", name, gb, 100 * gb / bestTriad));
            }
        });
        System.out.println(line);
    }

    /** STREAM triad with the same chunking over the kernel threads as the element-wise kernels. */
    private static void triad(MemorySegment a, MemorySegment b, MemorySegment c, long n) {
        if (SimdParallel.worthSplitting(n)) {
            SimdParallel.forElements(n, 4, (from, to) -> triadRange(a, b, c, from, to));
        } else {
            triadRange(a, b, c, 0, n);
        }
    }

    private static void triadRange(MemorySegment a, MemorySegment b, MemorySegment c, long from, long to) {
        long i = from;
        long bound = from + F.loopBound(to - from);
        for (; i < bound; i += F.length()) {
            FloatVector.fromMemorySegment(F, c, i << 2, ORDER).mul(3f).add(FloatVector.fromMemorySegment(F, b, i << 2, ORDER))
                    .intoMemorySegment(a, i << 2, ORDER);
        }
        for (; i < to; i++) {
            a.setAtIndex(ValueLayout.JAVA_FLOAT, i,
                    b.getAtIndex(ValueLayout.JAVA_FLOAT, i) + 3f * c.getAtIndex(ValueLayout.JAVA_FLOAT, i));
        }
    }

    /**
     * Median GB/s of 9 timings after a warm-up; {@code floats} is the number of floats read and
     * written by one run of the body.
     */
    private static double gbps(long floats, Runnable body) {
        long t0 = System.nanoTime();
        int reps = 0;
        do {
            body.run();
            reps++;
        } while (reps < 15 || System.nanoTime() - t0 < 2 * MIN_NANOS);
        int inner = (int) Math.max(1, MIN_NANOS * reps / (System.nanoTime() - t0));
        double[] rates = new double[9];
        for (int r = 0; r < rates.length; r++) {
            long s = System.nanoTime();
            for (int i = 0; i < inner; i++) {
                body.run();
            }
            rates[r] = inner * floats * 4.0 / (System.nanoTime() - s);
        }
        Arrays.sort(rates);
        return rates[rates.length / 2];
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
