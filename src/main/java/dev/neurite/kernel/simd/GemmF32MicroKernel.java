package dev.neurite.kernel.simd;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner kernel of {@link SimdGemmF32}: one {@link #MR} x {@link #NR} tile of
 * {@code C} from a packed {@code A} micro-panel and a packed {@code B} micro-panel.
 *
 * <p>The tile lives in twelve accumulator vectors (six rows, two vectors per row); with the two
 * {@code B} vectors and one broadcast {@code A} value that is fifteen registers, which fits the
 * sixteen of AVX2 and leaves AVX-512 room to spare. The accumulators are plain locals, not an
 * array, so that C2 keeps them in registers for the whole {@code k} loop.
 */
final class GemmF32MicroKernel {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int LANES = SPECIES.length();
    /** Rows of C per tile. */
    static final int MR = 6;
    /** Columns of C per tile: two vectors. */
    static final int NR = 2 * LANES;

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private GemmF32MicroKernel() {
    }

    /**
     * {@code C[0:rows, 0:cols] = alpha * Ap * Bp + beta * C}, where {@code Ap} holds {@code kc}
     * groups of {@link #MR} values from {@code apOff} and {@code Bp} {@code kc} groups of
     * {@link #NR} values from {@code bpOff}, both zero-padded. {@code C} is not read when
     * {@code beta == 0}. A partial tile goes through {@code tile} ({@code MR * NR} floats) so the
     * padding never touches memory outside {@code C}.
     */
    static void multiply(float[] ap, int apOff, float[] bp, int bpOff, int kc,
                         MemorySegment c, long cOff, long ldc, int rows, int cols,
                         float alpha, float beta, float[] tile) {
        assert apOff + kc * MR <= ap.length && bpOff + kc * NR <= bp.length;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero, c40 = zero, c41 = zero, c50 = zero, c51 = zero;
        int ai = apOff;
        int bi = bpOff;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + LANES);
            FloatVector a = FloatVector.broadcast(SPECIES, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        if (rows == MR && cols == NR) {
            long row = cOff;
            storeRow(c, row, c00, c01, alpha, beta);
            storeRow(c, row += ldc, c10, c11, alpha, beta);
            storeRow(c, row += ldc, c20, c21, alpha, beta);
            storeRow(c, row += ldc, c30, c31, alpha, beta);
            storeRow(c, row += ldc, c40, c41, alpha, beta);
            storeRow(c, row + ldc, c50, c51, alpha, beta);
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + LANES);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + LANES);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + LANES);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + LANES);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + LANES);
        storePartial(c, cOff, ldc, rows, cols, alpha, beta, tile);
    }

    private static void storeRow(MemorySegment c, long off, FloatVector acc0, FloatVector acc1,
                                 float alpha, float beta) {
        long byte0 = off * Float.BYTES;
        long byte1 = byte0 + (long) LANES * Float.BYTES;
        if (beta == 0f) {
            acc0.mul(alpha).intoMemorySegment(c, byte0, ORDER);
            acc1.mul(alpha).intoMemorySegment(c, byte1, ORDER);
        } else if (beta == 1f) {
            FloatVector old0 = FloatVector.fromMemorySegment(SPECIES, c, byte0, ORDER);
            FloatVector old1 = FloatVector.fromMemorySegment(SPECIES, c, byte1, ORDER);
            acc0.mul(alpha).add(old0).intoMemorySegment(c, byte0, ORDER);
            acc1.mul(alpha).add(old1).intoMemorySegment(c, byte1, ORDER);
        } else {
            FloatVector old0 = FloatVector.fromMemorySegment(SPECIES, c, byte0, ORDER);
            FloatVector old1 = FloatVector.fromMemorySegment(SPECIES, c, byte1, ORDER);
            acc0.mul(alpha).add(old0.mul(beta)).intoMemorySegment(c, byte0, ORDER);
            acc1.mul(alpha).add(old1.mul(beta)).intoMemorySegment(c, byte1, ORDER);
        }
    }

    /** The edge of C: only the {@code rows x cols} corner of the tile is real. */
    private static void storePartial(MemorySegment c, long cOff, long ldc, int rows, int cols,
                                     float alpha, float beta, float[] tile) {
        for (int r = 0; r < rows; r++) {
            long row = cOff + r * ldc;
            int t = r * NR;
            for (int j = 0; j < cols; j++) {
                float v = alpha * tile[t + j];
                if (beta != 0f) {
                    v += beta * GemmF32Packing.get(c, row + j);
                }
                GemmF32Packing.set(c, row + j, v);
            }
        }
    }
}
