// Neurite losses with their gradients, and dropout's keep-masks, over `real` (float or double,
// from the build options). Formulas as in dev.neurite.kernel.scalar.ScalarLossKernels; offsets
// and lengths are in elements. The global size is rounded up to the work-group size, so every
// kernel checks its index.

#if REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif
typedef REAL real;

#pragma OPENCL FP_CONTRACT OFF

// Codes of PointwiseLoss; must match OpenClLossOps.
#define LOSS_ABSOLUTE_ERROR 0
#define LOSS_BCE 1
#define LOSS_BCE_WITH_LOGITS 2

#define LOG_FLOOR ((real) -100)
#define GRAD_EPS ((real) 1e-12)

// Math.max with a number b: NaN in a wins.
inline real max_keep_nan(real a, real b) {
    return isnan(a) ? a : (a > b ? a : b);
}

// Math.signum: NaN and signed zeros pass through.
inline real java_signum(real x) {
    return x > 0 ? (real) 1 : (x < 0 ? (real) -1 : x);
}

inline real stable_sigmoid(real z) {
    if (z >= 0) {
        return 1 / (1 + exp(-z));
    }
    const real e = exp(z);
    return e / (1 + e);
}

inline bool probability(real v) {
    return v >= 0 && v <= 1;
}

// terms[i] = term(p_i, t_i) (contiguous from 0), dp[i] = scale * d term / d p_i.
__kernel void pointwise_loss(const int op, __global real *dp, const long dpOff, __global real *terms,
                             __global const real *p, const long pOff, __global const real *t, const long tOff,
                             const long n, const real scale) {
    const long i = get_global_id(0);
    if (i >= n) {
        return;
    }
    const real pi = p[pOff + i];
    const real ti = t[tOff + i];
    real term;
    real grad;
    if (op == LOSS_ABSOLUTE_ERROR) {
        const real d = pi - ti;
        term = isfinite(ti) ? fabs(d) : (real) NAN;
        grad = java_signum(d);
    } else if (op == LOSS_BCE) {
        term = probability(pi) && probability(ti)
                ? -(ti * max_keep_nan(log(pi), LOG_FLOOR) + (1 - ti) * max_keep_nan(log1p(-pi), LOG_FLOOR))
                : (real) NAN;
        grad = (pi - ti) / max_keep_nan(pi * (1 - pi), GRAD_EPS);
    } else {
        term = probability(ti) ? max_keep_nan(pi, 0) - pi * ti + log1p(exp(-fabs(pi))) : (real) NAN;
        grad = stable_sigmoid(pi) - ti;
    }
    terms[i] = term;
    dp[dpOff + i] = grad * scale;
}

// One work-item per row: rowLoss[i] = sum_{j != y} max(0, s_ij - s_iy + margin), ds as in
// ScalarLossKernels.multiClassHingeF32.
__kernel void hinge_rows(__global real *ds, const long dsOff, const long ldd, __global const real *s,
                         const long sOff, const long lds, __global const int *labels, const int rows,
                         const int cols, const real margin, const real w, __global real *rowLoss) {
    const long i = get_global_id(0);
    if (i >= rows) {
        return;
    }
    const long row = sOff + i * lds;
    const long drow = dsOff + i * ldd;
    const int y = labels[i];
    const real correct = s[row + y];
    real total = 0;
    int active = 0;
    for (int j = 0; j < cols; j++) {
        real g = 0;
        if (j != y) {
            const real m = s[row + j] - correct + margin;
            total += isnan(m) ? m : (m > 0 ? m : (real) 0);
            if (m > 0) {
                g = w;
                active++;
            }
        }
        ds[drow + j] = g;
    }
    ds[drow + y] = -active * w;
    rowLoss[i] = total;
}

// SplitMix64's finaliser of seed + (i + 1) * golden, top 24 bits: ScalarLossKernels.draw.
__kernel void bernoulli_mask(__global real *out, const long outOff, const long n, const ulong seed,
                             const int threshold, const real scale) {
    const long i = get_global_id(0);
    if (i >= n) {
        return;
    }
    ulong z = seed + ((ulong) i + 1) * 0x9E3779B97F4A7C15UL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
    z ^= z >> 31;
    out[outOff + i] = (int) (z >> 40) < threshold ? scale : (real) 0;
}
