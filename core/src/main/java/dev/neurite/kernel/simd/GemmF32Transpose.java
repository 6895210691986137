package dev.neurite.kernel.simd;

import static dev.neurite.kernel.simd.GemmF32MicroKernel.LANES;
import static dev.neurite.kernel.simd.GemmF32MicroKernel.NR;
import static dev.neurite.kernel.simd.GemmF32MicroKernel.SPECIES;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

/**
 * Packs a micro-panel of a transposed {@code B} ({@code op(B) = B^T}, as in the input gradient
 * {@code dX = dY * W^T}) with 16 x 16 transposes in registers on 512-bit vectors, instead of one
 * scalar copy per value.
 */
final class GemmF32Transpose {

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** log2(LANES) butterfly stages; stage s swaps blocks of {@code LANES >> (s + 1)} lanes. */
    private static final int STAGES = Integer.numberOfTrailingZeros(LANES);
    private static final FloatVector[] LOW = new FloatVector[STAGES];
    private static final FloatVector[] HIGH = new FloatVector[STAGES];

    static {
        for (int s = 0, h = LANES / 2; s < STAGES; s++, h /= 2) {
            float[] low = new float[LANES];
            float[] high = new float[LANES];
            for (int j = 0; j < LANES; j++) {
                low[j] = (j & h) == 0 ? j : LANES + j - h;
                high[j] = (j & h) == 0 ? j + h : LANES + j;
            }
            LOW[s] = FloatVector.fromArray(SPECIES, low, 0);
            HIGH[s] = FloatVector.fromArray(SPECIES, high, 0);
        }
    }

    private GemmF32Transpose() {
    }

    /**
     * {@code dst[d + p * NR + col] = B[src + col * ldb + p]} for {@code col < NR} and
     * {@code p < kc}: one whole panel of NR stored rows of {@code B}, each read from {@code src}
     * onwards (element index). Blocks of LANES x LANES go through a register transpose of
     * log2(LANES) butterfly stages, each output vector a two-vector select (one {@code vpermt2ps}
     * on AVX-512): about a quarter of an instruction per value against two for a scalar copy, and
     * the input gradient of the MLP (128 x 784 x 256, NT) gets within a few percent of the same
     * product with {@code B} already transposed. The locals are spelled out because C2 keeps a
     * {@code FloatVector[]} boxed, which made the packing slower than the scalar copy.
     */
    static void packPanel(float[] dst, int d, MemorySegment b, long src, long ldb, int kc) {
        if (LANES == 16) {
            packPanel16(dst, d, b, src, ldb, kc);
        } else {
            // AVX2 has no two-vector permute: the 8 x 8 transpose measured no faster than the copy
            packRemainder(dst, d, b, src, ldb, 0, kc);
        }
    }

    /** {@link #packPanel} on 16-lane vectors: 16 x 16 blocks, four stages. */
    private static void packPanel16(float[] dst, int d, MemorySegment b, long src, long ldb, int kc) {
        FloatVector low0 = LOW[0], high0 = HIGH[0];
        FloatVector low1 = LOW[1], high1 = HIGH[1];
        FloatVector low2 = LOW[2], high2 = HIGH[2];
        FloatVector low3 = LOW[3], high3 = HIGH[3];
        long rowStep = ldb * Float.BYTES;
        int p = 0;
        for (; p + 16 <= kc; p += 16) {
            for (int half = 0; half < NR; half += 16) {
                long at = (src + half * ldb + p) * Float.BYTES;
                FloatVector v0 = FloatVector.fromMemorySegment(SPECIES, b, at, ORDER);
                FloatVector v1 = FloatVector.fromMemorySegment(SPECIES, b, at + 1 * rowStep, ORDER);
                FloatVector v2 = FloatVector.fromMemorySegment(SPECIES, b, at + 2 * rowStep, ORDER);
                FloatVector v3 = FloatVector.fromMemorySegment(SPECIES, b, at + 3 * rowStep, ORDER);
                FloatVector v4 = FloatVector.fromMemorySegment(SPECIES, b, at + 4 * rowStep, ORDER);
                FloatVector v5 = FloatVector.fromMemorySegment(SPECIES, b, at + 5 * rowStep, ORDER);
                FloatVector v6 = FloatVector.fromMemorySegment(SPECIES, b, at + 6 * rowStep, ORDER);
                FloatVector v7 = FloatVector.fromMemorySegment(SPECIES, b, at + 7 * rowStep, ORDER);
                FloatVector v8 = FloatVector.fromMemorySegment(SPECIES, b, at + 8 * rowStep, ORDER);
                FloatVector v9 = FloatVector.fromMemorySegment(SPECIES, b, at + 9 * rowStep, ORDER);
                FloatVector v10 = FloatVector.fromMemorySegment(SPECIES, b, at + 10 * rowStep, ORDER);
                FloatVector v11 = FloatVector.fromMemorySegment(SPECIES, b, at + 11 * rowStep, ORDER);
                FloatVector v12 = FloatVector.fromMemorySegment(SPECIES, b, at + 12 * rowStep, ORDER);
                FloatVector v13 = FloatVector.fromMemorySegment(SPECIES, b, at + 13 * rowStep, ORDER);
                FloatVector v14 = FloatVector.fromMemorySegment(SPECIES, b, at + 14 * rowStep, ORDER);
                FloatVector v15 = FloatVector.fromMemorySegment(SPECIES, b, at + 15 * rowStep, ORDER);
                FloatVector w0 = low0.selectFrom(v0, v8), w8 = high0.selectFrom(v0, v8);
                FloatVector w1 = low0.selectFrom(v1, v9), w9 = high0.selectFrom(v1, v9);
                FloatVector w2 = low0.selectFrom(v2, v10), w10 = high0.selectFrom(v2, v10);
                FloatVector w3 = low0.selectFrom(v3, v11), w11 = high0.selectFrom(v3, v11);
                FloatVector w4 = low0.selectFrom(v4, v12), w12 = high0.selectFrom(v4, v12);
                FloatVector w5 = low0.selectFrom(v5, v13), w13 = high0.selectFrom(v5, v13);
                FloatVector w6 = low0.selectFrom(v6, v14), w14 = high0.selectFrom(v6, v14);
                FloatVector w7 = low0.selectFrom(v7, v15), w15 = high0.selectFrom(v7, v15);
                FloatVector x0 = low1.selectFrom(w0, w4), x4 = high1.selectFrom(w0, w4);
                FloatVector x1 = low1.selectFrom(w1, w5), x5 = high1.selectFrom(w1, w5);
                FloatVector x2 = low1.selectFrom(w2, w6), x6 = high1.selectFrom(w2, w6);
                FloatVector x3 = low1.selectFrom(w3, w7), x7 = high1.selectFrom(w3, w7);
                FloatVector x8 = low1.selectFrom(w8, w12), x12 = high1.selectFrom(w8, w12);
                FloatVector x9 = low1.selectFrom(w9, w13), x13 = high1.selectFrom(w9, w13);
                FloatVector x10 = low1.selectFrom(w10, w14), x14 = high1.selectFrom(w10, w14);
                FloatVector x11 = low1.selectFrom(w11, w15), x15 = high1.selectFrom(w11, w15);
                FloatVector y0 = low2.selectFrom(x0, x2), y2 = high2.selectFrom(x0, x2);
                FloatVector y1 = low2.selectFrom(x1, x3), y3 = high2.selectFrom(x1, x3);
                FloatVector y4 = low2.selectFrom(x4, x6), y6 = high2.selectFrom(x4, x6);
                FloatVector y5 = low2.selectFrom(x5, x7), y7 = high2.selectFrom(x5, x7);
                FloatVector y8 = low2.selectFrom(x8, x10), y10 = high2.selectFrom(x8, x10);
                FloatVector y9 = low2.selectFrom(x9, x11), y11 = high2.selectFrom(x9, x11);
                FloatVector y12 = low2.selectFrom(x12, x14), y14 = high2.selectFrom(x12, x14);
                FloatVector y13 = low2.selectFrom(x13, x15), y15 = high2.selectFrom(x13, x15);
                FloatVector z0 = low3.selectFrom(y0, y1), z1 = high3.selectFrom(y0, y1);
                FloatVector z2 = low3.selectFrom(y2, y3), z3 = high3.selectFrom(y2, y3);
                FloatVector z4 = low3.selectFrom(y4, y5), z5 = high3.selectFrom(y4, y5);
                FloatVector z6 = low3.selectFrom(y6, y7), z7 = high3.selectFrom(y6, y7);
                FloatVector z8 = low3.selectFrom(y8, y9), z9 = high3.selectFrom(y8, y9);
                FloatVector z10 = low3.selectFrom(y10, y11), z11 = high3.selectFrom(y10, y11);
                FloatVector z12 = low3.selectFrom(y12, y13), z13 = high3.selectFrom(y12, y13);
                FloatVector z14 = low3.selectFrom(y14, y15), z15 = high3.selectFrom(y14, y15);
                int row = d + p * NR + half;
                z0.intoArray(dst, row);
                z1.intoArray(dst, row + 1 * NR);
                z2.intoArray(dst, row + 2 * NR);
                z3.intoArray(dst, row + 3 * NR);
                z4.intoArray(dst, row + 4 * NR);
                z5.intoArray(dst, row + 5 * NR);
                z6.intoArray(dst, row + 6 * NR);
                z7.intoArray(dst, row + 7 * NR);
                z8.intoArray(dst, row + 8 * NR);
                z9.intoArray(dst, row + 9 * NR);
                z10.intoArray(dst, row + 10 * NR);
                z11.intoArray(dst, row + 11 * NR);
                z12.intoArray(dst, row + 12 * NR);
                z13.intoArray(dst, row + 13 * NR);
                z14.intoArray(dst, row + 14 * NR);
                z15.intoArray(dst, row + 15 * NR);
            }
        }
        packRemainder(dst, d, b, src, ldb, p, kc);
    }

    /** The scalar copy of steps {@code [p, kc)}. */
    private static void packRemainder(float[] dst, int d, MemorySegment b, long src, long ldb, int p, int kc) {
        for (int col = 0; col < NR; col++) {
            long from = src + col * ldb;
            for (int q = p; q < kc; q++) {
                dst[d + q * NR + col] = b.getAtIndex(JAVA_FLOAT, from + q);
            }
        }
    }
}
