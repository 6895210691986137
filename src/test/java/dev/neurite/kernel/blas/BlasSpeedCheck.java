package dev.neurite.kernel.blas;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.neurite.kernel.KernelThreads;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

/**
 * Single-threaded sgemm speed through {@link BlasKernels}, measured exactly as
 * {@code bench/native/sgemm_native.c} measures the C call, so that the two show what the FFM
 * binding costs. Not a test: run it by hand (-Dneurite.threads=1 is set if absent).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp target/classes:target/test-classes dev.neurite.kernel.blas.BlasSpeedCheck [runs] [size...]
 * </pre>
 */
public final class BlasSpeedCheck {

    /** Work per timed run, as in the C program: about 50 ms at 80 GFLOP/s. */
    private static final double FLOPS_PER_RUN = 4e9;

    private BlasSpeedCheck() {
    }

    public static void main(String[] args) {
        if (System.getProperty(KernelThreads.PROPERTY) == null) {
            System.setProperty(KernelThreads.PROPERTY, "1");
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int[] sizes = args.length > 1
                ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {256, 512, 1024};
        Kernels blas = new BlasKernels(new ScalarKernels());
        OpenBlasInfo info = OpenBlasInfo.current().orElseThrow();
        System.out.println("ffm:    core " + info.coreName() + "; " + info.config() + "; threads " + info.threads());
        Random random = new Random(42);
        for (int n : sizes) {
            try (Arena arena = Arena.ofConfined()) {
                long len = (long) n * n;
                MemorySegment a = arena.allocate(len * 4, 64);
                MemorySegment b = arena.allocate(len * 4, 64);
                MemorySegment c = arena.allocate(len * 4, 64);
                for (long i = 0; i < len; i++) {
                    a.setAtIndex(JAVA_FLOAT, i, random.nextFloat() - 0.5f);
                    b.setAtIndex(JAVA_FLOAT, i, random.nextFloat() - 0.5f);
                }
                double flops = 2.0 * n * n * n;
                int calls = flops >= FLOPS_PER_RUN ? 1 : (int) (FLOPS_PER_RUN / flops);
                double best = Double.MAX_VALUE;
                for (int r = -2; r < runs; r++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        blas.gemmF32(c, 0, n, a, 0, n, false, b, 0, n, false, n, n, n, 1f, 0f);
                    }
                    double t = (System.nanoTime() - t0) * 1e-9 / calls;
                    if (r >= 0) {
                        best = Math.min(best, t);
                    }
                }
                System.out.printf("ffm    sgemm %4d: %7.2f GFLOP/s (best of %d runs, %d calls each)%n",
                        n, flops / best * 1e-9, runs, calls);
            }
        }
    }
}
