// Neurite activations, forward and backward, and the fused bias add with activation, written
// once over `real`. Formulas as in dev.neurite.kernel.Activation: the backward pass works from
// the forward output y. Offsets and leading dimensions are in elements.

#if REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif
typedef REAL real;

#pragma OPENCL FP_CONTRACT OFF

// Codes of Activation; must match OpenClOps.
#define ACT_IDENTITY 0
#define ACT_RELU 1
#define ACT_LEAKY_RELU 2
#define ACT_SIGMOID 3
#define ACT_TANH 4

inline real act_forward(const int f, const real slope, const real x) {
    switch (f) {
        case ACT_IDENTITY:   return x;
        case ACT_RELU:       return x < 0 ? (real) 0 : x;
        case ACT_LEAKY_RELU: return x < 0 ? slope * x : x;
        // exp(-x) overflows to inf for very negative x, which gives exactly 0
        case ACT_SIGMOID:    return (real) 1 / ((real) 1 + exp(-x));
        // tanh rounds to +-1 in float and double from |x| = 19.1 on; some built-in tanh stop
        // short of it (0.99999994), so saturate explicitly
        default:             return fabs(x) >= 20 ? copysign((real) 1, x) : tanh(x);
    }
}

inline real act_backward(const int f, const real slope, const real dY, const real y) {
    switch (f) {
        case ACT_IDENTITY:   return dY;
        case ACT_RELU:       return y > 0 ? dY : (real) 0;
        case ACT_LEAKY_RELU: return y > 0 ? dY : slope * dY;
        case ACT_SIGMOID:    return dY * y * ((real) 1 - y);
        default:             return dY * ((real) 1 - y * y);
    }
}

__kernel void activation_forward(const int f, const real slope, __global real *y, const long yOff,
                                 __global const real *x, const long xOff, const long n) {
    const long i = get_global_id(0);
    if (i < n) {
        y[yOff + i] = act_forward(f, slope, x[xOff + i]);
    }
}

__kernel void activation_backward(const int f, const real slope, __global real *dX, const long dXOff,
                                  __global const real *dY, const long dYOff, __global const real *y,
                                  const long yOff, const long n) {
    const long i = get_global_id(0);
    if (i < n) {
        dX[dXOff + i] = act_backward(f, slope, dY[dYOff + i], y[yOff + i]);
    }
}

// 2-D range: dimension 0 the column j, dimension 1 the row i.
__kernel void add_row_vector_activation(const int f, const real slope, __global real *out, const long outOff,
                                        const long ldOut, __global const real *a, const long aOff,
                                        const long lda, __global const real *bias, const long biasOff,
                                        const int rows, const int cols) {
    const long j = get_global_id(0);
    const long i = get_global_id(1);
    if (i < rows && j < cols) {
        // a named real: the sum is rounded before f, as the unfused pair computes it
        const real sum = a[aOff + i * lda + j] + bias[biasOff + j];
        out[outOff + i * ldOut + j] = act_forward(f, slope, sum);
    }
}
