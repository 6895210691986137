// Neurite bias kernels over row-major matrices, written once over `real`: the bias add
// out[i, j] = a[i, j] + bias[j] and the bias gradient out[j] = sum_i a[i, j].

#if REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif
typedef REAL real;

#pragma OPENCL FP_CONTRACT OFF

// Work-group shape of column_sums; must match OpenClOps.
#define CS_COLS 16
#define CS_ROWS 16

// 2-D range: dimension 0 the column j, dimension 1 the row i.
__kernel void add_row_vector(__global real *out, const long outOff, const long ldOut,
                             __global const real *a, const long aOff, const long lda,
                             __global const real *bias, const long biasOff, const int rows, const int cols) {
    const long j = get_global_id(0);
    const long i = get_global_id(1);
    if (i < rows && j < cols) {
        out[outOff + i * ldOut + j] = a[aOff + i * lda + j] + bias[biasOff + j];
    }
}

// A work-group sums CS_COLS adjacent columns: each of its CS_ROWS row lanes adds every
// CS_ROWS-th row (neighbouring work-items read neighbouring columns), then the lanes' partial
// sums are added in local memory. The global size is (cols rounded up to CS_COLS, CS_ROWS).
__kernel __attribute__((reqd_work_group_size(CS_COLS, CS_ROWS, 1)))
void column_sums(__global real *out, const long outOff, __global const real *a, const long aOff,
                 const long lda, const int rows, const int cols) {
    __local real part[CS_ROWS][CS_COLS];
    const int lc = get_local_id(0);
    const int lr = get_local_id(1);
    const long j = get_global_id(0);
    real acc = 0;
    if (j < cols) {
        for (long i = lr; i < rows; i += CS_ROWS) {
            acc += a[aOff + i * lda + j];
        }
    }
    part[lr][lc] = acc;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = CS_ROWS / 2; s > 0; s >>= 1) {
        if (lr < s) {
            part[lr][lc] += part[lr + s][lc];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lr == 0 && j < cols) {
        out[outOff + j] = part[0][lc];
    }
}

// Row and column broadcasts: out[i, j] = a[i, j] op v[j] (byRow) or a[i, j] op v[i], op in the
// order of BinaryOp (0 add, 1 sub, 2 mul, 3 div). 2-D range as add_row_vector.
__kernel void broadcast(const int op, const int byRow, __global real *out, const long outOff, const long ldOut,
                        __global const real *a, const long aOff, const long lda,
                        __global const real *v, const long vOff, const int rows, const int cols) {
    const long j = get_global_id(0);
    const long i = get_global_id(1);
    if (i < rows && j < cols) {
        const real x = a[aOff + i * lda + j];
        const real y = v[vOff + (byRow ? j : i)];
        real r;
        switch (op) {
            case 0: r = x + y; break;
            case 1: r = x - y; break;
            case 2: r = x * y; break;
            default: r = x / y; break;
        }
        out[outOff + i * ldOut + j] = r;
    }
}
