package dev.neurite.kernel.simd;

import static dev.neurite.kernel.simd.GemmF32MicroKernel.LANES;
import static dev.neurite.kernel.simd.GemmF32MicroKernel.MR;
import static dev.neurite.kernel.simd.GemmF32MicroKernel.NR;
import static dev.neurite.kernel.simd.GemmF32MicroKernel.SPECIES;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * The {@link GemmF32MicroKernel} tile for an {@code A} panel packed as plain rows: row {@code r}
 * of the panel is {@code kc} contiguous floats from {@code apOff + r * kc}. Packing
 * untransposed {@code A} that way is one bulk copy per row, several times cheaper than
 * interleaving it element by element, and the six row offsets cost the loop nothing: the
 * loads are the same scalar broadcasts.
 */
final class GemmF32RowKernel {

    private GemmF32RowKernel() {
    }

    /** As {@link GemmF32MicroKernel#multiply}, with the {@code A} panel in row layout. */
    static void multiply(float[] ap, int apOff, float[] bp, int bpOff, int kc,
                         MemorySegment c, long cOff, long ldc, int rows, int cols,
                         float alpha, float beta, float[] tile) {
        assert apOff + kc * MR <= ap.length && bpOff + kc * NR <= bp.length;
        int a0 = apOff;
        int a1 = a0 + kc;
        int a2 = a1 + kc;
        int a3 = a2 + kc;
        int a4 = a3 + kc;
        int a5 = a4 + kc;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero, c40 = zero, c41 = zero, c50 = zero, c51 = zero;
        for (int p = 0; p < kc; p++) {
            int bi = bpOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + LANES);
            FloatVector a = FloatVector.broadcast(SPECIES, ap[a0 + p]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, ap[a1 + p]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, ap[a2 + p]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, ap[a3 + p]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, ap[a4 + p]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, ap[a5 + p]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
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
        GemmF32MicroKernel.store(c, cOff, ldc, rows, cols, alpha, beta, tile);
    }

    /**
     * {@link GemmF32MicroKernel#multiply2} for two row-layout panels: the same kernel with the
     * row offsets as loop invariants, kept apart so that C2 compiles each layout with constant
     * strides (see there).
     */
    static void multiply2(float[] ap, int apOff, float[] bp, int bpOff, int kc,
                          MemorySegment c, long cOff, long ldc, int rows, int cols,
                          float alpha, float beta, float[] tile) {
        assert apOff + 2 * kc * MR <= ap.length && bpOff + kc * NR <= bp.length;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero, c50 = zero, c51 = zero, c60 = zero, c61 = zero, c70 = zero, c71 = zero;
        FloatVector c80 = zero, c81 = zero, c90 = zero, c91 = zero, c100 = zero, c101 = zero, c110 = zero, c111 = zero;
        // row r of a panel starts r * kc after the panel; the second panel kc * MR after the first
        int a0 = apOff, a1 = a0 + kc, a2 = a1 + kc, a3 = a2 + kc, a4 = a3 + kc, a5 = a4 + kc;
        int a6 = a5 + kc, a7 = a6 + kc, a8 = a7 + kc, a9 = a8 + kc, a10 = a9 + kc, a11 = a10 + kc;
        for (int p = 0; p < kc; p++) {
            int bi = bpOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + LANES);
            FloatVector x0 = FloatVector.broadcast(SPECIES, ap[a0 + p]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            FloatVector x1 = FloatVector.broadcast(SPECIES, ap[a1 + p]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            FloatVector x2 = FloatVector.broadcast(SPECIES, ap[a2 + p]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            FloatVector x3 = FloatVector.broadcast(SPECIES, ap[a3 + p]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            FloatVector x4 = FloatVector.broadcast(SPECIES, ap[a4 + p]);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            FloatVector x5 = FloatVector.broadcast(SPECIES, ap[a5 + p]);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
            FloatVector x6 = FloatVector.broadcast(SPECIES, ap[a6 + p]);
            c60 = x6.fma(b0, c60);
            c61 = x6.fma(b1, c61);
            FloatVector x7 = FloatVector.broadcast(SPECIES, ap[a7 + p]);
            c70 = x7.fma(b0, c70);
            c71 = x7.fma(b1, c71);
            FloatVector x8 = FloatVector.broadcast(SPECIES, ap[a8 + p]);
            c80 = x8.fma(b0, c80);
            c81 = x8.fma(b1, c81);
            FloatVector x9 = FloatVector.broadcast(SPECIES, ap[a9 + p]);
            c90 = x9.fma(b0, c90);
            c91 = x9.fma(b1, c91);
            FloatVector x10 = FloatVector.broadcast(SPECIES, ap[a10 + p]);
            c100 = x10.fma(b0, c100);
            c101 = x10.fma(b1, c101);
            FloatVector x11 = FloatVector.broadcast(SPECIES, ap[a11 + p]);
            c110 = x11.fma(b0, c110);
            c111 = x11.fma(b1, c111);
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
        GemmF32MicroKernel.store(c, cOff, ldc, Math.min(MR, rows), cols, alpha, beta, tile);
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
            GemmF32MicroKernel.store(c, cOff + MR * ldc, ldc, rows - MR, cols, alpha, beta, tile);
        }
    }
}
