package dev.neurite.kernel.opencl;

import java.lang.foreign.MemorySegment;

/**
 * GEMM on an OpenCL device: {@code C = alpha * op(A) * op(B) + beta * C}, row-major, arguments as
 * in {@code Kernels.gemmF32} (element offsets, leading dimensions, outputs first; {@code beta == 0}
 * never reads C). {@link #gemm} works on device buffers of either precision and only enqueues; the
 * host entries {@link #gemmF32(MemorySegment, long, long, MemorySegment, long, long, boolean,
 * MemorySegment, long, long, boolean, int, int, int, float, float) gemmF32} and {@code gemmF64}
 * upload, run and download through scratch buffers that grow as needed and are reused.
 *
 * <p>gemm.cl is built per device with tile parameters ({@link GemmTiles}) for CPUs or GPUs, and
 * per precision. Not thread-safe: one per thread, or locked by the caller.
 */
public final class OpenClGemm implements AutoCloseable {

    static final String SOURCE = "gemm.cl";
    /** Tiled kernels by {@code (transA ? 2 : 0) + (transB ? 1 : 0)}. */
    private static final String[] TILED = {"gemm_nn", "gemm_nt", "gemm_tn", "gemm_tt"};
    private static final String SMALL = "gemm_small";
    /** Work-group of the one-element-per-work-item kernel. */
    private static final int SMALL_LOCAL = 64;

    private final OpenClContext context;
    private final KernelCall call;
    private final int computeUnits;
    /**
     * Tiles by precision ([0] float32, [1] float64), then [0] the usual ones and [1] those for
     * problems with fewer usual tiles than the device has compute units (null: always the usual).
     */
    private final GemmTiles[][] tiles;
    /** Kernels by precision and tile choice as in {@link #tiles}: the four tiled ones, then the small one. */
    private final MemorySegment[][][] kernels = new MemorySegment[2][2][];
    /** Scratch A, B, C of the host entries, by precision. */
    private final OpenClBuffer[][] scratch = new OpenClBuffer[2][3];

    /**
     * A GEMM on {@code context} with tiles for its device; builds the usual float32 kernels now so
     * that errors surface here (others on first use).
     */
    public OpenClGemm(OpenClContext context) {
        this(context, new GemmTiles[][] {
            {tilesFor(context.device(), ClType.FLOAT32), fewTilesFor(context.device(), ClType.FLOAT32)},
            {tilesFor(context.device(), ClType.FLOAT64), fewTilesFor(context.device(), ClType.FLOAT64)}});
    }

    /** A GEMM with explicit tiles for float32 and float64, whatever the problem size; for tests and tuning. */
    OpenClGemm(OpenClContext context, GemmTiles f32, GemmTiles f64) {
        this(context, new GemmTiles[][] {{f32, null}, {f64, null}});
    }

    private OpenClGemm(OpenClContext context, GemmTiles[][] tiles) {
        this.context = context;
        this.call = new KernelCall(context);
        this.computeUnits = context.device().computeUnits();
        this.tiles = tiles;
        kernels(0, 0);
    }

    /** Property prefix naming explicit tiles, {@code TILES_PROPERTY + "f32"} or {@code "f64"}. */
    public static final String TILES_PROPERTY = "neurite.opencl.gemm.tiles.";

    /** The tiles {@code -Dneurite.opencl.gemm.tiles.f32|f64} names, or null. */
    private static GemmTiles requestedTiles(OpenClDevice device, ClType precision, GemmTiles base) {
        String key = TILES_PROPERTY + (precision == ClType.FLOAT64 ? "f64" : "f32");
        String spec = System.getProperty(key);
        if (spec == null || spec.isBlank()) {
            return null;
        }
        GemmTiles tiles;
        try {
            tiles = GemmTiles.parse(spec.strip(), base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + key + ": " + e.getMessage(), e);
        }
        if (!fits(device, tiles, precision)) {
            throw new IllegalArgumentException("-D" + key + "=" + spec + ": " + tiles + " does not fit the work-group "
                    + "size or local memory of " + device.name());
        }
        return tiles;
    }

    /**
     * The usual tiles for {@code device} and {@code precision}: those named by
     * {@code -Dneurite.opencl.gemm.tiles.f32|f64} (for tuning on a new device, as
     * {@code packed|coop,tm,tn,tk,wm,wn,vm,vn,padA,padB}), else the GPU or CPU ones (the compact CPU
     * ones where local memory is small) when the device fits them, else {@link GemmTiles#MINIMAL}.
     */
    static GemmTiles tilesFor(OpenClDevice device, ClType precision) {
        GemmTiles requested = requestedTiles(device, precision, usualTilesFor(device, precision));
        return requested != null ? requested : usualTilesFor(device, precision);
    }

    private static GemmTiles usualTilesFor(OpenClDevice device, ClType precision) {
        boolean f64 = precision == ClType.FLOAT64;
        GemmTiles[] wanted = isGpu(device) ? new GemmTiles[] {f64 ? GemmTiles.GPU_F64 : GemmTiles.GPU_F32}
                : new GemmTiles[] {f64 ? GemmTiles.CPU_F64 : GemmTiles.CPU_F32,
                    f64 ? GemmTiles.CPU_F64_COMPACT : GemmTiles.CPU_F32_COMPACT};
        for (GemmTiles tiles : wanted) {
            if (fits(device, tiles, precision)) {
                return tiles;
            }
        }
        return GemmTiles.MINIMAL;
    }

    /**
     * Smaller tiles for problems that the usual ones would cut into fewer work-groups than the
     * device has compute units (GPUs only; null when there are none).
     */
    static GemmTiles fewTilesFor(OpenClDevice device, ClType precision) {
        if (!isGpu(device) || requestedTiles(device, precision, GemmTiles.MINIMAL) != null) {
            return null;
        }
        GemmTiles wanted = precision == ClType.FLOAT64 ? GemmTiles.GPU_F64_FEW : GemmTiles.GPU_F32_FEW;
        return fits(device, wanted, precision) && fits(device, tilesFor(device, precision), precision)
                ? wanted : null;
    }

    private static boolean isGpu(OpenClDevice device) {
        return "GPU".equals(device.typeName());
    }

    private static boolean fits(OpenClDevice device, GemmTiles tiles, ClType precision) {
        return tiles.workGroupSize() <= device.maxWorkGroupSize()
                && tiles.localBytes(precision.bytes()) <= device.localMemoryBytes();
    }

    /** The tiles an {@code m x n} result in {@code precision} runs with. */
    GemmTiles tiles(ClType precision, int m, int n) {
        return tiles[slot(precision)][choice(slot(precision), m, n)];
    }

    private int choice(int slot, int m, int n) {
        GemmTiles usual = tiles[slot][0];
        return tiles[slot][1] != null
                && (long) Math.ceilDiv(m, usual.tm()) * Math.ceilDiv(n, usual.tn()) < computeUnits ? 1 : 0;
    }

    /** Host float32 matrices to the device, GEMM, result back into {@code c}. */
    public void gemmF32(MemorySegment c, long cOff, long ldc,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment b, long bOff, long ldb, boolean transB,
                        int m, int n, int k, float alpha, float beta) {
        host(ClType.FLOAT32, c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
    }

    /** Host float64 matrices to the device, GEMM, result back into {@code c}. */
    public void gemmF64(MemorySegment c, long cOff, long ldc,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment b, long bOff, long ldb, boolean transB,
                        int m, int n, int k, double alpha, double beta) {
        host(ClType.FLOAT64, c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
    }

    /**
     * GEMM on device buffers in the precision of {@code c} ({@code FLOAT32} or {@code FLOAT64};
     * {@code a} and {@code b} of the same type). Enqueues on the context's in-order queue and
     * returns without waiting: read the result with a blocking read or after
     * {@link OpenClContext#finish()}.
     *
     * @throws IllegalArgumentException for mixed or non-real buffer types, negative sizes or
     *     offsets, leading dimensions below the stored row length, or matrices past a buffer's end
     */
    public void gemm(OpenClBuffer c, long cOff, long ldc,
                     OpenClBuffer a, long aOff, long lda, boolean transA,
                     OpenClBuffer b, long bOff, long ldb, boolean transB,
                     int m, int n, int k, double alpha, double beta) {
        ClType precision = c.type();
        if (precision == ClType.INT32 || a.type() != precision || b.type() != precision) {
            throw new IllegalArgumentException("GEMM needs FLOAT32 or FLOAT64 buffers of one type, got C "
                    + c.type() + ", A " + a.type() + ", B " + b.type());
        }
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative GEMM size m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        checkMatrix("C", c, cOff, ldc, m, n);
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        int slot = slot(precision);
        int choice = choice(slot, m, n);
        MemorySegment[] ks = kernels(slot, choice);
        GemmTiles t = tiles[slot][choice];
        if (t.small(m, n, k)) {
            call.begin(ks[4], SMALL).mem(c).arg(cOff).arg(ldc)
                    .mem(a).arg(aOff).arg(lda).arg(transA ? 1 : 0)
                    .mem(b).arg(bOff).arg(ldb).arg(transB ? 1 : 0)
                    .arg(m).arg(n).arg(k).real(alpha, precision).real(beta, precision)
                    .run2d(n, m, SMALL_LOCAL, 1);
            return;
        }
        int variant = (transA ? 2 : 0) + (transB ? 1 : 0);
        call.begin(ks[variant], TILED[variant]).mem(c).arg(cOff).arg(ldc)
                .mem(a).arg(aOff).arg(lda)
                .mem(b).arg(bOff).arg(ldb)
                .arg(m).arg(n).arg(k).real(alpha, precision).real(beta, precision)
                .run2d((long) Math.ceilDiv(n, t.tn()) * t.localX(), (long) Math.ceilDiv(m, t.tm()) * t.localY(),
                        t.localX(), t.localY());
    }

    private void host(ClType precision, MemorySegment c, long cOff, long ldc,
                      MemorySegment a, long aOff, long lda, boolean transA,
                      MemorySegment b, long bOff, long ldb, boolean transB,
                      int m, int n, int k, double alpha, double beta) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative GEMM size m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        long aSpan = transA ? span(k, m, lda) : span(m, k, lda);
        long bSpan = transB ? span(n, k, ldb) : span(k, n, ldb);
        long cSpan = span(m, n, ldc);
        OpenClBuffer[] s = scratch[slot(precision)];
        s[0] = ensure(s[0], precision, aSpan);
        s[1] = ensure(s[1], precision, bSpan);
        s[2] = ensure(s[2], precision, cSpan);
        s[0].write(0, a, aOff, aSpan);
        s[1].write(0, b, bOff, bSpan);
        if (beta != 0 || ldc != n) {
            // beta reads C; a row gap (ldc > n) must come back unchanged
            s[2].write(0, c, cOff, cSpan);
        }
        gemm(s[2], 0, ldc, s[0], 0, lda, transA, s[1], 0, ldb, transB, m, n, k, alpha, beta);
        s[2].read(0, c, cOff, cSpan); // blocking, after the GEMM on the in-order queue
    }

    private MemorySegment[] kernels(int slot, int choice) {
        MemorySegment[] ks = kernels[slot][choice];
        if (ks == null) {
            ClType precision = slot == 1 ? ClType.FLOAT64 : ClType.FLOAT32;
            String options = tiles[slot][choice].buildOptions();
            ks = new MemorySegment[TILED.length + 1];
            for (int v = 0; v < TILED.length; v++) {
                ks[v] = context.kernel(SOURCE, TILED[v], precision, options);
            }
            ks[TILED.length] = context.kernel(SOURCE, SMALL, precision, options);
            kernels[slot][choice] = ks;
        }
        return ks;
    }

    private static int slot(ClType precision) {
        return precision == ClType.FLOAT64 ? 1 : 0;
    }

    private static void checkMatrix(String name, OpenClBuffer buffer, long off, long ld, int rows, int cols) {
        if (off < 0 || ld < cols) {
            throw new IllegalArgumentException("GEMM " + name + ": offset " + off + " and leading dimension " + ld
                    + " for " + rows + " x " + cols + " as stored");
        }
        long end = off + span(rows, cols, ld);
        if (end > buffer.length()) {
            throw new IllegalArgumentException("GEMM " + name + ": " + rows + " x " + cols + " at offset " + off
                    + " with leading dimension " + ld + " ends at " + end + ", past the buffer of " + buffer.length());
        }
    }

    /** Elements from the first to one past the last of a rows x cols matrix with leading dimension ld. */
    private static long span(int rows, int cols, long ld) {
        return rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;
    }

    private OpenClBuffer ensure(OpenClBuffer buffer, ClType type, long length) {
        if (buffer != null && buffer.length() >= length) {
            return buffer;
        }
        if (buffer != null) {
            buffer.close();
        }
        return context.buffer(type, Math.max(1, length));
    }

    /** Releases the scratch buffers; the context and its kernels stay. */
    @Override
    public void close() {
        call.close();
        for (OpenClBuffer[] set : scratch) {
            for (int i = 0; i < set.length; i++) {
                if (set[i] != null) {
                    set[i].close();
                    set[i] = null;
                }
            }
        }
    }
}
