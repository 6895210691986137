// Neurite optimizer updates over contiguous vectors, written once over `real`: one work-item per
// element does the scalar reference's operations in its order, each rounded on its own, so the
// results are the reference's bits. The effective gradient is d = g + wd * w + l1 * sign(w),
// each term only when its coefficient is nonzero (w = inf with wd = 0 must give no NaN).

#if REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif
typedef REAL real;

#pragma OPENCL FP_CONTRACT OFF

// Math.signum: sign(+-0) = +-0 and sign(NaN) = NaN (the built-in sign gives 0 for NaN).
inline real java_signum(const real w) {
    return w > 0 ? (real) 1 : (w < 0 ? (real) -1 : w);
}

// State below the smallest normal value becomes zero, as in the reference: a deliberate difference
// from IEEE gradual underflow (a decaying moment must not crawl through the subnormals).
#if REAL_IS_DOUBLE
#define REAL_MIN_NORMAL DBL_MIN
#else
#define REAL_MIN_NORMAL FLT_MIN
#endif
inline real flush(const real x) {
    return fabs(x) < REAL_MIN_NORMAL ? (real) 0 : x;
}

inline real effective_gradient(const real g, const real w, const real wd, const real l1) {
    real d = g;
    if (wd != 0) {
        d = d + wd * w;
    }
    if (l1 != 0) {
        d = d + l1 * java_signum(w);
    }
    return d;
}

// buf is touched only when momentum != 0.
__kernel void sgd_update(__global real *w, const long wOff, __global real *buf, const long bufOff,
                         __global const real *g, const long gOff, const long n, const real lr,
                         const real momentum, const real dampening, const int nesterov, const real wd,
                         const real l1, const int firstStep) {
    const long i = get_global_id(0);
    if (i >= n) {
        return;
    }
    const real wi = w[wOff + i];
    real dir = effective_gradient(g[gOff + i], wi, wd, l1);
    if (momentum != 0) {
        const real keep = (real) 1 - dampening;
        const real b = flush(firstStep ? dir : momentum * buf[bufOff + i] + keep * dir);
        buf[bufOff + i] = b;
        dir = nesterov ? dir + momentum * b : b;
    }
    w[wOff + i] = wi - lr * dir;
}

// gAvg is touched only when centered, buf only when momentum > 0.
__kernel void rmsprop_update(__global real *w, const long wOff, __global real *sq, const long sqOff,
                             __global real *gAvg, const long gAvgOff, __global real *buf, const long bufOff,
                             __global const real *g, const long gOff, const long n, const real lr,
                             const real alpha, const real eps, const real momentum, const int centered,
                             const real wd, const real l1) {
    const long i = get_global_id(0);
    if (i >= n) {
        return;
    }
    const real rest = (real) 1 - alpha;
    const real wi = w[wOff + i];
    const real dir = effective_gradient(g[gOff + i], wi, wd, l1);
    const real s = flush(alpha * sq[sqOff + i] + rest * dir * dir);
    sq[sqOff + i] = s;
    real avg;
    if (centered) {
        const real ga = flush(alpha * gAvg[gAvgOff + i] + rest * dir);
        gAvg[gAvgOff + i] = ga;
        avg = sqrt(s - ga * ga) + eps;
    } else {
        avg = sqrt(s) + eps;
    }
    if (momentum > 0) {
        const real b = flush(momentum * buf[bufOff + i] + dir / avg);
        buf[bufOff + i] = b;
        w[wOff + i] = wi - lr * b;
    } else {
        w[wOff + i] = wi - lr * (dir / avg);
    }
}

// Adam and AdamW: w *= decay first (1 for Adam), then the moments from the decayed w.
__kernel void adam_update(__global real *w, const long wOff, __global real *m, const long mOff,
                          __global real *v, const long vOff, __global const real *g, const long gOff,
                          const long n, const real stepSize, const real beta1, const real beta2,
                          const real eps, const real biasCorrection2Sqrt, const real wd, const real l1,
                          const real decay) {
    const long i = get_global_id(0);
    if (i >= n) {
        return;
    }
    const real rest1 = (real) 1 - beta1;
    const real rest2 = (real) 1 - beta2;
    const real wi = w[wOff + i] * decay;
    const real dir = effective_gradient(g[gOff + i], wi, wd, l1);
    const real mi = flush(beta1 * m[mOff + i] + rest1 * dir);
    const real vi = flush(beta2 * v[vOff + i] + rest2 * dir * dir);
    m[mOff + i] = mi;
    v[vOff + i] = vi;
    const real denom = sqrt(vi) / biasCorrection2Sqrt + eps;
    w[wOff + i] = wi - stepSize * (mi / denom);
}
