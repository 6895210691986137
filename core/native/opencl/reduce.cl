// Neurite whole-vector reductions (sum, dot, sum of squares) whose result stays on the device.
// Pass one: each work-item adds the elements gid, gid + global size, ... and each work-group
// combines its work-items by a tree in local memory into dst[dstOff + group]. With more than one
// group, sum_final adds those partial sums in one work-group. The local size must be a power of
// two. Float data accumulates in float: a few sequential terms per work-item, then tree order.

#if REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif
typedef REAL real;

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
    return s[0];
}

__kernel void sum_partials(__global real *dst, const long dstOff,
                           __global const real *x, const long xOff, const long n, __local real *s) {
    real acc = 0;
    for (long i = (long) get_global_id(0); i < n; i += (long) get_global_size(0)) {
        acc += x[xOff + i];
    }
    acc = group_sum(s, acc);
    if (get_local_id(0) == 0) {
        dst[dstOff + (long) get_group_id(0)] = acc;
    }
}

__kernel void dot_partials(__global real *dst, const long dstOff,
                           __global const real *x, const long xOff,
                           __global const real *y, const long yOff, const long n, __local real *s) {
    real acc = 0;
    for (long i = (long) get_global_id(0); i < n; i += (long) get_global_size(0)) {
        acc += x[xOff + i] * y[yOff + i];
    }
    acc = group_sum(s, acc);
    if (get_local_id(0) == 0) {
        dst[dstOff + (long) get_group_id(0)] = acc;
    }
}

__kernel void sum_of_squares_partials(__global real *dst, const long dstOff,
                                      __global const real *x, const long xOff, const long n,
                                      __local real *s) {
    real acc = 0;
    for (long i = (long) get_global_id(0); i < n; i += (long) get_global_size(0)) {
        const real v = x[xOff + i];
        acc += v * v;
    }
    acc = group_sum(s, acc);
    if (get_local_id(0) == 0) {
        dst[dstOff + (long) get_group_id(0)] = acc;
    }
}

// out[outOff] = sum of partials[0 .. count); run as a single work-group.
__kernel void sum_final(__global real *out, const long outOff,
                        __global const real *partials, const int count, __local real *s) {
    real acc = 0;
    for (int i = (int) get_local_id(0); i < count; i += (int) get_local_size(0)) {
        acc += partials[i];
    }
    acc = group_sum(s, acc);
    if (get_local_id(0) == 0) {
        out[outOff] = acc;
    }
}
