package dev.neurite.kernel.simd;

import static dev.neurite.kernel.simd.GemmF32MicroKernel.LANES;
import static dev.neurite.kernel.simd.GemmF32MicroKernel.MR;
import static dev.neurite.kernel.simd.GemmF32MicroKernel.NR;
import static dev.neurite.kernel.simd.GemmF32MicroKernel.SPECIES;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Copies blocks of {@code op(A)} and {@code op(B)} into the contiguous, zero-padded panel layout
 * that {@link GemmF32MicroKernel} streams through. Packing is also where the transposes are
 * resolved, so the inner kernel has a single code path.
 */
final class GemmF32Packing {

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Extra room at the end of a packed A buffer for the overhanging vector of the last column. */
    static final int A_SLACK = LANES;

    private GemmF32Packing() {
    }

    static float get(MemorySegment s, long index) {
        return s.getAtIndex(JAVA_FLOAT, index);
    }

    static void set(MemorySegment s, long index, float v) {
        s.setAtIndex(JAVA_FLOAT, index, v);
    }

    /**
     * Packs rows {@code [i0, i0 + mc)} and columns {@code [p0, p0 + kc)} of {@code op(A)} into
     * {@code dst}: panels of {@link #MR} rows, rows past {@code mc} set to zero. With
     * {@code transA} each panel is stored column by column ({@code kc} groups of {@code MR}
     * values, for {@link GemmF32MicroKernel}); without, row by row ({@code MR} runs of {@code kc}
     * values, for {@link GemmF32RowKernel}). {@code dst} needs {@link #A_SLACK}
     * floats beyond the packed block.
     */
    static void packA(float[] dst, MemorySegment a, long aOff, long lda, boolean transA,
                      int i0, int p0, int mc, int kc) {
        int panel = 0;
        for (int ir = 0; ir < mc; ir += MR, panel += MR * kc) {
            int rows = Math.min(MR, mc - ir);
            if (rows < MR) {
                Arrays.fill(dst, panel, panel + MR * kc, 0f);
            }
            long i = i0 + ir;
            if (transA && rows == MR && LANES >= MR) {
                // op(A)(i, p) = A[p, i]: the MR rows of a panel are adjacent in memory. Copy a
                // whole vector per column; its LANES - MR extra values land where the next
                // column (or panel) is written later, or in the slack at the end of dst.
                long src = (aOff + (long) p0 * lda + i) * Float.BYTES;
                long step = lda * Float.BYTES;
                long lastFull = a.byteSize() - (long) LANES * Float.BYTES;
                for (int p = 0, d = panel; p < kc; p++, d += MR, src += step) {
                    if (src <= lastFull) {
                        FloatVector.fromMemorySegment(SPECIES, a, src, ORDER).intoArray(dst, d);
                    } else {
                        for (int r = 0; r < MR; r++) {
                            dst[d + r] = a.get(JAVA_FLOAT, src + (long) r * Float.BYTES);
                        }
                    }
                }
            } else if (transA) {
                long src = aOff + (long) p0 * lda + i;
                for (int p = 0, d = panel; p < kc; p++, d += MR, src += lda) {
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = get(a, src + r);
                    }
                }
            } else {
                // row layout for GemmF32RowKernel: one bulk copy per row
                for (int r = 0; r < rows; r++) {
                    MemorySegment.copy(a, JAVA_FLOAT, (aOff + (i + r) * lda + p0) * Float.BYTES,
                            dst, panel + r * kc, kc);
                }
            }
        }
    }

    /**
     * Packs rows {@code [p0, p0 + kc)} and columns {@code [j0, j0 + nc)} of {@code op(B)} into
     * {@code dst}: panels of {@link #NR} columns, each stored row by row ({@code kc} groups of
     * {@code NR} values), columns past {@code nc} set to zero.
     */
    static void packB(float[] dst, MemorySegment b, long bOff, long ldb, boolean transB,
                      int p0, int j0, int kc, int nc) {
        int panel = 0;
        for (int jr = 0; jr < nc; jr += NR, panel += NR * kc) {
            int cols = Math.min(NR, nc - jr);
            long j = j0 + jr;
            if (transB && cols == NR) {
                GemmF32Transpose.packPanel(dst, panel, b, bOff + j * ldb + p0, ldb, kc);
            } else if (transB) {
                // op(B)(p, j) = B[j, p]: read each stored row in order, write with stride NR
                if (cols < NR) {
                    Arrays.fill(dst, panel, panel + NR * kc, 0f);
                }
                for (int col = 0; col < cols; col++) {
                    long src = bOff + (j + col) * ldb + p0;
                    for (int p = 0, d = panel + col; p < kc; p++, d += NR) {
                        dst[d] = get(b, src + p);
                    }
                }
            } else if (cols == NR) {
                long src = (bOff + (long) p0 * ldb + j) * Float.BYTES;
                long step = ldb * Float.BYTES;
                for (int p = 0, d = panel; p < kc; p++, d += NR, src += step) {
                    FloatVector.fromMemorySegment(SPECIES, b, src, ORDER).intoArray(dst, d);
                    FloatVector.fromMemorySegment(SPECIES, b, src + LANES * Float.BYTES, ORDER)
                            .intoArray(dst, d + LANES);
                }
            } else {
                long src = bOff + (long) p0 * ldb + j;
                // the first LANES columns as one vector, unless the row is narrower or the load
                // would reach past the end of b
                boolean vectorFirst = cols >= LANES;
                long lastFull = b.byteSize() / Float.BYTES - LANES;
                for (int p = 0, d = panel; p < kc; p++, d += NR, src += ldb) {
                    int col = 0;
                    if (vectorFirst && src <= lastFull) {
                        FloatVector.fromMemorySegment(SPECIES, b, src * Float.BYTES, ORDER).intoArray(dst, d);
                        col = LANES;
                    }
                    for (; col < cols; col++) {
                        dst[d + col] = get(b, src + col);
                    }
                    for (; col < NR; col++) {
                        dst[d + col] = 0f;
                    }
                }
            }
        }
    }
}
