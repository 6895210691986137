package dev.neurite.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorized float transcendentals, inlined into the element-wise loops as plain FMA and
 * integer code. {@code VectorOperators.EXP} calls a per-platform vector math stub (or
 * {@code Math.exp} per lane where the JDK has none); this one has the same speed as that stub on
 * AVX2, a known error bound on every platform, and correctly rounded subnormal results.
 */
final class SimdMathF32 {

    private static final VectorSpecies<Float> F = SimdConstants.FLOAT_SPECIES;

    /** Above {@code ln(Float.MAX_VALUE) = 88.7228}: every input from here on gives +inf. */
    static final float EXP_OVERFLOW_CLAMP = 88.8f;
    /** Below {@code ln(Float.MIN_VALUE / 2) = -103.97}: every input from here on gives 0. */
    static final float EXP_UNDERFLOW_CLAMP = -110f;

    private static final float LOG2_E = 1.44269504f;
    /** 1.5 * 2^23: adding it rounds to an integer, which then sits in the low mantissa bits. */
    private static final float ROUNDING_SHIFTER = 0x1.8p23f;
    /**
     * ln 2 in two parts (Cody-Waite): the high part has 9 significant bits, so {@code n * LN2_HI}
     * is exact for |n| < 2^15 and {@code x - n * LN2_HI} loses nothing.
     */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final int EXPONENT_BIAS_BITS = 127 << 23;

    /*
     * exp(r) ~ 1 + r + r^2 (C2 + C3 r + C4 r^2 + C5 r^3 + C6 r^4) on |r| <= 1.01 * ln(2) / 2,
     * a minimax fit of the relative error (Lawson's iteratively reweighted least squares on
     * 20,000 Chebyshev points, in double), with the 1 + r terms fixed so small r stays exact.
     * Max relative error of the fit 3.3e-9 (0.06 ulp); evaluated in float by Horner with FMA
     * it is within 0.71 ulp of exp over the reduced range (checked against 40-digit exp).
     */
    private static final float C2 = 0.49999994f;
    private static final float C3 = 0.16666515f;
    private static final float C4 = 0.041668456f;
    private static final float C5 = 0.008369424f;
    private static final float C6 = 0.0013813133f;

    private SimdMathF32() {
    }

    /** {@code a * b + c}, fused where the CPU has fast FMA (a constant, so C2 keeps one branch). */
    static FloatVector mulAdd(FloatVector a, float b, float c) {
        return SimdKernels.FAST_FMA ? a.fma(b, c) : a.mul(b).add(c);
    }

    static FloatVector mulAdd(FloatVector a, FloatVector b, float c) {
        return SimdKernels.FAST_FMA ? a.fma(b, FloatVector.broadcast(F, c)) : a.mul(b).add(c);
    }

    static FloatVector mulAdd(FloatVector a, float b, FloatVector c) {
        return SimdKernels.FAST_FMA ? a.fma(FloatVector.broadcast(F, b), c) : a.mul(b).add(c);
    }

    static FloatVector mulAdd(FloatVector a, FloatVector b, FloatVector c) {
        return SimdKernels.FAST_FMA ? a.fma(b, c) : a.mul(b).add(c);
    }

    /**
     * {@code e^x} per lane, within 2 ulp of the exact result over the whole float range,
     * subnormal results included; +inf gives +inf, -inf gives 0 and NaN gives NaN.
     */
    static FloatVector exp(FloatVector v) {
        // compare-and-blend rather than min/max, whose NaN-and-zero rules cost five instructions
        // on AVX2; NaN fails both comparisons and flows through as NaN
        return expInRange(v.blend(EXP_OVERFLOW_CLAMP, v.compare(VectorOperators.GT, EXP_OVERFLOW_CLAMP))
                .blend(EXP_UNDERFLOW_CLAMP, v.compare(VectorOperators.LT, EXP_UNDERFLOW_CLAMP)));
    }

    /** {@link #exp} for lanes known to be {@code <= 0} or NaN: only the lower clamp is needed. */
    static FloatVector expNonPositive(FloatVector v) {
        return expInRange(v.blend(EXP_UNDERFLOW_CLAMP, v.compare(VectorOperators.LT, EXP_UNDERFLOW_CLAMP)));
    }

    /** {@code e^x} for x in {@code [EXP_UNDERFLOW_CLAMP, EXP_OVERFLOW_CLAMP]} or NaN. */
    private static FloatVector expInRange(FloatVector x) {
        // t = n + 1.5 * 2^23 with n = round(x / ln 2); x = n ln 2 + r, |r| <= ln(2) / 2
        FloatVector t = mulAdd(x, LOG2_E, ROUNDING_SHIFTER);
        FloatVector n = t.sub(ROUNDING_SHIFTER);
        FloatVector r = mulAdd(n, -LN2_HI, x);
        r = mulAdd(n, -LN2_LO, r);
        return timesPowerOfTwo(expReduced(r), t);
    }

    /** {@code C2 + C3 r + C4 r^2 + C5 r^3 + C6 r^4}: {@code (e^r - 1 - r) / r^2} on the reduced range. */
    private static FloatVector expTail(FloatVector r) {
        FloatVector p = mulAdd(r, C6, C5);
        p = mulAdd(p, r, C4);
        p = mulAdd(p, r, C3);
        return mulAdd(p, r, C2);
    }

    /** The polynomial for {@code e^r} on the reduced range. */
    private static FloatVector expReduced(FloatVector r) {
        FloatVector p = mulAdd(expTail(r), r, 1f);
        return mulAdd(p, r, 1f);
    }

    /**
     * {@code p * 2^n} for the {@code n} held in {@code t}'s low mantissa bits, in two steps
     * {@code 2^floor(n/2) * 2^(n - floor(n/2))}: both factors stay normal for n in [-160, 128],
     * so results near {@code Float.MAX_VALUE} come out right and subnormal ones are rounded
     * once, in the last multiply.
     */
    private static FloatVector timesPowerOfTwo(FloatVector p, FloatVector t) {
        IntVector bits = t.reinterpretAsInts();
        // t's bits are 0x4B400000 + n; that constant and its half are multiples of 2^9, so
        // shifting left by 23 leaves exactly n (or floor(n / 2)) in the exponent field
        IntVector half = bits.lanewise(VectorOperators.ASHR, 1).lanewise(VectorOperators.LSHL, 23);
        IntVector whole = bits.lanewise(VectorOperators.LSHL, 23);
        FloatVector s1 = half.add(EXPONENT_BIAS_BITS).reinterpretAsFloats();
        FloatVector s2 = whole.sub(half).add(EXPONENT_BIAS_BITS).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** 1 / (1 + e^-x) per lane; exact 0 and 1 at the infinities, NaN for NaN, no overflow. */
    static FloatVector sigmoid(FloatVector v) {
        // e = e^-|x| <= 1, then 1 / (1 + e) for x >= 0 and e / (1 + e) for x < 0: far negative x
        // keeps its tiny (even subnormal) result instead of 1 / (1 + inf) = 0
        FloatVector e = expNonPositive(v.abs().neg());
        FloatVector num = FloatVector.broadcast(F, 1f).blend(e, v.compare(VectorOperators.LT, 0f));
        return num.div(e.add(1f));
    }

    /** From here on tanh rounds to +-1 in float; clamping here keeps {@code e^2|x|} finite. */
    static final float TANH_SATURATION = 10f;
    private static final int SIGN_BIT = 0x8000_0000;

    /**
     * tanh per lane as {@code sign(x) * m / (m + 2)} with {@code m = e^2|x| - 1}: accurate
     * relative to the result also for tiny |x| (where m ~ 2|x| and the quotient is |x|), exact
     * +-1 from {@link #TANH_SATURATION} on, NaN for NaN and -0 for -0.
     */
    static FloatVector tanh(FloatVector v) {
        FloatVector a = v.abs();
        a = a.blend(TANH_SATURATION, a.compare(VectorOperators.GT, TANH_SATURATION));
        FloatVector m = expm1Small(a.add(a));
        FloatVector t = m.div(m.add(2f));
        IntVector sign = v.reinterpretAsInts().and(SIGN_BIT);
        return t.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }

    /**
     * {@code e^y - 1} for {@code 0 <= y <= 2 * TANH_SATURATION} (or NaN), as
     * {@code 2^n (e^r - 1) + (2^n - 1)} with the 1 of {@code e^r} never added, so small
     * results keep their relative accuracy. Here {@code 0 <= n <= 29}: a single scale suffices.
     */
    private static FloatVector expm1Small(FloatVector y) {
        FloatVector t = mulAdd(y, LOG2_E, ROUNDING_SHIFTER);
        FloatVector n = t.sub(ROUNDING_SHIFTER);
        FloatVector r = mulAdd(n, -LN2_HI, y);
        r = mulAdd(n, -LN2_LO, r);
        FloatVector em1 = mulAdd(expTail(r).mul(r), r, r);
        FloatVector s = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(EXPONENT_BIAS_BITS)
                .reinterpretAsFloats();
        return mulAdd(s, em1, s.sub(1f));
    }
}
