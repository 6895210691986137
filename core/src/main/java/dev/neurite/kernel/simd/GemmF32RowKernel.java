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
}
