// Neurite training helpers on the device: statistics of a mini-batch that the host reads back in
// one small transfer after each step.
#if REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif
typedef REAL real;

#define GROUP 256

// stats[statsOff] = number of rows i whose first maximal logit z[i, :] is at labels[i].
// One work-group of GROUP work-items; each takes rows i = lid, lid + GROUP, ...
__kernel __attribute__((reqd_work_group_size(GROUP, 1, 1)))
void count_correct(__global real *stats, const long statsOff,
                   __global const real *z, const long zOff, const long ldz,
                   __global const int *labels, const long labelsOff, const int rows, const int cols) {
    __local int counts[GROUP];
    const int lid = get_local_id(0);
    int count = 0;
    for (int i = lid; i < rows; i += GROUP) {
        __global const real *row = z + zOff + (long) i * ldz;
        int best = 0;
        real bestValue = row[0];
        for (int j = 1; j < cols; j++) {
            real v = row[j];
            // a NaN counts as the maximum, the first one winning, as in the host arg-max
            if (!isnan(bestValue) && (v > bestValue || isnan(v))) {
                best = j;
                bestValue = v;
            }
        }
        count += best == labels[labelsOff + i] ? 1 : 0;
    }
    counts[lid] = count;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int width = GROUP / 2; width > 0; width >>= 1) {
        if (lid < width) {
            counts[lid] += counts[lid + width];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) {
        stats[statsOff] = (real) counts[0];
    }
}
