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

    static final VectorSpecies<Float> SPECIES = SimdConstants.FLOAT_SPECIES;
    /** Floats per vector. */
    static final int LANES = SPECIES.length();
    /** Rows of C per tile. */
    static final int MR = 6;
    /** Columns of C per tile: two vectors. */
    static final int NR = 2 * LANES;
    /**
     * Whether the kernels may take two micro-panels of {@code A} at once ({@link #multiply2}):
     * with 512-bit vectors, which means AVX-512 and its 32 vector registers.
     */
    static final boolean TWO_PANELS = LANES >= 16;

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private GemmF32MicroKernel() {
    }

    /**
     * {@code C[0:rows, 0:cols] = alpha * Ap * Bp + beta * C}, where {@code Ap} holds {@code kc}
     * groups of {@link #MR} values from {@code apOff} and {@code Bp} {@code kc} groups of
     * {@link #NR} values from {@code bpOff}, both zero-padded. {@code C} is not read when
     * {@code beta == 0}. {@code tile} ({@code MR * NR} floats) is scratch; for a partial tile
     * only its real corner is written to {@code C}, so the padding never touches memory outside C.
     */
    static void multiply(float[] ap, int apOff, float[] bp, int bpOff, int kc,
                         MemorySegment c, long cOff, long ldc, int rows, int cols,
                         float alpha, float beta, float[] tile) {
        assert apOff + kc * MR <= ap.length && bpOff + kc * NR <= bp.length;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero, c40 = zero, c41 = zero, c50 = zero, c51 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = apOff + p * MR;
            int bi = bpOff + p * NR;
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
        // the tile goes through memory once per kc steps: passing the accumulators to a method
        // C2 might not inline would box them, allocating on every call
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
        store(c, cOff, ldc, rows, cols, alpha, beta, tile);
    }

    /**
     * As {@link #multiply} for two micro-panels of {@code A} at once, {@code rows <= 2 * MR}: the
     * second panel follows the first at {@code apOff + kc * MR}. Each load of {@code B} then feeds
     * 24 fused multiply-adds instead of 12, which took the 512-bit kernel from about 117 to 150
     * GFLOP/s on one Xeon core (1024^3). Its 24 accumulators need the 32 vector registers of
     * AVX-512; with the 16 of AVX2 they would spill ({@link #TWO_PANELS}).
     *
     * <p>{@link GemmF32RowKernel#multiply2} is the same kernel for row-layout panels. One kernel
     * for both layouts, with the row step as a parameter, lost 25-30% once a process had run
     * both (as training does: forward and input gradient in one layout, weight gradient in the
     * other): with a step C2 cannot see as a constant it keeps twelve range checks in the loop.
     */
    static void multiply2(float[] ap, int apOff, float[] bp, int bpOff, int kc,
                          MemorySegment c, long cOff, long ldc, int rows, int cols,
                          float alpha, float beta, float[] tile) {
        assert apOff + 2 * kc * MR <= ap.length && bpOff + kc * NR <= bp.length;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero, c50 = zero, c51 = zero, c60 = zero, c61 = zero, c70 = zero, c71 = zero;
        FloatVector c80 = zero, c81 = zero, c90 = zero, c91 = zero, c100 = zero, c101 = zero, c110 = zero, c111 = zero;
        int second = apOff + kc * MR; // the second panel, MR values per step of p like the first
        for (int p = 0; p < kc; p++) {
            int ai = apOff + p * MR;
            int aj = second + p * MR;
            int bi = bpOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, ap[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, ap[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, ap[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(SPECIES, ap[aj]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(SPECIES, ap[aj + 1]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            FloatVector a8 = FloatVector.broadcast(SPECIES, ap[aj + 2]);
            c80 = a8.fma(b0, c80);
            c81 = a8.fma(b1, c81);
            FloatVector a9 = FloatVector.broadcast(SPECIES, ap[aj + 3]);
            c90 = a9.fma(b0, c90);
            c91 = a9.fma(b1, c91);
            FloatVector a10 = FloatVector.broadcast(SPECIES, ap[aj + 4]);
            c100 = a10.fma(b0, c100);
            c101 = a10.fma(b1, c101);
            FloatVector a11 = FloatVector.broadcast(SPECIES, ap[aj + 5]);
            c110 = a11.fma(b0, c110);
            c111 = a11.fma(b1, c111);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 0 + LANES);
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
        store(c, cOff, ldc, Math.min(MR, rows), cols, alpha, beta, tile);
        c60.intoArray(tile, 0);
        c61.intoArray(tile, 0 + LANES);
        c70.intoArray(tile, NR);
        c71.intoArray(tile, NR + LANES);
        c80.intoArray(tile, 2 * NR);
        c81.intoArray(tile, 2 * NR + LANES);
        c90.intoArray(tile, 3 * NR);
        c91.intoArray(tile, 3 * NR + LANES);
        c100.intoArray(tile, 4 * NR);
        c101.intoArray(tile, 4 * NR + LANES);
        c110.intoArray(tile, 5 * NR);
        c111.intoArray(tile, 5 * NR + LANES);
        if (rows > MR) {
            store(c, cOff + MR * ldc, ldc, rows - MR, cols, alpha, beta, tile);
        }
    }

    /** Stores a tile through {@link #storeFull} or {@link #storePartial}. */
    static void store(MemorySegment c, long cOff, long ldc, int rows, int cols,
                      float alpha, float beta, float[] tile) {
        if (rows == MR && cols == NR) {
            storeFull(c, cOff, ldc, alpha, beta, tile);
        } else {
            storePartial(c, cOff, ldc, rows, cols, alpha, beta, tile);
        }
    }

    /** {@code C = alpha * tile + beta * C} for a whole tile, one row at a time. */
    static void storeFull(MemorySegment c, long cOff, long ldc, float alpha, float beta, float[] tile) {
        for (int r = 0; r < MR; r++) {
            long byte0 = (cOff + r * ldc) * Float.BYTES;
            long byte1 = byte0 + (long) LANES * Float.BYTES;
            FloatVector v0 = FloatVector.fromArray(SPECIES, tile, r * NR).mul(alpha);
            FloatVector v1 = FloatVector.fromArray(SPECIES, tile, r * NR + LANES).mul(alpha);
            if (beta != 0f) {
                FloatVector old0 = FloatVector.fromMemorySegment(SPECIES, c, byte0, ORDER);
                FloatVector old1 = FloatVector.fromMemorySegment(SPECIES, c, byte1, ORDER);
                v0 = v0.add(old0.mul(beta));
                v1 = v1.add(old1.mul(beta));
            }
            v0.intoMemorySegment(c, byte0, ORDER);
            v1.intoMemorySegment(c, byte1, ORDER);
        }
    }

    /**
     * The edge of C: only the {@code rows x cols} corner of the tile is real. Whole vectors of
     * it are stored as vectors, the last {@code cols % LANES} columns one by one.
     */
    static void storePartial(MemorySegment c, long cOff, long ldc, int rows, int cols,
                                     float alpha, float beta, float[] tile) {
        int vectorCols = cols - cols % LANES;
        for (int r = 0; r < rows; r++) {
            long row = cOff + r * ldc;
            int t = r * NR;
            for (int j = 0; j < vectorCols; j += LANES) {
                long at = (row + j) * Float.BYTES;
                FloatVector v = FloatVector.fromArray(SPECIES, tile, t + j).mul(alpha);
                if (beta != 0f) {
                    v = v.add(FloatVector.fromMemorySegment(SPECIES, c, at, ORDER).mul(beta));
                }
                v.intoMemorySegment(c, at, ORDER);
            }
            for (int j = vectorCols; j < cols; j++) {
                float v = alpha * tile[t + j];
                if (beta != 0f) {
                    v += beta * GemmF32Packing.get(c, row + j);
                }
                GemmF32Packing.set(c, row + j, v);
            }
        }
    }
}
