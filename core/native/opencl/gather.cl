// Neurite row gather: out[i, j] = src[srcOff + index[i] * ld + j], out contiguous (rows x cols).
// A gather only moves bits, so it is written over unsigned integers of the element width:
// gather_rows_32 serves float and int buffers, gather_rows_64 double ones (no fp64 needed).

// 2-D range: dimension 0 the column j, dimension 1 the row i.
__kernel void gather_rows_32(__global uint *out, const long outOff, __global const uint *src, const long srcOff,
                             const long ld, __global const int *index, const long indexOff,
                             const int rows, const int cols) {
    const long j = get_global_id(0);
    const long i = get_global_id(1);
    if (i < rows && j < cols) {
        out[outOff + i * cols + j] = src[srcOff + (long) index[indexOff + i] * ld + j];
    }
}

__kernel void gather_rows_64(__global ulong *out, const long outOff, __global const ulong *src, const long srcOff,
                             const long ld, __global const int *index, const long indexOff,
                             const int rows, const int cols) {
    const long j = get_global_id(0);
    const long i = get_global_id(1);
    if (i < rows && j < cols) {
        out[outOff + i * cols + j] = src[srcOff + (long) index[indexOff + i] * ld + j];
    }
}
