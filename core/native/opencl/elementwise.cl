// Neurite element-wise kernels over contiguous vectors, written once over `real` (float or
// double, from the build options). Formulas as in dev.neurite.kernel.Kernels; offsets and
// lengths are in elements. One work-item per element; the global size is rounded up to the
// work-group size, so every kernel checks i < n.

#if REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif
typedef REAL real;

// Each operation rounds on its own, as the scalar reference does: no contraction into fma.
#pragma OPENCL FP_CONTRACT OFF

// Codes of BinaryOp and UnaryOp; must match OpenClOps.
#define OP_ADD 0
#define OP_SUB 1
#define OP_MUL 2
#define OP_DIV 3

#define OP_EXP 0
#define OP_LOG 1
#define OP_SQRT 2
#define OP_NEG 3
#define OP_ABS 4

// Math.max / Math.min: NaN wins, +0 is larger than -0 (fmax and fmin drop NaN instead).
inline real java_max(real a, real b) {
    if (isnan(a)) return a;
    if (isnan(b)) return b;
    if (a == b) return signbit(a) ? b : a;
    return a > b ? a : b;
}

inline real java_min(real a, real b) {
    if (isnan(a)) return a;
    if (isnan(b)) return b;
    if (a == b) return signbit(a) ? a : b;
    return a < b ? a : b;
}

__kernel void fill(__global real *out, const long outOff, const long n, const real value) {
    const long i = get_global_id(0);
    if (i < n) {
        out[outOff + i] = value;
    }
}

__kernel void copy(__global real *out, const long outOff, __global const real *x, const long xOff,
                   const long n) {
    const long i = get_global_id(0);
    if (i < n) {
        out[outOff + i] = x[xOff + i];
    }
}

__kernel void axpy(__global real *y, const long yOff, const real alpha, __global const real *x,
                   const long xOff, const long n) {
    const long i = get_global_id(0);
    if (i < n) {
        y[yOff + i] = y[yOff + i] + alpha * x[xOff + i];
    }
}

__kernel void scale(__global real *out, const long outOff, const real alpha, __global const real *x,
                    const long xOff, const long n) {
    const long i = get_global_id(0);
    if (i < n) {
        out[outOff + i] = alpha * x[xOff + i];
    }
}

__kernel void binary(const int op, __global real *out, const long outOff, __global const real *a,
                     const long aOff, __global const real *b, const long bOff, const long n) {
    const long i = get_global_id(0);
    if (i >= n) {
        return;
    }
    const real x = a[aOff + i];
    const real y = b[bOff + i];
    real r;
    switch (op) {
        case OP_ADD: r = x + y; break;
        case OP_SUB: r = x - y; break;
        case OP_MUL: r = x * y; break;
        default:     r = x / y; break;
    }
    out[outOff + i] = r;
}

__kernel void unary(const int op, __global real *out, const long outOff, __global const real *x,
                    const long xOff, const long n) {
    const long i = get_global_id(0);
    if (i >= n) {
        return;
    }
    const real v = x[xOff + i];
    real r;
    switch (op) {
        case OP_EXP:  r = exp(v); break;
        case OP_LOG:  r = log(v); break;
        case OP_SQRT: r = sqrt(v); break;
        case OP_NEG:  r = -v; break;
        default:      r = fabs(v); break;
    }
    out[outOff + i] = r;
}

__kernel void clamp_range(__global real *out, const long outOff, __global const real *x, const long xOff,
                          const long n, const real lo, const real hi) {
    const long i = get_global_id(0);
    if (i < n) {
        out[outOff + i] = java_min(java_max(x[xOff + i], lo), hi);
    }
}
