package dev.neurite.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.UnaryOp;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * {@link SimdMathF32} against double-precision {@link Math} over dense sweeps and special
 * values, and the kernels built on it (exp, sigmoid, tanh, softmax) at their edges.
 */
class SimdMathF32Test {

    /** Allowed error of {@link SimdMathF32#exp}, in units in the last place of the float result. */
    private static final double EXP_MAX_ULP = 2;
    /** Allowed error of sigmoid and tanh (the kernels' contract, as in the backend tests). */
    private static final double ACTIVATION_MAX_ULP = 4;
    /** Points in each dense sweep. */
    private static final int SWEEP = 1 << 19;

    private static final VectorSpecies<Float> F = SimdConstants.FLOAT_SPECIES;

    /** Applies {@code f} to every element, a vector at a time (the tail padded with zeros). */
    private static float[] apply(UnaryOperator<FloatVector> f, float[] x) {
        int lanes = F.length();
        int padded = (x.length + lanes - 1) / lanes * lanes;
        float[] in = java.util.Arrays.copyOf(x, padded);
        float[] out = new float[padded];
        for (int i = 0; i < padded; i += lanes) {
            f.apply(FloatVector.fromArray(F, in, i)).intoArray(out, i);
        }
        return java.util.Arrays.copyOf(out, x.length);
    }

    /** The error of {@code got} in ulps of the float nearest {@code want}; exact agreement required for NaN and infinities. */
    private static double ulpError(String what, float x, double want, float got) {
        if (Double.isNaN(want) || Float.isNaN(got)) {
            assertTrue(Double.isNaN(want) && Float.isNaN(got), what + "(" + x + "): expected " + want + ", got " + got);
            return 0;
        }
        float wantF = (float) want;
        if (Float.isInfinite(wantF) || Float.isInfinite(got)) {
            assertEquals(wantF, got, what + "(" + x + ")");
            return 0;
        }
        return Math.abs(got - want) / Math.ulp(wantF);
    }

    /** Asserts every result within {@code maxUlp} and returns the largest error seen. */
    private static double check(String what, float[] x, float[] got, DoubleUnaryOperator ref, double maxUlp) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double err = ulpError(what, x[i], ref.applyAsDouble(x[i]), got[i]);
            if (!(err <= maxUlp)) {
                fail(what + "(" + x[i] + "): expected " + (float) ref.applyAsDouble(x[i]) + ", got " + got[i]
                        + " (" + err + " ulp > " + maxUlp + ")");
            }
            worst = Math.max(worst, err);
        }
        return worst;
    }

    private static float[] sweep(float lo, float hi, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (lo + (hi - lo) * (double) i / (n - 1));
        }
        return x;
    }

    /** {@code count} consecutive floats on each side of {@code center}. */
    private static float[] around(float center, int count) {
        float[] x = new float[2 * count + 1];
        int bits = Float.floatToRawIntBits(center);
        for (int i = -count; i <= count; i++) {
            x[i + count] = Float.intBitsToFloat(bits + i);
        }
        return x;
    }

    private static double sigmoidRef(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void expIsAccurateOverADenseSweepOfTheWholeRange() {
        float[] x = sweep(-104f, 89f, SWEEP);
        check("exp", x, apply(SimdMathF32::exp, x), Math::exp, EXP_MAX_ULP);
    }

    @Test
    void expOfNonPositiveInputsMatchesExp() {
        float[] x = sweep(-120f, 0f, SWEEP / 4);
        float[] special = {Float.NEGATIVE_INFINITY, Float.NaN, -0f, 0f, -Float.MIN_VALUE, -1e30f};
        for (float[] in : new float[][] {x, special}) {
            float[] want = apply(SimdMathF32::exp, in);
            float[] got = apply(SimdMathF32::expNonPositive, in);
            for (int i = 0; i < in.length; i++) {
                assertEquals(want[i], got[i], "expNonPositive(" + in[i] + ")");
            }
        }
    }

    @Test
    void expIsAccurateForRandomBitPatterns() {
        Random random = new Random(42);
        float[] x = new float[SWEEP / 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = Float.intBitsToFloat(random.nextInt());
        }
        check("exp", x, apply(SimdMathF32::exp, x), Math::exp, EXP_MAX_ULP);
    }

    @Test
    void expIsAccurateAroundItsThresholds() {
        float[] centers = {
            88.72283935546875f,            // largest finite result
            (float) Math.log(0x1p127),     // the two-step scale's upper end
            (float) Math.log(0x1p-126),    // where results turn subnormal
            (float) Math.log(0x1p-149),    // smallest subnormal
            -103.972077f,                  // below here results round to 0
            0f, -0f, (float) (Math.log(2) / 2), (float) (-Math.log(2) / 2),
        };
        for (float c : centers) {
            float[] x = around(c, 4096);
            check("exp", x, apply(SimdMathF32::exp, x), Math::exp, EXP_MAX_ULP);
        }
    }

    @Test
    void expHandlesSpecialValues() {
        float[] x = {
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE,
            Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, -1e-30f, 88.72283f, 88.72284f, 89f, 1e4f,
            Float.MAX_VALUE, -103.97f, -104f, -110f, -1e4f, -Float.MAX_VALUE, 1f, -1f,
        };
        float[] got = apply(SimdMathF32::exp, x);
        check("exp", x, got, Math::exp, EXP_MAX_ULP);
        assertTrue(Float.isNaN(got[0]));
        assertEquals(Float.POSITIVE_INFINITY, got[1]);
        assertEquals(0f, got[2]);
        assertEquals(1f, got[3]);
        assertEquals(1f, got[4]);
        assertTrue(got[11] > 3.4e38f && got[11] <= Float.MAX_VALUE, "exp(88.72283) is finite");
        assertEquals(Float.POSITIVE_INFINITY, got[12]);
        assertEquals(0f, got[17]);
        assertEquals(Math.E, got[21], Math.ulp((float) Math.E) * EXP_MAX_ULP);
    }

    @Test
    void sigmoidIsAccurateIncludingSubnormalTails() {
        float[] x = sweep(-110f, 30f, SWEEP);
        check("sigmoid", x, apply(SimdMathF32::sigmoid, x), SimdMathF32Test::sigmoidRef, ACTIVATION_MAX_ULP);
        float[] small = sweep(-1e-3f, 1e-3f, 1 << 14);
        check("sigmoid", small, apply(SimdMathF32::sigmoid, small), SimdMathF32Test::sigmoidRef, ACTIVATION_MAX_ULP);
    }

    @Test
    void sigmoidSaturatesExactly() {
        float[] x = {Float.NEGATIVE_INFINITY, -1e4f, -200f, 1e4f, 200f, 17f, Float.POSITIVE_INFINITY, Float.NaN, 0f, -0f};
        float[] got = apply(SimdMathF32::sigmoid, x);
        assertEquals(0f, got[0]);
        assertEquals(0f, got[1]);
        assertEquals(0f, got[2]);
        assertEquals(1f, got[3]);
        assertEquals(1f, got[4]);
        assertEquals(1f, got[5]);
        assertEquals(1f, got[6]);
        assertTrue(Float.isNaN(got[7]));
        assertEquals(0.5f, got[8]);
        assertEquals(0.5f, got[9]);
    }

    /** Runs a kernel on an off-heap copy of {@code x}. */
    private static float[] kernel(Arena arena, float[] x, KernelCall call) {
        MemorySegment in = arena.allocateFrom(ValueLayout.JAVA_FLOAT, x);
        MemorySegment out = arena.allocate(ValueLayout.JAVA_FLOAT, x.length);
        call.run(new SimdKernels(), out, in, x.length);
        return out.toArray(ValueLayout.JAVA_FLOAT);
    }

    @FunctionalInterface
    private interface KernelCall {
        void run(Kernels k, MemorySegment out, MemorySegment x, long n);
    }

    @Test
    void tanhIsAccurateNearZeroAndSaturates() {
        try (Arena arena = Arena.ofConfined()) {
            KernelCall tanh = (k, out, x, n) -> k.activationForwardF32(Activation.TANH, 0, out, 0, x, 0, n);
            for (float[] x : new float[][] {sweep(-12f, 12f, SWEEP), sweep(-1e-3f, 1e-3f, 1 << 14), around(0f, 1 << 14),
                                            around(9f, 4096), around(-9f, 4096), around(7.9f, 4096)}) {
                check("tanh", x, kernel(arena, x, tanh), Math::tanh, ACTIVATION_MAX_ULP);
            }
            float[] x = {Float.NEGATIVE_INFINITY, -1e4f, -20f, 20f, 1e4f, Float.POSITIVE_INFINITY, Float.NaN, -0f, 0f,
                         Float.MIN_VALUE};
            float[] got = kernel(arena, x, tanh);
            float[] want = {-1f, -1f, -1f, 1f, 1f, 1f, Float.NaN, -0f, 0f, Float.MIN_VALUE};
            for (int i = 0; i < x.length; i++) {
                assertEquals(want[i], got[i], "tanh(" + x[i] + ")");
            }
        }
    }

    @Test
    void expKernelMatchesTheVectorFunctionWithAnUnevenTail() {
        try (Arena arena = Arena.ofConfined()) {
            float[] x = sweep(-120f, 100f, 4 * F.length() + 3);
            float[] got = kernel(arena, x, (k, out, in, n) -> k.unaryF32(UnaryOp.EXP, out, 0, in, 0, n));
            check("exp kernel", x, got, Math::exp, EXP_MAX_ULP);
        }
    }

    @Test
    void softmaxRowsSumToOneWithInfiniteAndHugeLogits() {
        try (Arena arena = Arena.ofConfined()) {
            int cols = 3 * F.length() + 5;
            float[] x = sweep(-40f, 40f, cols);
            x[1] = Float.NEGATIVE_INFINITY;   // a masked-out logit
            x[2] = -1e30f;
            float[] got = kernel(arena, x, (k, out, in, n) -> k.softmaxRowsF32(out, 0, n, in, 0, n, 1, (int) n));
            // the kernel rounds x - max to float before exp; so does the reference here
            float max = 40f;
            double sum = 0;
            for (float v : x) {
                sum += Math.exp(v - max);
            }
            double total = 0;
            for (int j = 0; j < cols; j++) {
                double want = Math.exp(x[j] - max) / sum;
                // exp, the sum of cols terms and the final scaling each add relative error
                assertEquals(want, got[j], (EXP_MAX_ULP + 2) * Math.ulp((float) want) + cols * Math.ulp(1f) * want,
                        "softmax " + j);
                total += got[j];
            }
            assertEquals(0f, got[1]);
            assertEquals(1, total, cols * Math.ulp(1f));
        }
    }
}
