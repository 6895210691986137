package dev.neurite.kernel;

import static dev.neurite.kernel.KernelTestData.assertClose;
import static dev.neurite.kernel.KernelTestData.assertSameElements;
import static dev.neurite.kernel.KernelTestData.assertUntouched;

import dev.neurite.kernel.KernelTestData.DType;
import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the contiguous-vector methods of a backend against {@link ScalarKernels}, for both
 * dtypes, over lengths around the vector width, at nonzero offsets, with NaN and infinities
 * mixed in, and in place. {@link BackendAgainstScalarTest} adds the matrix methods; a backend's
 * test extends that one.
 */
public abstract class BackendVectorsAgainstScalarTest {

    /** Allowed error, in units in the last place, of one transcendental element-wise result. */
    protected static final double ELEMENTWISE_ULP_TOL = 4;
    /**
     * Allowed error of an {@code n}-term sum, in units of {@code unitRoundoff * n * sum |term|}
     * (the classic worst-case bound of recursive summation is 1).
     */
    protected static final double SUM_REL_TOL = 2;
    /** Offset of every input in its buffer, so that inputs start off vector alignment. */
    protected static final long IN_OFF = 3;
    /** Offset of every output in its buffer, different from the inputs'. */
    protected static final long OUT_OFF = 5;
    /** Elements after each output that must stay untouched. */
    protected static final long GUARD = 3;
    /** Values written into the inputs to check how each op propagates them. */
    protected static final double[] SPECIALS = {
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1e4, -1e4
    };

    /** The backend under test. */
    protected abstract Kernels backend();

    /** The number of float lanes the backend works in, to test lengths around it. */
    protected int lanes() {
        return 8;
    }

    protected final Kernels ref = new ScalarKernels();
    protected Kernels k;
    protected Arena arena;
    protected KernelTestData data;

    @BeforeEach
    void openBuffers() {
        k = backend();
        arena = Arena.ofConfined();
        data = new KernelTestData(arena, 20240611L);
    }

    @AfterEach
    void closeBuffers() {
        arena.close();
    }

    protected long[] lengths() {
        int l = lanes();
        return LongStream.of(0, 1, l - 1, l, l + 1, 13, 207, 702, 1024, 4098).distinct().toArray();
    }

    /** Writes {@link #SPECIALS} at spread-out positions of {@code [off, off + n)}, and NaN last. */
    protected static void injectSpecials(DType dt, MemorySegment s, long off, long n) {
        if (n < 2 * SPECIALS.length) {
            return;
        }
        for (int j = 0; j < SPECIALS.length; j++) {
            dt.set(s, off + (j * 37L + 5) % (n - 1), SPECIALS[j]);
        }
        dt.set(s, off + n - 1, Double.NaN);
    }

    @FunctionalInterface
    protected interface InputMaker {
        /** An input of {@code IN_OFF + n} elements for the given dtype. */
        MemorySegment make(DType dt, long n);
    }

    /** The allowed error of one result {@code want} computed from inputs {@code a} (and {@code b}). */
    @FunctionalInterface
    protected interface ElementTol {
        double tol(DType dt, double want, double a, double b);
    }

    /** A tolerance of {@code ulps} units in the last place of the expected value. */
    protected static ElementTol ulps(double ulps) {
        return (dt, want, a, b) -> ulps * dt.ulp(want);
    }

    @FunctionalInterface
    protected interface OneInputCall {
        void run(Kernels k, DType dt, MemorySegment out, long outOff, MemorySegment x, long xOff, long n);
    }

    @FunctionalInterface
    protected interface TwoInputCall {
        void run(Kernels k, DType dt, MemorySegment out, long outOff,
                 MemorySegment a, long aOff, MemorySegment b, long bOff, long n);
    }

    /**
     * Runs a one-input op on both backends and compares element by element within
     * {@code tol} ({@code null}: bit-exact); then again in place ({@code out == x}).
     */
    protected void checkOneInput(String what, InputMaker maker, OneInputCall call, ElementTol tol) {
        for (DType dt : DType.values()) {
            for (long n : lengths()) {
                MemorySegment x = maker.make(dt, n);
                MemorySegment want = data.alloc(dt, OUT_OFF + n + GUARD);
                MemorySegment got = data.alloc(dt, OUT_OFF + n + GUARD);
                call.run(ref, dt, want, OUT_OFF, x, IN_OFF, n);
                call.run(k, dt, got, OUT_OFF, x, IN_OFF, n);
                String at = what + " " + dt + " n=" + n;
                compare(at, dt, want, OUT_OFF, got, OUT_OFF, x, x, n, tol);
                assertUntouched(at, dt, got, 0, OUT_OFF);
                assertUntouched(at, dt, got, OUT_OFF + n, OUT_OFF + n + GUARD);
                MemorySegment inPlace = data.copy(dt, x, IN_OFF + n);
                call.run(k, dt, inPlace, IN_OFF, inPlace, IN_OFF, n);
                compare(at + " in place", dt, want, OUT_OFF, inPlace, IN_OFF, x, x, n, tol);
            }
        }
    }

    /** Like {@link #checkOneInput} for two inputs; in place means {@code out == a}. */
    protected void checkTwoInputs(String what, InputMaker makerA, InputMaker makerB, TwoInputCall call,
                                  ElementTol tol) {
        for (DType dt : DType.values()) {
            for (long n : lengths()) {
                MemorySegment a = makerA.make(dt, n);
                MemorySegment b = makerB.make(dt, n);
                MemorySegment want = data.alloc(dt, OUT_OFF + n + GUARD);
                MemorySegment got = data.alloc(dt, OUT_OFF + n + GUARD);
                call.run(ref, dt, want, OUT_OFF, a, IN_OFF, b, IN_OFF, n);
                call.run(k, dt, got, OUT_OFF, a, IN_OFF, b, IN_OFF, n);
                String at = what + " " + dt + " n=" + n;
                compare(at, dt, want, OUT_OFF, got, OUT_OFF, a, b, n, tol);
                assertUntouched(at, dt, got, 0, OUT_OFF);
                assertUntouched(at, dt, got, OUT_OFF + n, OUT_OFF + n + GUARD);
                MemorySegment inPlace = data.copy(dt, a, IN_OFF + n);
                call.run(k, dt, inPlace, IN_OFF, inPlace, IN_OFF, b, IN_OFF, n);
                compare(at + " in place", dt, want, OUT_OFF, inPlace, IN_OFF, a, b, n, tol);
            }
        }
    }

    /** Compares outputs; a {@code null} tolerance means bit-exact. {@code a} and {@code b} are the inputs at IN_OFF. */
    private static void compare(String at, DType dt, MemorySegment want, long wOff, MemorySegment got, long gOff,
                                MemorySegment a, MemorySegment b, long n, ElementTol tol) {
        if (tol == null) {
            assertSameElements(at, dt, want, wOff, got, gOff, n);
            return;
        }
        for (long i = 0; i < n; i++) {
            double e = dt.get(want, wOff + i);
            double t = tol.tol(dt, e, dt.get(a, IN_OFF + i), dt.get(b, IN_OFF + i));
            assertClose(at + " i=" + i, e, dt.get(got, gOff + i), t);
        }
    }

    /** Uniform random values in {@code [lo, hi)} with the specials mixed in. */
    protected InputMaker uniformWithSpecials(double lo, double hi) {
        return (dt, n) -> {
            MemorySegment s = data.uniform(dt, IN_OFF + n, lo, hi);
            injectSpecials(dt, s, IN_OFF, n);
            return s;
        };
    }

    // ---------------------------------------------------------------------------------------

    @Test
    void binaryOpsAreExact() {
        for (BinaryOp op : BinaryOp.values()) {
            checkTwoInputs("binary " + op, uniformWithSpecials(-4, 4), uniformWithSpecials(-4, 4),
                    (kk, dt, out, oo, a, ao, b, bo, n) -> {
                        if (dt == DType.F32) {
                            kk.binaryF32(op, out, oo, a, ao, b, bo, n);
                        } else {
                            kk.binaryF64(op, out, oo, a, ao, b, bo, n);
                        }
                    }, null);
        }
    }

    @Test
    void unaryOpsMatchReference() {
        for (UnaryOp op : UnaryOp.values()) {
            InputMaker input = switch (op) {
                case EXP -> uniformWithSpecials(-80, 80);
                case LOG, SQRT -> uniformWithSpecials(-1, 60);
                case NEG, ABS -> uniformWithSpecials(-10, 10);
            };
            ElementTol tol = op == UnaryOp.EXP || op == UnaryOp.LOG ? ulps(ELEMENTWISE_ULP_TOL) : null;
            checkOneInput("unary " + op, input, (kk, dt, out, oo, x, xo, n) -> {
                if (dt == DType.F32) {
                    kk.unaryF32(op, out, oo, x, xo, n);
                } else {
                    kk.unaryF64(op, out, oo, x, xo, n);
                }
            }, tol);
        }
    }

    @Test
    void scaleIsExact() {
        for (double alpha : new double[] {0.75, -3, 0}) {
            checkOneInput("scale " + alpha, uniformWithSpecials(-4, 4), (kk, dt, out, oo, x, xo, n) -> {
                if (dt == DType.F32) {
                    kk.scaleF32(out, oo, (float) alpha, x, xo, n);
                } else {
                    kk.scaleF64(out, oo, alpha, x, xo, n);
                }
            }, null);
        }
    }

    @Test
    void axpyMatchesReference() {
        double alpha = -1.25;
        for (DType dt : DType.values()) {
            for (long n : lengths()) {
                MemorySegment x = uniformWithSpecials(-4, 4).make(dt, n);
                MemorySegment y0 = uniformWithSpecials(-4, 4).make(dt, n);
                MemorySegment want = data.copy(dt, y0, IN_OFF + n);
                MemorySegment got = data.copy(dt, y0, IN_OFF + n);
                if (dt == DType.F32) {
                    ref.axpyF32(want, IN_OFF, (float) alpha, x, IN_OFF, n);
                    k.axpyF32(got, IN_OFF, (float) alpha, x, IN_OFF, n);
                } else {
                    ref.axpyF64(want, IN_OFF, alpha, x, IN_OFF, n);
                    k.axpyF64(got, IN_OFF, alpha, x, IN_OFF, n);
                }
                for (long i = IN_OFF; i < IN_OFF + n; i++) {
                    // fused or not, at most two roundings of the terms' magnitude
                    double bound = Math.abs(dt.get(y0, i)) + Math.abs(alpha * dt.get(x, i));
                    assertClose("axpy " + dt + " n=" + n + " i=" + i, dt.get(want, i), dt.get(got, i),
                            2 * dt.unitRoundoff * bound);
                }
            }
        }
    }

    @Test
    void activationsForwardMatchReference() {
        for (Activation f : Activation.values()) {
            ElementTol tol = f == Activation.SIGMOID || f == Activation.TANH ? ulps(ELEMENTWISE_ULP_TOL) : null;
            checkOneInput("forward " + f, uniformWithSpecials(-20, 20), (kk, dt, out, oo, x, xo, n) -> {
                if (dt == DType.F32) {
                    kk.activationForwardF32(f, 0.01f, out, oo, x, xo, n);
                } else {
                    kk.activationForwardF64(f, 0.01, out, oo, x, xo, n);
                }
            }, tol);
        }
    }

    @Test
    void activationsBackwardMatchReference() {
        for (Activation f : Activation.values()) {
            ElementTol tol = switch (f) {
                case IDENTITY, RELU, LEAKY_RELU -> null;
                case SIGMOID -> ulps(ELEMENTWISE_ULP_TOL);
                // the double reference rounds y * y before 1 - y * y: its own error is u * |dY| * y^2
                case TANH -> (dt, want, dY, y) -> ELEMENTWISE_ULP_TOL * dt.ulp(want)
                        + 2 * dt.unitRoundoff * Math.abs(dY) * y * y;
            };
            InputMaker outputs = (dt, n) -> {
                MemorySegment x = uniformWithSpecials(-6, 6).make(dt, n);
                MemorySegment y = data.alloc(dt, IN_OFF + n);
                if (dt == DType.F32) {
                    ref.activationForwardF32(f, 0.01f, y, IN_OFF, x, IN_OFF, n);
                } else {
                    ref.activationForwardF64(f, 0.01, y, IN_OFF, x, IN_OFF, n);
                }
                return y;
            };
            // the first input is dY (so "in place" is dX == dY), the second the forward output y
            checkTwoInputs("backward " + f, uniformWithSpecials(-2, 2), outputs, (kk, dt, out, oo, dY, dyo, y, yo, n) -> {
                if (dt == DType.F32) {
                    kk.activationBackwardF32(f, 0.01f, out, oo, dY, dyo, y, yo, n);
                } else {
                    kk.activationBackwardF64(f, 0.01, out, oo, dY, dyo, y, yo, n);
                }
            }, tol);
        }
    }

    @Test
    void sigmoidAndTanhAreAccurateOverADenseSweep() {
        long n = 200_003;
        for (DType dt : DType.values()) {
            MemorySegment x = data.alloc(dt, n);
            for (long i = 0; i < n; i++) {
                dt.set(x, i, -12 + 24.0 * i / (n - 1));
            }
            for (Activation f : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
                MemorySegment want = data.alloc(dt, n);
                MemorySegment got = data.alloc(dt, n);
                if (dt == DType.F32) {
                    ref.activationForwardF32(f, 0, want, 0, x, 0, n);
                    k.activationForwardF32(f, 0, got, 0, x, 0, n);
                } else {
                    ref.activationForwardF64(f, 0, want, 0, x, 0, n);
                    k.activationForwardF64(f, 0, got, 0, x, 0, n);
                }
                for (long i = 0; i < n; i++) {
                    double w = dt.get(want, i);
                    assertClose(f + " " + dt + " at " + dt.get(x, i), w, dt.get(got, i), ELEMENTWISE_ULP_TOL * dt.ulp(w));
                }
            }
        }
    }

    /** Long enough for a backend to split the work across threads. */
    protected static final long LARGE_N = (1L << 20) + 13;

    @Test
    void largeRunsMatchReferenceInSharedAndConfinedMemory() {
        try (Arena shared = Arena.ofShared()) {
            // confined memory may only be touched by its owner thread, shared memory by any
            for (KernelTestData d : new KernelTestData[] {data, new KernelTestData(shared, 7)}) {
                for (DType dt : DType.values()) {
                    MemorySegment x = d.uniform(dt, LARGE_N + IN_OFF, -8, 8);
                    MemorySegment b = d.uniform(dt, LARGE_N + IN_OFF, -8, 8);
                    MemorySegment want = d.alloc(dt, LARGE_N + OUT_OFF);
                    MemorySegment got = d.alloc(dt, LARGE_N + OUT_OFF);
                    if (dt == DType.F32) {
                        ref.activationForwardF32(Activation.SIGMOID, 0, want, OUT_OFF, x, IN_OFF, LARGE_N);
                        k.activationForwardF32(Activation.SIGMOID, 0, got, OUT_OFF, x, IN_OFF, LARGE_N);
                    } else {
                        ref.activationForwardF64(Activation.SIGMOID, 0, want, OUT_OFF, x, IN_OFF, LARGE_N);
                        k.activationForwardF64(Activation.SIGMOID, 0, got, OUT_OFF, x, IN_OFF, LARGE_N);
                    }
                    compare("large sigmoid " + dt, dt, want, OUT_OFF, got, OUT_OFF, x, x, LARGE_N,
                            ulps(ELEMENTWISE_ULP_TOL));
                    if (dt == DType.F32) {
                        ref.binaryF32(BinaryOp.MUL, want, OUT_OFF, x, IN_OFF, b, IN_OFF, LARGE_N);
                        k.binaryF32(BinaryOp.MUL, got, OUT_OFF, x, IN_OFF, b, IN_OFF, LARGE_N);
                    } else {
                        ref.binaryF64(BinaryOp.MUL, want, OUT_OFF, x, IN_OFF, b, IN_OFF, LARGE_N);
                        k.binaryF64(BinaryOp.MUL, got, OUT_OFF, x, IN_OFF, b, IN_OFF, LARGE_N);
                    }
                    compare("large multiply " + dt, dt, want, OUT_OFF, got, OUT_OFF, x, b, LARGE_N, null);
                    assertUntouched("large " + dt, dt, got, 0, OUT_OFF);
                }
            }
        }
    }

    @Test
    void activationsSaturateAtLargeInputs() {
        double[] xs = {-1e4, -200, -100, -90, 90, 100, 200, 1e4, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        for (DType dt : DType.values()) {
            int n = xs.length;
            MemorySegment x = data.alloc(dt, n);
            for (int i = 0; i < n; i++) {
                dt.set(x, i, xs[i]);
            }
            MemorySegment y = data.alloc(dt, n);
            for (Activation f : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
                if (dt == DType.F32) {
                    k.activationForwardF32(f, 0, y, 0, x, 0, n);
                } else {
                    k.activationForwardF64(f, 0, y, 0, x, 0, n);
                }
                for (int i = 0; i < n; i++) {
                    double low = f == Activation.SIGMOID ? 0 : -1;
                    double want = xs[i] < 0 ? low : 1;
                    double tol = Math.abs(xs[i]) >= 1e4 ? 0 : 1e-30;
                    assertClose(f + " " + dt + " at " + xs[i], want, dt.get(y, i), tol);
                }
            }
        }
    }

    @Test
    void reductionsMatchReference() {
        for (DType dt : DType.values()) {
            for (long n : lengths()) {
                MemorySegment x = data.uniform(dt, IN_OFF + n, -1, 1);
                MemorySegment y = data.uniform(dt, IN_OFF + n, -1, 1);
                double absDot = 0;
                double absSum = 0;
                double squares = 0;
                for (long i = IN_OFF; i < IN_OFF + n; i++) {
                    absDot += Math.abs(dt.get(x, i) * dt.get(y, i));
                    absSum += Math.abs(dt.get(x, i));
                    squares += dt.get(x, i) * dt.get(x, i);
                }
                double scale = SUM_REL_TOL * dt.unitRoundoff * Math.max(1, n);
                String at = dt + " n=" + n;
                double wantDot = dot(ref, dt, x, y, n);
                assertClose("dot " + at, wantDot, dot(k, dt, x, y, n), scale * absDot + dt.ulp(wantDot));
                double wantSum = sum(ref, dt, x, n);
                assertClose("sum " + at, wantSum, sum(k, dt, x, n), scale * absSum + dt.ulp(wantSum));
                double wantSq = sumOfSquares(ref, dt, x, n);
                assertClose("sumOfSquares " + at, wantSq, sumOfSquares(k, dt, x, n), scale * squares + dt.ulp(wantSq));
            }
        }
    }

    @Test
    void reductionsPropagateNaNAndInfinity() {
        for (DType dt : DType.values()) {
            for (long n : lengths()) {
                if (n == 0) {
                    continue;
                }
                MemorySegment x = data.uniform(dt, IN_OFF + n, -1, 1);
                MemorySegment y = data.uniform(dt, IN_OFF + n, -1, 1);
                String at = dt + " n=" + n;
                dt.set(x, IN_OFF + n - 1, Double.NEGATIVE_INFINITY);
                dt.set(y, IN_OFF + n - 1, 1);
                assertClose("dot -inf " + at, Double.NEGATIVE_INFINITY, dot(k, dt, x, y, n), 0);
                assertClose("sum -inf " + at, Double.NEGATIVE_INFINITY, sum(k, dt, x, n), 0);
                assertClose("sumOfSquares -inf " + at, Double.POSITIVE_INFINITY, sumOfSquares(k, dt, x, n), 0);
                dt.set(x, IN_OFF + n / 2, Double.NaN);
                assertClose("dot NaN " + at, Double.NaN, dot(k, dt, x, y, n), 0);
                assertClose("sum NaN " + at, Double.NaN, sum(k, dt, x, n), 0);
                assertClose("sumOfSquares NaN " + at, Double.NaN, sumOfSquares(k, dt, x, n), 0);
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Optimizer updates and clamping: bit-exact against the reference

    private OptimizerKernelChecks optimizerChecks() {
        return new OptimizerKernelChecks(ref, k, data, lengths(), IN_OFF, GUARD);
    }

    @Test
    void sgdUpdateIsExact() {
        optimizerChecks().sgd();
    }

    @Test
    void rmspropUpdateIsExact() {
        optimizerChecks().rmsprop();
    }

    @Test
    void adamUpdateIsExact() {
        optimizerChecks().adam();
    }

    @Test
    void largeAdamUpdateIsExactInSharedMemory() {
        try (Arena shared = Arena.ofShared()) {
            new OptimizerKernelChecks(ref, k, new KernelTestData(shared, 11), lengths(), IN_OFF, GUARD)
                    .adamLarge(LARGE_N);
        }
    }

    @Test
    void clampIsExact() {
        checkOneInput("clamp", uniformWithSpecials(-4, 4), (kk, dt, out, oo, x, xo, n) -> {
            if (dt == DType.F32) {
                kk.clampF32(out, oo, x, xo, n, -1.5f, 2f);
            } else {
                kk.clampF64(out, oo, x, xo, n, -1.5, 2);
            }
        }, null);
    }

    private static double dot(Kernels kk, DType dt, MemorySegment x, MemorySegment y, long n) {
        return dt == DType.F32 ? kk.dotF32(x, IN_OFF, y, IN_OFF, n) : kk.dotF64(x, IN_OFF, y, IN_OFF, n);
    }

    private static double sum(Kernels kk, DType dt, MemorySegment x, long n) {
        return dt == DType.F32 ? kk.sumF32(x, IN_OFF, n) : kk.sumF64(x, IN_OFF, n);
    }

    private static double sumOfSquares(Kernels kk, DType dt, MemorySegment x, long n) {
        return dt == DType.F32 ? kk.sumOfSquaresF32(x, IN_OFF, n) : kk.sumOfSquaresF64(x, IN_OFF, n);
    }
}
