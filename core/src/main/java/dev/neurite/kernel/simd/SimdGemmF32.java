package dev.neurite.kernel.simd;

import static dev.neurite.kernel.simd.GemmF32MicroKernel.MR;
import static dev.neurite.kernel.simd.GemmF32MicroKernel.NR;

import dev.neurite.kernel.KernelThreads;
import java.lang.foreign.MemorySegment;
import java.util.function.IntConsumer;

/**
 * Float32 GEMM on the Vector API: {@code C = alpha * op(A) * op(B) + beta * C} with the contract
 * of {@code Kernels.gemmF32}.
 *
 * <p>The loops follow the Goto/BLIS scheme. {@code op(B)} is packed {@link #KC} x {@link #NC}
 * at a time (stays in L3), {@code op(A)} {@link #MC} x {@link #KC} at a time (stays in L2), and the
 * {@link GemmF32MicroKernel} sweeps each packed {@code B} micro-panel (in L1) against every
 * {@code A} micro-panel of the block. The first {@code k} block applies {@code beta}; the later
 * ones add to {@code C}. Untransposed {@code A} is packed as plain rows for
 * {@link GemmF32RowKernel} (a bulk copy per row); transposed {@code A} column by column for
 * {@link GemmF32MicroKernel}.
 *
 * <p>A {@code C} of fewer than {@code MR} rows (batch-1 inference) skips packing and tiles:
 * {@link GemmF32SmallM} computes it row by row from the operands where they lie, split into
 * column bands across the threads when {@code op(B)} is large.
 *
 * <p>Large products are split into bands of whole tiles, one per {@link KernelThreads} part,
 * along the longer side of {@code C}; each part packs its own operands. A band keeps the
 * summation order of every element, so the result does not depend on the thread count.
 */
public final class SimdGemmF32 {

    /** Depth of a packed block: a {@code B} micro-panel of KC x NR floats fills half of L1. */
    static final int KC = 256;
    /** Rows of a packed {@code A} block (a multiple of MR): 144 x 256 floats = 144 KiB of L2. */
    static final int MC = 24 * MR;
    /** Columns of a packed {@code B} block (a multiple of NR): 256 x 2048 floats = 2 MiB. */
    static final int NC = 2048 / NR * NR;
    /**
     * Multiply-adds below which a product is not split, and per extra part above it (128K, about
     * 2 us on one core): handing a part to a spinning worker costs about a microsecond. The small
     * products of a classifier's last layer (128 x 10 x 128 per batch) split from here, and a
     * training step took 3% less time (medians of five runs).
     */
    static final long PARALLEL_MIN_WORK = 128_000L;

    private static final Thread FOREIGN_THREAD = Thread.ofPlatform().unstarted(() -> { });
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);
    private static final ThreadLocal<Bands> BANDS = ThreadLocal.withInitial(Bands::new);

    private SimdGemmF32() {
    }

    /** {@code Kernels.gemmF32}, using up to {@link KernelThreads#count()} threads. */
    public static void gemm(MemorySegment c, long cOff, long ldc,
                            MemorySegment a, long aOff, long lda, boolean transA,
                            MemorySegment b, long bOff, long ldb, boolean transB,
                            int m, int n, int k, float alpha, float beta) {
        gemm(c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta,
                KernelThreads.count());
    }

    /** As {@link #gemm}, splitting into at most {@code maxParts} parts. */
    static void gemm(MemorySegment c, long cOff, long ldc,
                     MemorySegment a, long aOff, long lda, boolean transA,
                     MemorySegment b, long bOff, long ldb, boolean transB,
                     int m, int n, int k, float alpha, float beta, int maxParts) {
        assert m >= 0 && n >= 0 && k >= 0;
        assert ldc >= n && lda >= (transA ? m : k) && ldb >= (transB ? k : n);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scale(c, cOff, ldc, m, n, alpha * 0f, beta);
            return;
        }
        boolean smallM = m < MR;
        boolean splitRows = !smallM && m >= n;
        // bands of whole tiles; for a few rows, of whole wide strips (a column sums in the same
        // order in whichever band it falls)
        int tile = splitRows ? MR : smallM && !transB ? GemmF32SmallM.WIDE : NR;
        int tiles = ceilDiv(splitRows ? m : n, tile);
        // a few rows (inference) split too: each core then streams its share of op(B) from its cache
        int parts = (int) Math.min(Math.min(maxParts, tiles), 1 + (long) m * n * k / PARALLEL_MIN_WORK);
        if (parts > 1 && !(shareable(c) && shareable(a) && shareable(b))) {
            parts = 1;
        }
        if (parts <= 1) {
            direct(WORKSPACE.get(), c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB,
                    m, n, k, alpha, beta);
            return;
        }
        Bands bands = BANDS.get();
        bands.set(c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta,
                splitRows, tile, tiles, parts);
        try {
            KernelThreads.run(parts, bands);
        } finally {
            bands.clear();
        }
    }

    /** The whole product on the calling thread: row by row for a few rows, else tiled. */
    private static void direct(Workspace ws, MemorySegment c, long cOff, long ldc,
                               MemorySegment a, long aOff, long lda, boolean transA,
                               MemorySegment b, long bOff, long ldb, boolean transB,
                               int m, int n, int k, float alpha, float beta) {
        if (m < MR) {
            GemmF32SmallM.gemm(ws.row(k + GemmF32MicroKernel.LANES), c, cOff, ldc, a, aOff, lda, transA,
                    b, bOff, ldb, transB, m, n, k, alpha, beta);
        } else {
            serial(ws, c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
        }
    }

    /** The whole product on the calling thread, tiled, with its workspace. */
    private static void serial(Workspace ws, MemorySegment c, long cOff, long ldc,
                               MemorySegment a, long aOff, long lda, boolean transA,
                               MemorySegment b, long bOff, long ldb, boolean transB,
                               int m, int n, int k, float alpha, float beta) {
        int kc = blockDepth(k);
        int mc = roundUp(ceilDiv(m, ceilDiv(m, MC)), MR);
        float[] ap = ws.packedA(mc * kc + GemmF32Packing.A_SLACK);
        float[] bp = ws.packedB(Math.min(NC, roundUp(n, NR)) * kc);
        float[] tile = ws.tile;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kc) {
                int kb = Math.min(kc, k - pc);
                float blockBeta = pc == 0 ? beta : 1f;
                GemmF32Packing.packB(bp, b, bOff, ldb, transB, pc, jc, kb, nc);
                for (int ic = 0; ic < m; ic += mc) {
                    int mb = Math.min(mc, m - ic);
                    GemmF32Packing.packA(ap, a, aOff, lda, transA, ic, pc, mb, kb);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        int bPanel = jr * kb;
                        long cCol = cOff + jc + jr;
                        for (int ir = 0; ir < mb; ir += MR) {
                            if (GemmF32MicroKernel.TWO_PANELS && ir + MR < mb) {
                                // two micro-panels of A per call: twice the work per load of B
                                int rows = Math.min(2 * MR, mb - ir);
                                long cTile = cCol + (ic + ir) * ldc;
                                if (transA) {
                                    GemmF32MicroKernel.multiply2(ap, ir * kb, bp, bPanel, kb,
                                            c, cTile, ldc, rows, cols, alpha, blockBeta, tile);
                                } else {
                                    GemmF32RowKernel.multiply2(ap, ir * kb, bp, bPanel, kb,
                                            c, cTile, ldc, rows, cols, alpha, blockBeta, tile);
                                }
                                ir += MR;
                            } else if (transA) {
                                GemmF32MicroKernel.multiply(ap, ir * kb, bp, bPanel, kb,
                                        c, cCol + (ic + ir) * ldc, ldc,
                                        Math.min(MR, mb - ir), cols, alpha, blockBeta, tile);
                            } else {
                                GemmF32RowKernel.multiply(ap, ir * kb, bp, bPanel, kb,
                                        c, cCol + (ic + ir) * ldc, ldc,
                                        Math.min(MR, mb - ir), cols, alpha, blockBeta, tile);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The depth of the blocks a product of depth {@code k} is summed in: equal blocks rather than
     * full ones and a sliver ({@code k = 260} runs as 130 + 130, not 256 + 4). The row-by-row path
     * for a few rows sums in the same blocks, so a row's result does not depend on the batch.
     */
    static int blockDepth(int k) {
        return ceilDiv(k, ceilDiv(k, KC));
    }

    /** {@code C = prod + beta * C} with a constant product (the {@code k == 0} case). */
    private static void scale(MemorySegment c, long cOff, long ldc, int m, int n, float prod, float beta) {
        for (long i = 0; i < m; i++) {
            long row = cOff + i * ldc;
            for (long j = 0; j < n; j++) {
                float v = beta == 0f ? prod : prod + beta * GemmF32Packing.get(c, row + j);
                GemmF32Packing.set(c, row + j, v);
            }
        }
    }

    /**
     * Whether pool threads may access {@code s}: not so for memory of a confined arena. The probe
     * is a thread that never starts, so it owns no arena.
     */
    private static boolean shareable(MemorySegment s) {
        return s.isAccessibleBy(FOREIGN_THREAD);
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }

    /**
     * The packed operands and edge tile of one thread. The buffers grow to the largest block the
     * thread has needed (at most about 2.2 MiB), so threads that only multiply small matrices keep
     * small ones; after that a call allocates nothing.
     */
    private static final class Workspace {
        float[] packedA = new float[0];
        float[] packedB = new float[0];
        final float[] tile = new float[MR * NR];
        float[] row = new float[0];

        float[] row(int floats) {
            if (row.length < floats) {
                row = new float[floats];
            }
            return row;
        }

        float[] packedA(int floats) {
            if (packedA.length < floats) {
                packedA = new float[floats];
            }
            return packedA;
        }

        float[] packedB(int floats) {
            if (packedB.length < floats) {
                packedB = new float[floats];
            }
            return packedB;
        }
    }

    /**
     * One multi-threaded call: part {@code p} computes a band of whole tiles of {@code C}. Each
     * calling thread reuses its own instance, so a parallel call allocates no task objects; the
     * pool's hand-off publishes the fields to the workers.
     */
    private static final class Bands implements IntConsumer {
        private MemorySegment c;
        private long cOff;
        private long ldc;
        private MemorySegment a;
        private long aOff;
        private long lda;
        private boolean transA;
        private MemorySegment b;
        private long bOff;
        private long ldb;
        private boolean transB;
        private int m;
        private int n;
        private int k;
        private float alpha;
        private float beta;
        private boolean splitRows;
        private int tile;
        private int tiles;
        private int parts;

        void set(MemorySegment c, long cOff, long ldc,
                 MemorySegment a, long aOff, long lda, boolean transA,
                 MemorySegment b, long bOff, long ldb, boolean transB,
                 int m, int n, int k, float alpha, float beta,
                 boolean splitRows, int tile, int tiles, int parts) {
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.transA = transA;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.beta = beta;
            this.splitRows = splitRows;
            this.tile = tile;
            this.tiles = tiles;
            this.parts = parts;
        }

        /** Drops the segment references so a finished call keeps no memory reachable. */
        void clear() {
            c = null;
            a = null;
            b = null;
        }

        @Override
        public void accept(int part) {
            // tiles spread as evenly as whole tiles allow
            int first = (int) ((long) tiles * part / parts) * tile;
            int end = (int) ((long) tiles * (part + 1) / parts) * tile;
            Workspace ws = WORKSPACE.get();
            if (splitRows) {
                int rows = Math.min(end, m) - first;
                long aStart = transA ? aOff + first : aOff + first * lda;
                direct(ws, c, cOff + first * ldc, ldc, a, aStart, lda, transA,
                        b, bOff, ldb, transB, rows, n, k, alpha, beta);
            } else {
                int cols = Math.min(end, n) - first;
                long bStart = transB ? bOff + first * ldb : bOff + first;
                direct(ws, c, cOff + first, ldc, a, aOff, lda, transA,
                        b, bStart, ldb, transB, m, cols, k, alpha, beta);
            }
        }
    }
}
