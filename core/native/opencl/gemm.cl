// Neurite GEMM, row-major: C = alpha * op(A)(m x k) * op(B)(k x n) + beta * C, where op transposes
// (A stored k x m, B stored n x k). Offsets and leading dimensions are in elements, as in
// dev.neurite.kernel.Kernels; beta == 0 never reads C, and C's row gaps (ldc > n) are not written.
//
// gemm_nn / gemm_nt / gemm_tn / gemm_tt (n: as stored, t: transposed; A then B) compute a TM x TN
// tile of C per work-group in TK-deep slices, in WM x WN register blocks of realn (VN-wide) vectors.
// Two forms, chosen by the build option PACKED:
//  - PACKED=1 (CPUs): one work-item per work-group packs each slice of op(A) and op(B) into local
//    memory and sweeps all the tile's blocks over it, keeping partial sums in cTile between slices.
//    No barriers: POCL would otherwise switch work-items (and spill the accumulators) inside loops.
//  - PACKED=0 (GPUs): (TN / WN) x (TM / WM) work-items load each slice together (consecutive
//    work-items reading consecutive addresses), then each accumulates one block in registers;
//    rows and columns are taken in vectors of VM and VN interleaved over the work-items, so that
//    neighbouring work-items read neighbouring local memory.
// Out-of-range elements load as zero, so any m, n, k works. gemm_small computes one element of C per
// work-item, for problems too small to fill tiles. All parameters are build options (-DTM=... and
// so on) that OpenClGemm chooses per device; the defaults below only make the file compile alone.

#if REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif
typedef REAL real;

#ifndef TM
#define TM 64
#endif
#ifndef TN
#define TN 64
#endif
#ifndef TK
#define TK 16
#endif
#ifndef WM
#define WM 4
#endif
#ifndef WN
#define WN 4
#endif
#ifndef VM
#define VM 1
#endif
#ifndef VN
#define VN 4
#endif
// extra elements per local row: spreads the transposing stores over local memory banks
#ifndef PADA
#define PADA 0
#endif
#ifndef PADB
#define PADB 0
#endif

#ifndef PACKED
#define PACKED 0
#endif

#if PACKED
#define LX 1
#define LY 1
#define CTILE (TM * TN)
#else
#define LX (TN / WN)
#define LY (TM / WM)
#define CTILE 1
#endif
#define NL (LX * LY)
#define CM (WM / VM)
#define CN (WN / VN)
#define ALD (TM + PADA)
#define BLD (TN + PADB)

#if TM % WM != 0 || TN % WN != 0 || WM % VM != 0 || WN % VN != 0 || ALD % VM != 0 || BLD % VN != 0
#error "inconsistent GEMM tile parameters"
#endif
#if (TM * TK) % NL != 0 || (TN * TK) % NL != 0
#error "a GEMM tile slice must split evenly over the work-group"
#endif

#define CAT_(x, y) x##y
#define CAT(x, y) CAT_(x, y)

#if VN == 1
typedef real realn;
#define LOADN(p) (*(p))
#define STOREN(v, p) (*(p) = (v))
#else
typedef CAT(REAL, VN) realn;
#define LOADN(p) CAT(vload, VN)(0, p)
#define STOREN(v, p) CAT(vstore, VN)(v, 0, p)
#endif

#if VM == 1
#define LOADM(dst, p) ((dst)[0] = *(p))
#else
#define LOADM(dst, p) CAT(vstore, VM)(CAT(vload, VM)(0, p), 0, dst)
#endif

// row[j .. j+VN) = alpha * v + beta * row[..], only the columns below n; beta == 0 never reads C,
// which may hold NaN or garbage
#define STORE_C(row, j, n, v) do { \
        const realn result_ = alpha * (v); \
        if ((j) + VN <= (n)) { \
            STOREN(beta == 0 ? result_ : result_ + beta * LOADN((row) + (j)), (row) + (j)); \
        } else { \
            real part_[VN]; \
            STOREN(result_, part_); \
            for (int e_ = 0; e_ < VN && (j) + e_ < (n); e_++) { \
                (row)[(j) + e_] = beta == 0 ? part_[e_] : part_[e_] + beta * (row)[(j) + e_]; \
            } \
        } \
    } while (0)

#if PACKED
// dst[r][0 .. cols) = src[r][0 .. validCols), then zeros, for r < validRows; zero rows up to rows
static void copy_rows(__local real *dst, const int dstStride, __global const real *src, const long srcStride,
                      const int rows, const int validRows, const int cols, const int validCols) {
    for (int r = 0; r < validRows; r++) {
        __local real *d = dst + r * dstStride;
        __global const real *s = src + r * srcStride;
        for (int e = 0; e < validCols; e++) {
            d[e] = s[e];
        }
        for (int e = validCols; e < cols; e++) {
            d[e] = 0;
        }
    }
    for (int r = validRows; r < rows; r++) {
        for (int e = 0; e < cols; e++) {
            dst[r * dstStride + e] = 0;
        }
    }
}

// PACKED=1: the tile at group (x, y), one work-item; slices zero beyond the matrix edges
__attribute__((always_inline)) static void gemm_tile(
        __global real *c, const long ldc, __global const real *a, const long lda, const int transA,
        __global const real *b, const long ldb, const int transB, const int m, const int n, const int k,
        const real alpha, const real beta, __local real *aTile, __local real *bTile, __local real *cTile) {
    const int i0 = get_group_id(1) * TM;
    const int j0 = get_group_id(0) * TN;
    const int mt = min(TM, m - i0);
    const int nt = min(TN, n - j0);
    if (k == 0) {
        for (int ii = 0; ii < mt; ii++) {
            __global real *row = c + (long) (i0 + ii) * ldc + j0;
            for (int jj = 0; jj < nt; jj++) {
                row[jj] = beta == 0 ? 0 : beta * row[jj];
            }
        }
        return;
    }
    for (int p0 = 0; p0 < k; p0 += TK) {
        const int kt = min(TK, k - p0);
        const int last = p0 + TK >= k;
        // op(A) as stored (rows of A, or of A transposed) and op(B) as bTile[p][j]; contiguous
        // runs of the source stay contiguous, the transposed B is the one scattered copy
        if (transA) {
            copy_rows(aTile, TM, a + (long) p0 * lda + i0, lda, kt, kt, TM, mt);
        } else {
            copy_rows(aTile, TK, a + (long) i0 * lda + p0, lda, TM, mt, kt, kt);
        }
        if (transB) {
            for (int jj = 0; jj < TN; jj++) {
                __global const real *src = b + (long) (j0 + jj) * ldb + p0;
                if (jj < nt) {
                    for (int pp = 0; pp < kt; pp++) {
                        bTile[pp * TN + jj] = src[pp];
                    }
                } else {
                    for (int pp = 0; pp < kt; pp++) {
                        bTile[pp * TN + jj] = 0;
                    }
                }
            }
        } else {
            copy_rows(bTile, TN, b + (long) p0 * ldb + j0, ldb, kt, kt, TN, nt);
        }
        for (int bj = 0; bj < nt; bj += WN) {
            for (int bi = 0; bi < mt; bi += WM) {
                realn acc[WM][CN];
#pragma unroll
                for (int r = 0; r < WM; r++) {
#pragma unroll
                    for (int q = 0; q < CN; q++) {
                        acc[r][q] = p0 == 0 ? (realn) 0 : LOADN(cTile + (bi + r) * TN + bj + q * VN);
                    }
                }
                // op(A)[bi + r][p] at ap[r * AR + p * AP]
                const int AR = transA ? 1 : TK;
                const int AP = transA ? TM : 1;
                __local const real *ap = aTile + bi * AR;
                __local const real *bp = bTile + bj;
                for (int p = 0; p < kt; p++) {
                    realn bv[CN];
#pragma unroll
                    for (int q = 0; q < CN; q++) {
                        bv[q] = LOADN(bp + p * TN + q * VN);
                    }
#pragma unroll
                    for (int r = 0; r < WM; r++) {
                        const realn av = (realn) ap[r * AR + p * AP];
#pragma unroll
                        for (int q = 0; q < CN; q++) {
                            acc[r][q] = fma(av, bv[q], acc[r][q]);
                        }
                    }
                }
                if (!last) {
#pragma unroll
                    for (int r = 0; r < WM; r++) {
#pragma unroll
                        for (int q = 0; q < CN; q++) {
                            STOREN(acc[r][q], cTile + (bi + r) * TN + bj + q * VN);
                        }
                    }
                    continue;
                }
#pragma unroll
                for (int r = 0; r < WM; r++) {
                    if (bi + r >= mt) {
                        continue;
                    }
                    __global real *row = c + (long) (i0 + bi + r) * ldc + j0;
#pragma unroll
                    for (int q = 0; q < CN; q++) {
                        STORE_C(row, bj + q * VN, nt, acc[r][q]);
                    }
                }
            }
        }
    }
}
#else
// PACKED=0: the tile at group (x, y), its block at work-item (x, y). Always inlined, as in the other
// form, so that each kernel's constant transA and transB fold away.
__attribute__((always_inline)) static void gemm_tile(
        __global real *c, const long ldc, __global const real *a, const long lda, const int transA,
        __global const real *b, const long ldb, const int transB, const int m, const int n, const int k,
        const real alpha, const real beta, __local real *aTile, __local real *bTile, __local real *cTile) {
    const int tx = get_local_id(0);
    const int ty = get_local_id(1);
    const int tid = ty * LX + tx;
    const int i0 = get_group_id(1) * TM;
    const int j0 = get_group_id(0) * TN;

    realn acc[WM][CN];
#pragma unroll
    for (int r = 0; r < WM; r++) {
#pragma unroll
        for (int q = 0; q < CN; q++) {
            acc[r][q] = (realn) 0;
        }
    }

    for (int p0 = 0; p0 < k; p0 += TK) {
        // op(A)[i0 .. i0+TM)[p0 .. p0+TK) into aTile[p][i]; consecutive work-items take
        // consecutive addresses of A as stored
#pragma unroll
        for (int t = 0; t < TM * TK / NL; t++) {
            const int id = tid + t * NL;
            const int ii = transA ? id % TM : id / TK;
            const int pp = transA ? id / TM : id % TK;
            const int gi = i0 + ii;
            const int gp = p0 + pp;
            real v = 0;
            if (gi < m && gp < k) {
                v = transA ? a[(long) gp * lda + gi] : a[(long) gi * lda + gp];
            }
            aTile[pp * ALD + ii] = v;
        }
        // op(B)[p0 .. p0+TK)[j0 .. j0+TN) into bTile[p][j]
#pragma unroll
        for (int t = 0; t < TN * TK / NL; t++) {
            const int id = tid + t * NL;
            const int jj = transB ? id / TK : id % TN;
            const int pp = transB ? id % TK : id / TN;
            const int gj = j0 + jj;
            const int gp = p0 + pp;
            real v = 0;
            if (gj < n && gp < k) {
                v = transB ? b[(long) gj * ldb + gp] : b[(long) gp * ldb + gj];
            }
            bTile[pp * BLD + jj] = v;
        }
        barrier(CLK_LOCAL_MEM_FENCE);

#pragma unroll
        for (int p = 0; p < TK; p++) {
            realn bv[CN];
#pragma unroll
            for (int q = 0; q < CN; q++) {
                bv[q] = LOADN(bTile + p * BLD + (q * LX + tx) * VN);
            }
            real av[WM];
#pragma unroll
            for (int r = 0; r < CM; r++) {
                LOADM(av + r * VM, aTile + p * ALD + (r * LY + ty) * VM);
            }
#pragma unroll
            for (int r = 0; r < WM; r++) {
#pragma unroll
                for (int q = 0; q < CN; q++) {
                    acc[r][q] = fma((realn) av[r], bv[q], acc[r][q]);
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }

#pragma unroll
    for (int r = 0; r < WM; r++) {
        const int i = i0 + ((r / VM) * LY + ty) * VM + r % VM;
        if (i >= m) {
            continue;
        }
        __global real *row = c + (long) i * ldc;
#pragma unroll
        for (int q = 0; q < CN; q++) {
            STORE_C(row, (q * LX + tx) * VN + j0, n, acc[r][q]);
        }
    }
}

#endif

#define GEMM_KERNEL(NAME, TRANS_A, TRANS_B) \
__kernel __attribute__((reqd_work_group_size(LX, LY, 1))) \
void NAME(__global real *c, const long cOff, const long ldc, \
          __global const real *a, const long aOff, const long lda, \
          __global const real *b, const long bOff, const long ldb, \
          const int m, const int n, const int k, const real alpha, const real beta) { \
    __local real aTile[TK * ALD] __attribute__((aligned(64))); \
    __local real bTile[TK * BLD] __attribute__((aligned(64))); \
    __local real cTile[CTILE] __attribute__((aligned(64))); \
    gemm_tile(c + cOff, ldc, a + aOff, lda, TRANS_A, b + bOff, ldb, TRANS_B, m, n, k, alpha, beta, \
              aTile, bTile, cTile); \
}

GEMM_KERNEL(gemm_nn, 0, 0)
GEMM_KERNEL(gemm_nt, 0, 1)
GEMM_KERNEL(gemm_tn, 1, 0)
GEMM_KERNEL(gemm_tt, 1, 1)

// One element of C per work-item: global size (n, m).
__kernel void gemm_small(__global real *c, const long cOff, const long ldc,
                         __global const real *a, const long aOff, const long lda, const int transA,
                         __global const real *b, const long bOff, const long ldb, const int transB,
                         const int m, const int n, const int k, const real alpha, const real beta) {
    const int j = get_global_id(0);
    const int i = get_global_id(1);
    if (i >= m || j >= n) {
        return;
    }
    const long aStep = transA ? lda : 1;
    const long bStep = transB ? 1 : ldb;
    __global const real *ap = a + aOff + (transA ? (long) i : (long) i * lda);
    __global const real *bp = b + bOff + (transB ? (long) j * ldb : (long) j);
    real sum = 0;
    for (int p = 0; p < k; p++) {
        sum = fma(ap[p * aStep], bp[p * bStep], sum);
    }
    const long ci = cOff + (long) i * ldc + j;
    c[ci] = beta == 0 ? alpha * sum : alpha * sum + beta * c[ci];
}
