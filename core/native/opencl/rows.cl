// Neurite row kernels over row-major views (element offsets and leading dimensions, as in
// dev.neurite.kernel.Kernels): softmax, log-softmax, softmax cross-entropy, row sum/max, argmax.
// One work-group per row: each work-item walks the columns lid, lid + size, ... and the group
// combines its values by a tree in local memory. The local size must be a power of two.
// Maxima propagate NaN and prefer +0 over -0, as Java's Math.max, which the reference uses.

#if REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif
typedef REAL real;

real max_nan(real a, real b) {
    if (isnan(a) || isnan(b)) {
        return a + b;
    }
    if (a == b) {
        return signbit(a) ? b : a;
    }
    return a > b ? a : b;
}

// The group's sum of v; every work-item gets it. s holds one real per work-item.
real group_sum(__local real *s, real v) {
    const int lid = (int) get_local_id(0);
    s[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int h = (int) get_local_size(0) >> 1; h > 0; h >>= 1) {
        if (lid < h) {
            s[lid] += s[lid + h];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const real r = s[0];
    barrier(CLK_LOCAL_MEM_FENCE); // s is written again by the next reduction
    return r;
}

real group_max(__local real *s, real v) {
    const int lid = (int) get_local_id(0);
    s[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int h = (int) get_local_size(0) >> 1; h > 0; h >>= 1) {
        if (lid < h) {
            s[lid] = max_nan(s[lid], s[lid + h]);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const real r = s[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}

real row_max_of(__global const real *x, int cols, __local real *s) {
    real m = -INFINITY;
    for (int j = (int) get_local_id(0); j < cols; j += (int) get_local_size(0)) {
        m = max_nan(m, x[j]);
    }
    return group_max(s, m);
}

real row_exp_sum(__global const real *x, int cols, real rowMax, __local real *s) {
    real e = 0;
    for (int j = (int) get_local_id(0); j < cols; j += (int) get_local_size(0)) {
        e += exp(x[j] - rowMax);
    }
    return group_sum(s, e);
}

__kernel void softmax_rows(__global real *out, const long outOff, const long ldOut,
                           __global const real *x, const long xOff, const long ldx,
                           const int rows, const int cols, __local real *s) {
    const long row = (long) get_group_id(0);
    if (row >= rows) {
        return;
    }
    __global const real *xr = x + xOff + row * ldx;
    __global real *orow = out + outOff + row * ldOut;
    const real rowMax = row_max_of(xr, cols, s);
    const real sum = row_exp_sum(xr, cols, rowMax, s);
    for (int j = (int) get_local_id(0); j < cols; j += (int) get_local_size(0)) {
        orow[j] = exp(xr[j] - rowMax) / sum;
    }
}

__kernel void log_softmax_rows(__global real *out, const long outOff, const long ldOut,
                               __global const real *x, const long xOff, const long ldx,
                               const int rows, const int cols, __local real *s) {
    const long row = (long) get_group_id(0);
    if (row >= rows) {
        return;
    }
    __global const real *xr = x + xOff + row * ldx;
    __global real *orow = out + outOff + row * ldOut;
    const real rowMax = row_max_of(xr, cols, s);
    const real logSum = log(row_exp_sum(xr, cols, rowMax, s));
    for (int j = (int) get_local_id(0); j < cols; j += (int) get_local_size(0)) {
        orow[j] = xr[j] - rowMax - logSum;
    }
}

// dz[i, j] = scale * (softmax(z)[i, j] - (j == label)); loss[i] = (max - z[i, label]) + log(sum),
// the difference first so that logits near 1e4 keep their low bits in float. A label outside
// [0, cols) makes the row's gradient and loss NaN rather than reading out of bounds.
__kernel void softmax_xent_rows(__global real *dz, const long dzOff, const long ldd,
                                __global const real *z, const long zOff, const long ldz,
                                __global const int *labels, const long labelsOff,
                                const int rows, const int cols, const real scale,
                                __global real *loss, const long lossOff, __local real *s) {
    const long row = (long) get_group_id(0);
    if (row >= rows) {
        return;
    }
    __global const real *zr = z + zOff + row * ldz;
    __global real *dr = dz + dzOff + row * ldd;
    const real rowMax = row_max_of(zr, cols, s);
    const real sum = row_exp_sum(zr, cols, rowMax, s);
    const int label = labels[labelsOff + row];
    const int valid = label >= 0 && label < cols;
    for (int j = (int) get_local_id(0); j < cols; j += (int) get_local_size(0)) {
        const real p = exp(zr[j] - rowMax) / sum;
        dr[j] = valid ? scale * (j == label ? p - (real) 1 : p) : (real) NAN;
    }
    if (get_local_id(0) == 0) {
        loss[lossOff + row] = valid ? (rowMax - zr[label]) + log(sum) : (real) NAN;
    }
}

__kernel void row_sum(__global real *out, const long outOff,
                      __global const real *x, const long xOff, const long ldx,
                      const int rows, const int cols, __local real *s) {
    const long row = (long) get_group_id(0);
    if (row >= rows) {
        return;
    }
    __global const real *xr = x + xOff + row * ldx;
    real acc = 0;
    for (int j = (int) get_local_id(0); j < cols; j += (int) get_local_size(0)) {
        acc += xr[j];
    }
    acc = group_sum(s, acc);
    if (get_local_id(0) == 0) {
        out[outOff + row] = acc;
    }
}

__kernel void row_max(__global real *out, const long outOff,
                      __global const real *x, const long xOff, const long ldx,
                      const int rows, const int cols, __local real *s) {
    const long row = (long) get_group_id(0);
    if (row >= rows) {
        return;
    }
    const real m = row_max_of(x + xOff + row * ldx, cols, s);
    if (get_local_id(0) == 0) {
        out[outOff + row] = m;
    }
}

// Does candidate (b, jb) beat (a, ja)? NaN is the maximum; among equals (NaN or not) the lower
// index wins, so the first maximum and the first NaN win, as in NumPy.
int beats(real b, int jb, real a, int ja) {
    const int bn = isnan(b);
    const int an = isnan(a);
    if (bn != an) {
        return bn;
    }
    if (!bn && b != a) {
        return b > a;
    }
    return jb < ja;
}

// out[i] = argmax_j x[i, j]; 0 for an empty row. A work-item with no column holds index INT_MAX,
// which loses to every real candidate, -inf included.
__kernel void row_argmax(__global int *out, const long outOff,
                         __global const real *x, const long xOff, const long ldx,
                         const int rows, const int cols, __local real *sv, __local int *si) {
    const long row = (long) get_group_id(0);
    if (row >= rows) {
        return;
    }
    __global const real *xr = x + xOff + row * ldx;
    const int lid = (int) get_local_id(0);
    real best = -INFINITY;
    int at = INT_MAX;
    for (int j = lid; j < cols; j += (int) get_local_size(0)) {
        const real v = xr[j];
        if (beats(v, j, best, at)) {
            best = v;
            at = j;
        }
    }
    sv[lid] = best;
    si[lid] = at;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int h = (int) get_local_size(0) >> 1; h > 0; h >>= 1) {
        if (lid < h && beats(sv[lid + h], si[lid + h], sv[lid], si[lid])) {
            sv[lid] = sv[lid + h];
            si[lid] = si[lid + h];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) {
        out[outOff + row] = si[0] == INT_MAX ? 0 : si[0];
    }
}
