// Neurite float32 GEMM, row-major: C = alpha * op(A)(m x k) * op(B)(k x n) + beta * C, where op
// transposes when transA / transB is non-zero (A stored k x m, B stored n x k).
// Each work-group computes a TS x TS tile of C, staging TS x TS tiles of A and B in local memory;
// out-of-range tile elements load as zero, so any m, n, k works with the global size rounded up.
// Offsets and leading dimensions are in elements, as in dev.neurite.kernel.Kernels.

#ifndef TS
#define TS 16
#endif

__kernel __attribute__((reqd_work_group_size(TS, TS, 1)))
void gemm_f32(__global float *c, const long cOff, const long ldc,
              __global const float *a, const long aOff, const long lda, const int transA,
              __global const float *b, const long bOff, const long ldb, const int transB,
              const int m, const int n, const int k, const float alpha, const float beta) {
    __local float aTile[TS][TS];
    __local float bTile[TS][TS];
    const int col = get_local_id(0);
    const int row = get_local_id(1);
    const int j = get_group_id(0) * TS + col;
    const int i = get_group_id(1) * TS + row;
    float acc = 0.0f;
    for (int p0 = 0; p0 < k; p0 += TS) {
        const int pa = p0 + col;
        const int pb = p0 + row;
        aTile[row][col] = (i < m && pa < k)
                ? a[aOff + (transA ? (long) pa * lda + i : (long) i * lda + pa)] : 0.0f;
        bTile[row][col] = (pb < k && j < n)
                ? b[bOff + (transB ? (long) j * ldb + pb : (long) pb * ldb + j)] : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int q = 0; q < TS; q++) {
            acc += aTile[row][q] * bTile[q][col];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (i < m && j < n) {
        const long ci = cOff + (long) i * ldc + j;
        const float result = alpha * acc;
        // beta == 0 must not read C: it may hold NaN or garbage
        c[ci] = beta == 0.0f ? result : result + beta * c[ci];
    }
}
