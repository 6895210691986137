package dev.neurite.kernel.opencl;

/**
 * Build-time tile parameters of {@code gemm.cl}. A work-group computes a {@code tm x tn} tile of C
 * in {@code tk}-deep steps, in {@code wm x wn} register blocks read from local memory in vectors of
 * {@code vm} rows and {@code vn} columns.
 *
 * <p>{@code packed} (CPUs): one work-item per work-group packs the slices and sweeps all the
 * tile's blocks, with no barriers. Otherwise (GPUs) {@code (tn / wn) x (tm / wm)} work-items load
 * the slices together and each keeps one block; {@code padA}/{@code padB} lengthen the local rows.
 * Problems of fewer than {@code smallWork} multiply-adds, or with {@code m} or {@code n} under
 * {@code smallEdge}, use the one-element-per-work-item kernel instead.
 */
record GemmTiles(boolean packed, int tm, int tn, int tk, int wm, int wn, int vm, int vn, int padA, int padB,
                 long smallWork, int smallEdge) {

    private static final long SMALL_WORK = 1L << 15;

    /**
     * POCL and other CPU devices: 6 x 16 blocks in 8-wide float vectors (12 AVX accumulators), 96 x 64
     * tiles 128 deep (about 100 KiB of local memory, which is ordinary cached memory there).
     */
    static final GemmTiles CPU_F32 = new GemmTiles(true, 96, 64, 128, 6, 16, 1, 8, 0, 0, SMALL_WORK, 4);
    /** CPU double: 6 x 8 blocks in 4-wide double vectors. */
    static final GemmTiles CPU_F64 = new GemmTiles(true, 96, 64, 128, 6, 8, 1, 4, 0, 0, SMALL_WORK, 4);
    /** CPUs whose local memory is under {@link #CPU_F32}'s (32 KiB is common): 48 x 32 x 64, 26 KiB. */
    static final GemmTiles CPU_F32_COMPACT = new GemmTiles(true, 48, 32, 64, 6, 16, 1, 8, 0, 0, SMALL_WORK, 4);
    /** Double on such CPUs: 48 x 32 x 24, 27 KiB. */
    static final GemmTiles CPU_F64_COMPACT = new GemmTiles(true, 48, 32, 24, 6, 8, 1, 4, 0, 0, SMALL_WORK, 4);
    /**
     * GPUs: 128 x 128 tiles, 256 work-items of 8 x 8 in float4 vectors; local rows padded by one
     * vector so that transposing stores spread over the banks. A k-step of 8 halves the local
     * memory per group, so more groups fit per compute unit: on an H100 (NVIDIA OpenCL 3.0) at
     * 4096^3 it ran 32.5 TFLOP/s median against 27.2 with a k-step of 16, 29.5 with 128 x 64 tiles
     * and 26.3 with 64 x 64 (one process alternating the four, five rounds). Compare tiles on
     * another device with the GEMM benchmark and {@code -Dneurite.opencl.gemm.tiles.f32=...}.
     */
    static final GemmTiles GPU_F32 = new GemmTiles(false, 128, 128, 8, 8, 8, 4, 4, 4, 4, SMALL_WORK, 8);
    /** GPUs, problems with fewer 128 x 128 tiles than compute units: 64 x 64 tiles, 4 x 4 blocks. */
    static final GemmTiles GPU_F32_FEW = new GemmTiles(false, 64, 64, 16, 4, 4, 4, 4, 4, 4, SMALL_WORK, 8);
    /** GPU double: 64 x 64 tiles, 256 work-items of 4 x 4 in double2 vectors. */
    static final GemmTiles GPU_F64 = new GemmTiles(false, 64, 64, 16, 4, 4, 2, 2, 2, 2, SMALL_WORK, 8);
    /** GPU double with fewer 64 x 64 tiles than compute units: 32 x 32 tiles, 2 x 2 blocks. */
    static final GemmTiles GPU_F64_FEW = new GemmTiles(false, 32, 32, 16, 2, 2, 2, 2, 2, 2, SMALL_WORK, 8);
    /** Fits any OpenCL 1.2 device: 64 work-items, about 4 KiB of local memory (8 KiB in double). */
    static final GemmTiles MINIMAL = new GemmTiles(false, 32, 32, 16, 4, 4, 1, 1, 1, 0, SMALL_WORK, 4);

    GemmTiles {
        int workItems = packed ? 1 : tm > 0 && tn > 0 && wm > 0 && wn > 0 ? (tn / wn) * (tm / wm) : 0;
        if (workItems == 0 || tk <= 0 || vm <= 0 || vn <= 0 || padA < 0 || padB < 0
                || tm % wm != 0 || tn % wn != 0 || wm % vm != 0 || wn % vn != 0
                || (tm + padA) % vm != 0 || (tn + padB) % vn != 0 || !isVectorWidth(vm) || !isVectorWidth(vn)
                || (tm * tk) % workItems != 0 || (tn * tk) % workItems != 0) {
            throw new IllegalArgumentException("inconsistent GEMM tiles: packed=" + packed + " tm=" + tm + " tn=" + tn
                    + " tk=" + tk + " wm=" + wm + " wn=" + wn + " vm=" + vm + " vn=" + vn + " padA=" + padA
                    + " padB=" + padB);
        }
    }

    private static boolean isVectorWidth(int v) {
        return v == 1 || v == 2 || v == 4 || v == 8 || v == 16;
    }

    /** Work-items along n (local size dimension 0). */
    int localX() {
        return packed ? 1 : tn / wn;
    }

    /** Work-items along m (local size dimension 1). */
    int localY() {
        return packed ? 1 : tm / wm;
    }

    int workGroupSize() {
        return localX() * localY();
    }

    /** Local memory one work-group uses for elements of {@code elementBytes}. */
    long localBytes(int elementBytes) {
        long elements = (long) tk * ((tm + padA) + (tn + padB)) + (packed ? (long) tm * tn : 1);
        return elements * elementBytes;
    }

    /** The {@code -D} options that build gemm.cl with these tiles. */
    String buildOptions() {
        return "-DPACKED=" + (packed ? 1 : 0) + " -DTM=" + tm + " -DTN=" + tn + " -DTK=" + tk + " -DWM=" + wm
                + " -DWN=" + wn + " -DVM=" + vm + " -DVN=" + vn + " -DPADA=" + padA + " -DPADB=" + padB;
    }

    /** Whether a problem this small runs the one-element-per-work-item kernel. */
    boolean small(int m, int n, int k) {
        return m < smallEdge || n < smallEdge || (long) m * n * Math.max(k, 1) < smallWork;
    }

    /** These tiles, but never the one-element-per-work-item kernel. */
    GemmTiles alwaysTiled() {
        return new GemmTiles(packed, tm, tn, tk, wm, wn, vm, vn, padA, padB, 0, 0);
    }

    /**
     * Parses "packed|coop,tm,tn,tk,wm,wn,vm,vn,padA,padB" (small-problem limits as in {@code base}).
     */
    static GemmTiles parse(String spec, GemmTiles base) {
        String[] f = spec.split(",");
        if (f.length != 10 || !(f[0].equals("packed") || f[0].equals("coop"))) {
            throw new IllegalArgumentException("GEMM tiles need packed|coop,tm,tn,tk,wm,wn,vm,vn,padA,padB: " + spec);
        }
        int[] v = new int[9];
        for (int i = 0; i < 9; i++) {
            v[i] = Integer.parseInt(f[i + 1].trim());
        }
        return new GemmTiles(f[0].equals("packed"), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
                base.smallWork, base.smallEdge);
    }

    @Override
    public String toString() {
        return (packed ? "packed" : "coop") + " tile " + tm + "x" + tn + "x" + tk + ", block " + wm + "x" + wn
                + ", vectors " + vm + "x" + vn + ", pad " + padA + "/" + padB + ", work-group " + localX() + "x"
                + localY();
    }
}
