package dev.neurite.kernel.opencl;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * GFLOP/s of the OpenCL float32 GEMM on device-resident buffers (kernel only) and with host
 * transfers. Not a test: run by hand, e.g. with {@code -Dneurite.opencl.device=...} and an
 * optional size argument (default 1024).
 */
public final class OpenClGemmSpeedMain {

    private OpenClGemmSpeedMain() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double flops = 2.0 * size * size * size;
        try (OpenClContext context = OpenClContext.open(); OpenClGemm gemm = new OpenClGemm(context);
             Arena arena = Arena.ofConfined();
             OpenClBuffer a = context.buffer((long) size * size);
             OpenClBuffer b = context.buffer((long) size * size);
             OpenClBuffer c = context.buffer((long) size * size)) {
            System.out.println("device: " + context.device().describe());
            MemorySegment host = arena.allocate(JAVA_FLOAT, (long) size * size);
            for (long i = 0; i < (long) size * size; i++) {
                host.setAtIndex(JAVA_FLOAT, i, (float) Math.sin(i));
            }
            a.write(0, host, 0, (long) size * size);
            b.write(0, host, 0, (long) size * size);
            MemorySegment hostC = arena.allocate(JAVA_FLOAT, (long) size * size);
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                gemm.gemmF32(c, 0, size, a, 0, size, false, b, 0, size, false, size, size, size, 1f, 0f);
                long t1 = System.nanoTime();
                gemm.gemmF32(hostC, 0, size, host, 0, size, false, host, 0, size, false, size, size, size, 1f, 0f);
                long t2 = System.nanoTime();
                System.out.printf("%d^3: device buffers %.2f GFLOP/s, with host transfers %.2f GFLOP/s%n",
                        size, flops / (t1 - t0), flops / (t2 - t1));
            }
        }
    }
}
