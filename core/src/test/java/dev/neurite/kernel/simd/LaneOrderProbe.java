package dev.neurite.kernel.simd;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

/**
 * Prints the bits of the vector kernels' cross-lane sums on fixed data: softmax rows of a few and of
 * many columns, a sum, a dot product and a small GEMM with transposed B. Run in a JVM that only
 * interprets ({@code -Xint}) and in one whose JIT has compiled the kernels, the lines must agree.
 */
public final class LaneOrderProbe {

    private LaneOrderProbe() {
    }

    /** The probe's lines, after {@code warmUp} extra rounds of the same calls (to get them compiled). */
    static String run(int warmUp) {
        SimdKernels k = new SimdKernels();
        StringBuilder out = new StringBuilder();
        try (Arena arena = Arena.ofConfined()) {
            Random r = new Random(3);
            int rows = 4;
            MemorySegment x = arena.allocate(ValueLayout.JAVA_FLOAT, 4 * 37);
            MemorySegment y = arena.allocate(ValueLayout.JAVA_FLOAT, 4 * 37);
            MemorySegment c = arena.allocate(ValueLayout.JAVA_FLOAT, 3);
            for (int i = 0; i < 4 * 37; i++) {
                x.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (3 * r.nextGaussian()));
            }
            for (int round = 0; round <= warmUp; round++) {
                k.softmaxRowsF32(y, 0, 3, x, 0, 3, rows, 3);
                float s3 = y.getAtIndex(ValueLayout.JAVA_FLOAT, 1);
                k.softmaxRowsF32(y, 0, 37, x, 0, 37, rows, 37);
                float s37 = y.getAtIndex(ValueLayout.JAVA_FLOAT, 40);
                float sum = k.sumF32(x, 0, 4 * 37);
                float dot = k.dotF32(x, 0, x, 0, 4 * 37);
                k.gemmF32(c, 0, 3, x, 0, 37, false, x, 37, 37, true, 1, 3, 37, 1f, 0f);
                if (round == warmUp) {
                    out.append(Integer.toHexString(Float.floatToRawIntBits(s3))).append(' ')
                            .append(Integer.toHexString(Float.floatToRawIntBits(s37))).append(' ')
                            .append(Integer.toHexString(Float.floatToRawIntBits(sum))).append(' ')
                            .append(Integer.toHexString(Float.floatToRawIntBits(dot))).append(' ')
                            .append(Integer.toHexString(Float.floatToRawIntBits(c.getAtIndex(ValueLayout.JAVA_FLOAT, 2))));
                }
            }
        }
        return out.toString();
    }

    public static void main(String[] args) {
        System.out.println("PROBE " + run(0));
    }
}
