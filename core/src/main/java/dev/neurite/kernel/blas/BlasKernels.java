package dev.neurite.kernel.blas;

import static dev.neurite.kernel.blas.cblas_h.CblasNoTrans;
import static dev.neurite.kernel.blas.cblas_h.CblasRowMajor;
import static dev.neurite.kernel.blas.cblas_h.CblasTrans;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.neurite.kernel.ForwardingKernels;
import dev.neurite.kernel.KernelThreads;
import dev.neurite.kernel.Kernels;
import java.lang.foreign.MemorySegment;

/**
 * The OpenBLAS backend: GEMM, GEMV, AXPY and DOT (and sum of squares, as a dot) go to
 * {@code libopenblas.so.0} through the FFM API; every other method is forwarded
 * ({@link ForwardingKernels}) to the element-wise backend given at construction.
 *
 * <p>Where OpenBLAS would not give the result {@link Kernels} promises, the call goes to the
 * element-wise backend instead: {@code alpha == 0} (BLAS skips the product, so NaN and infinities
 * in the inputs would not propagate), an empty inner dimension (BLAS rejects the leading
 * dimensions callers may pass then), and heap segments (plain downcalls take native memory only).
 *
 * <p>Each native call slices its segments to the element offset ({@code asSlice}), a small
 * object per argument that escape analysis usually removes; nothing else is allocated.
 */
public final class BlasKernels extends ForwardingKernels {

    /**
     * Level-1 calls shorter than this stay in Java. Measured on a 2-core AMD EPYC (Zen 3):
     * cblas_sdot costs 12 ns at n = 4 against 7 ns for a Java loop, breaks even near n = 16 and
     * is 8x faster at n = 256. A Vector API backend moves the break-even up a little.
     */
    static final int MIN_NATIVE_LENGTH = 16;

    // Nothing static here may touch cblas_h: its initialiser binds the library, and the
    // constructor must first check that it loads (BlasFallbackTest covers this).
    private final Kernels elementwise; // the delegate: everything BLAS does not cover
    private final boolean singleRowsOnElementwise;

    /**
     * Loads OpenBLAS and sets it to run on the calling thread: large products are split across
     * {@link KernelThreads} by {@link BlasBands}.
     *
     * @param elementwise the backend for everything BLAS does not cover
     * @throws UnsupportedOperationException when the library or one of its symbols is missing
     */
    public BlasKernels(Kernels elementwise) {
        this(elementwise, false);
    }

    /**
     * As {@link #BlasKernels(Kernels)}; with {@code singleRowsOnElementwise}, float products of one
     * row (batch-1 inference) go to the element-wise backend too: the Vector API's row kernel
     * streams {@code B} at cache bandwidth, 8.1 us for the Fashion-MNIST MLP where OpenBLAS's
     * GEMV took 33.6 us (its SSE {@code Prescott} core, 2-core Xeon).
     */
    public BlasKernels(Kernels elementwise, boolean singleRowsOnElementwise) {
        super(elementwise);
        OpenBlasLibrary.requireLoaded();
        this.elementwise = elementwise;
        this.singleRowsOnElementwise = singleRowsOnElementwise;
        // Neurite's kernel threads split the products (BlasBands): OpenBLAS runs each part alone
        cblas_h.openblas_set_num_threads(1);
    }

    @Override
    public String name() {
        return "blas";
    }

    @Override
    public String details() {
        return OpenBlasInfo.describe() + "; element-wise ops from " + elementwise.name();
    }

    /** The element-wise backend this one delegates to. */
    public Kernels elementwise() {
        return elementwise;
    }

    private static MemorySegment f32(MemorySegment s, long off) {
        return s.asSlice(off * Float.BYTES);
    }

    private static MemorySegment f64(MemorySegment s, long off) {
        return s.asSlice(off * Double.BYTES);
    }

    private static int blasInt(long v) {
        assert v >= 0 && v <= Integer.MAX_VALUE : "BLAS index out of int range: " + v;
        return (int) v;
    }

    private static int trans(boolean transpose) {
        return transpose ? CblasTrans() : CblasNoTrans();
    }

    private static boolean isNative(MemorySegment a, MemorySegment b, MemorySegment c) {
        return a.isNative() && b.isNative() && c.isNative();
    }

    // ---------------------------------------------------------------------------------------
    // GEMM. A single output row or column goes to GEMV: OpenBLAS's GEMM packs B even for one
    // row, and GEMV was 4x faster for 1x256x784 (13 us against 52 us).

    @Override
    public void gemmF32(MemorySegment c, long cOff, long ldc,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment b, long bOff, long ldb, boolean transB,
                        int m, int n, int k, float alpha, float beta) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f || !isNative(a, b, c) || (m == 1 && singleRowsOnElementwise)) {
            elementwise.gemmF32(c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
            return;
        }
        assert lda >= (transA ? m : k) && ldb >= (transB ? k : n) && ldc >= n;
        if (m == 1) {
            // c (1 x n) = op(B)^T a: B^T (k x n stored) with Trans, or B (n x k stored) without
            if (beta == 0f) {
                zeroF32(c, cOff, n, 1);
            }
            cblas_h.cblas_sgemv(CblasRowMajor(), trans(!transB), transB ? n : k, transB ? k : n,
                    alpha, f32(b, bOff), blasInt(ldb), f32(a, aOff), transA ? blasInt(lda) : 1,
                    beta, f32(c, cOff), 1);
        } else if (n == 1) {
            // c (m x 1, stride ldc) = op(A) b, b strided by ldb unless transposed
            if (beta == 0f) {
                zeroF32(c, cOff, m, ldc);
            }
            cblas_h.cblas_sgemv(CblasRowMajor(), trans(transA), transA ? k : m, transA ? m : k,
                    alpha, f32(a, aOff), blasInt(lda), f32(b, bOff), transB ? 1 : blasInt(ldb),
                    beta, f32(c, cOff), blasInt(ldc));
        } else {
            // beta == 0: OpenBLAS writes C without reading it (BlasKernelsTest checks NaN in C)
            BlasBands.run(m, n, k, a, b, c, (row0, rows, col0, cols) ->
                    cblas_h.cblas_sgemm(CblasRowMajor(), trans(transA), trans(transB), rows, cols, k,
                            alpha, f32(a, aOff + (transA ? row0 : row0 * lda)), blasInt(lda),
                            f32(b, bOff + (transB ? col0 * ldb : col0)), blasInt(ldb),
                            beta, f32(c, cOff + row0 * ldc + col0), blasInt(ldc)));
        }
    }

    @Override
    public void gemmF64(MemorySegment c, long cOff, long ldc,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment b, long bOff, long ldb, boolean transB,
                        int m, int n, int k, double alpha, double beta) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0 || !isNative(a, b, c)) {
            elementwise.gemmF64(c, cOff, ldc, a, aOff, lda, transA, b, bOff, ldb, transB, m, n, k, alpha, beta);
            return;
        }
        assert lda >= (transA ? m : k) && ldb >= (transB ? k : n) && ldc >= n;
        if (m == 1) {
            if (beta == 0) {
                zeroF64(c, cOff, n, 1);
            }
            cblas_h.cblas_dgemv(CblasRowMajor(), trans(!transB), transB ? n : k, transB ? k : n,
                    alpha, f64(b, bOff), blasInt(ldb), f64(a, aOff), transA ? blasInt(lda) : 1,
                    beta, f64(c, cOff), 1);
        } else if (n == 1) {
            if (beta == 0) {
                zeroF64(c, cOff, m, ldc);
            }
            cblas_h.cblas_dgemv(CblasRowMajor(), trans(transA), transA ? k : m, transA ? m : k,
                    alpha, f64(a, aOff), blasInt(lda), f64(b, bOff), transB ? 1 : blasInt(ldb),
                    beta, f64(c, cOff), blasInt(ldc));
        } else {
            BlasBands.run(m, n, k, a, b, c, (row0, rows, col0, cols) ->
                    cblas_h.cblas_dgemm(CblasRowMajor(), trans(transA), trans(transB), rows, cols, k,
                            alpha, f64(a, aOff + (transA ? row0 : row0 * lda)), blasInt(lda),
                            f64(b, bOff + (transB ? col0 * ldb : col0)), blasInt(ldb),
                            beta, f64(c, cOff + row0 * ldc + col0), blasInt(ldc)));
        }
    }

    /*
     * GEMV with beta == 0 scales y by 0 first. OpenBLAS 0.3.21 clears NaN that way (checked by
     * BlasKernelsTest without this), but how scal by 0 treats NaN has changed between OpenBLAS
     * releases, so y is cleared here: O(len), against O(len * k) for the call.
     */
    private static void zeroF32(MemorySegment y, long off, long len, long inc) {
        for (long i = 0; i < len; i++) {
            y.setAtIndex(JAVA_FLOAT, off + i * inc, 0f);
        }
    }

    private static void zeroF64(MemorySegment y, long off, long len, long inc) {
        for (long i = 0; i < len; i++) {
            y.setAtIndex(JAVA_DOUBLE, off + i * inc, 0.0);
        }
    }

    // ---------------------------------------------------------------------------------------
    // GEMV

    @Override
    public void gemvF32(MemorySegment y, long yOff,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment x, long xOff, int m, int n, float alpha, float beta) {
        int outLen = transA ? n : m;
        int inLen = transA ? m : n;
        if (outLen == 0) {
            return;
        }
        if (inLen == 0 || alpha == 0f || !isNative(y, a, x)) {
            elementwise.gemvF32(y, yOff, a, aOff, lda, transA, x, xOff, m, n, alpha, beta);
            return;
        }
        assert lda >= n;
        if (beta == 0f) {
            zeroF32(y, yOff, outLen, 1);
        }
        cblas_h.cblas_sgemv(CblasRowMajor(), trans(transA), m, n, alpha, f32(a, aOff), blasInt(lda),
                f32(x, xOff), 1, beta, f32(y, yOff), 1);
    }

    @Override
    public void gemvF64(MemorySegment y, long yOff,
                        MemorySegment a, long aOff, long lda, boolean transA,
                        MemorySegment x, long xOff, int m, int n, double alpha, double beta) {
        int outLen = transA ? n : m;
        int inLen = transA ? m : n;
        if (outLen == 0) {
            return;
        }
        if (inLen == 0 || alpha == 0 || !isNative(y, a, x)) {
            elementwise.gemvF64(y, yOff, a, aOff, lda, transA, x, xOff, m, n, alpha, beta);
            return;
        }
        assert lda >= n;
        if (beta == 0) {
            zeroF64(y, yOff, outLen, 1);
        }
        cblas_h.cblas_dgemv(CblasRowMajor(), trans(transA), m, n, alpha, f64(a, aOff), blasInt(lda),
                f64(x, xOff), 1, beta, f64(y, yOff), 1);
    }

    // ---------------------------------------------------------------------------------------
    // Level 1. Lengths beyond int range go in int-sized chunks.

    private static final long CHUNK = Integer.MAX_VALUE;

    @Override
    public void axpyF32(MemorySegment y, long yOff, float alpha, MemorySegment x, long xOff, long n) {
        if (n < MIN_NATIVE_LENGTH || alpha == 0f || !isNative(y, x, x)) {
            elementwise.axpyF32(y, yOff, alpha, x, xOff, n);
        } else if (n <= CblasCritical.MAX_LENGTH) {
            CblasCritical.saxpy((int) n, alpha, f32(x, xOff), 1, f32(y, yOff), 1);
        } else {
            for (long i = 0; i < n; i += CHUNK) {
                int len = (int) Math.min(CHUNK, n - i);
                cblas_h.cblas_saxpy(len, alpha, f32(x, xOff + i), 1, f32(y, yOff + i), 1);
            }
        }
    }

    @Override
    public void axpyF64(MemorySegment y, long yOff, double alpha, MemorySegment x, long xOff, long n) {
        if (n < MIN_NATIVE_LENGTH || alpha == 0 || !isNative(y, x, x)) {
            elementwise.axpyF64(y, yOff, alpha, x, xOff, n);
        } else if (n <= CblasCritical.MAX_LENGTH) {
            CblasCritical.daxpy((int) n, alpha, f64(x, xOff), 1, f64(y, yOff), 1);
        } else {
            for (long i = 0; i < n; i += CHUNK) {
                int len = (int) Math.min(CHUNK, n - i);
                cblas_h.cblas_daxpy(len, alpha, f64(x, xOff + i), 1, f64(y, yOff + i), 1);
            }
        }
    }

    @Override
    public float dotF32(MemorySegment x, long xOff, MemorySegment y, long yOff, long n) {
        if (n < MIN_NATIVE_LENGTH || !isNative(x, y, y)) {
            return elementwise.dotF32(x, xOff, y, yOff, n);
        }
        if (n <= CblasCritical.MAX_LENGTH) {
            return CblasCritical.sdot((int) n, f32(x, xOff), 1, f32(y, yOff), 1);
        }
        float sum = 0f;
        for (long i = 0; i < n; i += CHUNK) {
            int len = (int) Math.min(CHUNK, n - i);
            sum += cblas_h.cblas_sdot(len, f32(x, xOff + i), 1, f32(y, yOff + i), 1);
        }
        return sum;
    }

    @Override
    public double dotF64(MemorySegment x, long xOff, MemorySegment y, long yOff, long n) {
        if (n < MIN_NATIVE_LENGTH || !isNative(x, y, y)) {
            return elementwise.dotF64(x, xOff, y, yOff, n);
        }
        if (n <= CblasCritical.MAX_LENGTH) {
            return CblasCritical.ddot((int) n, f64(x, xOff), 1, f64(y, yOff), 1);
        }
        double sum = 0;
        for (long i = 0; i < n; i += CHUNK) {
            int len = (int) Math.min(CHUNK, n - i);
            sum += cblas_h.cblas_ddot(len, f64(x, xOff + i), 1, f64(y, yOff + i), 1);
        }
        return sum;
    }

    @Override
    public float sumOfSquaresF32(MemorySegment x, long xOff, long n) {
        return dotF32(x, xOff, x, xOff, n);
    }

    @Override
    public double sumOfSquaresF64(MemorySegment x, long xOff, long n) {
        return dotF64(x, xOff, x, xOff, n);
    }

    // ---------------------------------------------------------------------------------------
    // Everything else: the element-wise backend.

    // ---------------------------------------------------------------------------------------
    // Optimizer updates: the element-wise backend's

}
