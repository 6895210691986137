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
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Prints the memory bandwidth of the SIMD element-wise kernels on 16M floats next to a STREAM
 * triad ({@code a = b + s * c}) over the same memory and threads. A main, not a test:
 * {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes
 * dev.neurite.kernel.simd.ElementwiseSpeedCheck}.
 */
public final class ElementwiseSpeedCheck {

    private static final long N = 16L << 20;
    private static final VectorSpecies<Float> F = SimdConstants.FLOAT_SPECIES;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private ElementwiseSpeedCheck() {
    }

    public static void main(String[] args) {
        Kernels k = new SimdKernels();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment a = arena.allocate(N * 4, 64);
            MemorySegment b = arena.allocate(N * 4, 64);
            MemorySegment c = arena.allocate(N * 4, 64);
            for (long i = 0; i < N; i++) {
                b.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) Math.sin(i) * 8);
                c.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) Math.cos(i));
            }
            System.out.printf("vector bits %d, threads %d, n = %d floats%n", F.vectorBitSize(), KernelThreads.count(), N);
            for (int round = 0; round < 3; round++) {
                double triad = gbps(3, () -> triad(a, b, c));
                double relu = gbps(2, () -> k.activationForwardF32(Activation.RELU, 0, a, 0, b, 0, N));
                double sigmoid = gbps(2, () -> k.activationForwardF32(Activation.SIGMOID, 0, a, 0, b, 0, N));
                double tanh = gbps(2, () -> k.activationForwardF32(Activation.TANH, 0, a, 0, b, 0, N));
                double exp = gbps(2, () -> k.unaryF32(UnaryOp.EXP, a, 0, b, 0, N));
                double reluBack = gbps(3, () -> k.activationBackwardF32(Activation.RELU, 0, a, 0, c, 0, b, 0, N));
                double sum = gbps(1, () -> k.sumF32(b, 0, N));
                System.out.printf("round %d GB/s: triad %.1f | relu %.1f (%.0f%%) sigmoid %.1f (%.0f%%) tanh %.1f (%.0f%%)"
                                + " exp %.1f reluBackward %.1f sum %.1f%n", round, triad,
                        relu, 100 * relu / triad, sigmoid, 100 * sigmoid / triad, tanh, 100 * tanh / triad,
                        exp, reluBack, sum);
            }
        }
    }

    /** STREAM triad with the same chunking over the kernel threads as the element-wise kernels. */
    private static void triad(MemorySegment a, MemorySegment b, MemorySegment c) {
        if (SimdParallel.worthSplitting(N)) {
            SimdParallel.forElements(N, 4, (from, to) -> triadRange(a, b, c, from, to));
        } else {
            triadRange(a, b, c, 0, N);
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

    /** Median GB/s of repeated runs after a warm-up; {@code streams} arrays of N floats move per run. */
    private static double gbps(int streams, Runnable body) {
        for (int i = 0; i < 15; i++) {
            body.run();
        }
        double[] rates = new double[15];
        for (int r = 0; r < rates.length; r++) {
            long t0 = System.nanoTime();
            body.run();
            rates[r] = streams * N * 4.0 / (System.nanoTime() - t0);
        }
        Arrays.sort(rates);
        return rates[rates.length / 2];
    }
}
