package dev.neurite.kernel.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * GFLOP/s of the OpenCL GEMM on device-resident square matrices (kernel only; median and best over
 * the rounds) and once with host transfers. Not a test: run by hand, e.g.
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes
 * dev.neurite.kernel.opencl.OpenClGemmSpeedMain 4096 5 f32 [packed|coop,tm,tn,tk,wm,wn,vm,vn,padA,padB ...]}
 * with {@code -Dneurite.opencl.device=...} to pick the device. Arguments: size (default 1024),
 * rounds (default 5), {@code f32} or {@code f64} optionally followed by {@code -nt}, {@code -tn} or
 * {@code -tt} (B, A or both transposed), then tile configurations to compare; without one the
 * device's default tiles run. Configurations alternate within each round, so that a shared
 * machine's changing load spreads over all of them.
 */
public final class OpenClGemmSpeedMain {

    private OpenClGemmSpeedMain() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String mode = args.length > 2 ? args[2].toLowerCase(Locale.ROOT) : "f32";
        ClType precision = mode.startsWith("f64") ? ClType.FLOAT64 : ClType.FLOAT32;
        boolean transA = mode.endsWith("-tn") || mode.endsWith("-tt");
        boolean transB = mode.endsWith("-nt") || mode.endsWith("-tt");
        long count = (long) size * size;
        double flops = 2.0 * size * size * size;
        try (OpenClContext context = OpenClContext.open(); Arena arena = Arena.ofConfined();
             OpenClBuffer a = context.buffer(precision, count);
             OpenClBuffer b = context.buffer(precision, count);
             OpenClBuffer c = context.buffer(precision, count)) {
            OpenClDevice device = context.device();
            System.out.println("device: " + device.describe());
            GemmTiles defaults = OpenClGemm.tilesFor(device, precision);
            List<GemmTiles> candidates = new ArrayList<>();
            for (int i = 3; i < args.length; i++) {
                candidates.add(GemmTiles.parse(args[i], defaults));
            }
            MemorySegment host = arena.allocate(count * precision.bytes(), 8);
            for (long i = 0; i < count; i++) {
                if (precision == ClType.FLOAT64) {
                    host.setAtIndex(ValueLayout.JAVA_DOUBLE, i, Math.sin(i));
                } else {
                    host.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) Math.sin(i));
                }
            }
            a.write(0, host, 0, count);
            b.write(0, host, 0, count);
            List<OpenClGemm> gemms = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (candidates.isEmpty()) {
                OpenClGemm gemm = new OpenClGemm(context); // the device's own choice for this size
                gemms.add(gemm);
                names.add("default " + gemm.tiles(precision, size, size));
            }
            for (GemmTiles tiles : candidates) {
                gemms.add(precision == ClType.FLOAT64
                        ? new OpenClGemm(context, OpenClGemm.tilesFor(device, ClType.FLOAT32), tiles)
                        : new OpenClGemm(context, tiles, GemmTiles.MINIMAL));
                names.add(tiles.toString());
            }
            for (OpenClGemm gemm : gemms) {
                gemm.gemm(c, 0, size, a, 0, size, transA, b, 0, size, transB, size, size, size, 1, 0); // build
                context.finish();
            }
            double[][] rates = new double[gemms.size()][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int g = 0; g < gemms.size(); g++) {
                    long t0 = System.nanoTime();
                    gemms.get(g).gemm(c, 0, size, a, 0, size, transA, b, 0, size, transB, size, size, size, 1, 0);
                    context.finish();
                    rates[g][r] = flops / (System.nanoTime() - t0);
                }
            }
            MemorySegment hostC = arena.allocate(count * precision.bytes(), 8);
            String what = precision + (transA ? " A^T" : "") + (transB ? " B^T" : "") + " " + size + "^3";
            for (int g = 0; g < gemms.size(); g++) {
                OpenClGemm gemm = gemms.get(g);
                long t0 = System.nanoTime();
                if (precision == ClType.FLOAT64) {
                    gemm.gemmF64(hostC, 0, size, host, 0, size, transA, host, 0, size, transB, size, size, size, 1, 0);
                } else {
                    gemm.gemmF32(hostC, 0, size, host, 0, size, transA, host, 0, size, transB, size, size, size,
                            1f, 0f);
                }
                double withHost = flops / (System.nanoTime() - t0);
                double[] sorted = rates[g].clone();
                Arrays.sort(sorted);
                System.out.printf("%s %s: median %.1f GFLOP/s, best %.1f (%d rounds); with host transfers %.1f%n",
                        what, names.get(g), sorted[rounds / 2], sorted[rounds - 1], rounds, withHost);
                gemm.close();
            }
        }
    }
}
