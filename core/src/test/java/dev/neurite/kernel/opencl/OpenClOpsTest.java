package dev.neurite.kernel.opencl;

import static dev.neurite.kernel.opencl.OpenClTestData.REALS;
import static dev.neurite.kernel.opencl.OpenClTestData.assertSameBits;
import static dev.neurite.kernel.opencl.OpenClTestData.assertWithinUlps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.UnaryOp;
import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenClOps} on device buffers against {@link ScalarKernels} on host copies of the same
 * data, in float32 and float64, over lengths around the vector and work-group sizes, at nonzero
 * offsets, with NaN and infinities mixed in, and in place. The element-wise ops, the piecewise
 * activations, the bias add and the gather are bit-exact; the transcendental ones are within
 * {@link #TRANSCENDENTAL_ULP_TOL}. Zero lengths are checked in {@link #emptyRangesTouchNothing}.
 */
class OpenClOpsTest {

    /**
     * Allowed error of exp, log, sigmoid and tanh, in ulps of the reference (which rounds the
     * double result once): OpenCL allows exp and log 3 ulp and tanh 5; POCL and NVIDIA stay
     * within 2, the same bound the CPU backends' tests use.
     */
    static final double TRANSCENDENTAL_ULP_TOL = 4;
    /**
     * Absolute error allowed where sigmoid underflows: in float, exp(-x) overflows below
     * x = -88.7 and the result is 0 where the exact value is a subnormal (8e-40 at -90). The same
     * bound as the CPU backends' saturation test.
     */
    static final double SATURATION_TOL = 1e-30;
    /** Allowed error of an {@code n}-term sum in units of {@code unitRoundoff * n * sum |term|} (worst case 1). */
    static final double SUM_REL_TOL = 2;
    /** Lengths: 1, around 8-lane vectors (7, 9, 16, 17), odd ones, and around 256-item work-groups. */
    static final long[] LENGTHS = {1, 7, 8, 9, 13, 16, 17, 207, 702, 1024, 4098};
    /** Row x column shapes of the matrix ops: thin, wide, and not multiples of any work-group edge. */
    static final int[][] SHAPES = {{1, 1}, {3, 7}, {4, 9}, {2, 17}, {128, 10}, {7, 13}, {5, 207}, {3, 702},
        {2, 1024}, {1, 4098}, {300, 3}};
    static final long IN_OFF = 3;
    static final long OUT_OFF = 5;
    /** Elements after each range, and padding per matrix row, that must stay untouched. */
    static final long GUARD = 3;
    static final double SLOPE = 0.125;

    static final ScalarKernels REF = new ScalarKernels();
    private static OpenClContext context;
    private static OpenClOps ops;
    private OpenClTestData data;

    @BeforeAll
    static void openDevice() {
        OpenClDevicesTest.devicesOrFail();
        context = OpenClContext.open();
        ops = new OpenClOps(context);
    }

    @AfterAll
    static void closeDevice() {
        context.close();
    }

    @BeforeEach
    void openData() {
        data = new OpenClTestData(context, 20261123L);
    }

    @AfterEach
    void closeData() {
        data.close();
    }

    static boolean f32(ClType t) {
        return t == ClType.FLOAT32;
    }

    /** The reference on host buffers: inputs at IN_OFF, the output at outOff. */
    @FunctionalInterface
    interface HostOp {
        void run(ClType t, MemorySegment out, long outOff, MemorySegment a, MemorySegment b, long n);
    }

    /** The device op: inputs at IN_OFF, the output at outOff. */
    @FunctionalInterface
    interface DeviceOp {
        void run(ClType t, OpenClBuffer out, long outOff, OpenClBuffer a, OpenClBuffer b, long n);
    }

    /** The allowed error of one result {@code want} computed from the inputs {@code a} and {@code b}. */
    @FunctionalInterface
    interface ElementTol {
        double tol(ClType t, double want, double a, double b);
    }

    static ElementTol ulps(double ulps) {
        return (t, want, a, b) -> ulps * OpenClTestData.ulp(t, want);
    }

    /**
     * Runs an op with inputs {@code a} and {@code b} on both sides and compares the whole output
     * buffers (guards included), bit-exact when {@code tol} is {@code null}; then again with the
     * output written over {@code a} in place.
     */
    private void check(String what, double lo, double hi, HostOp ref, DeviceOp op, ElementTol tol) {
        for (ClType t : REALS) {
            for (long n : LENGTHS) {
                MemorySegment a = data.uniform(t, IN_OFF + n + GUARD, IN_OFF, n, lo, hi, true);
                MemorySegment b = data.uniform(t, IN_OFF + n + GUARD, IN_OFF, n, lo, hi, true);
                MemorySegment want = data.alloc(t, OUT_OFF + n + GUARD);
                ref.run(t, want, OUT_OFF, a, b, n);
                OpenClBuffer out = data.device(t, data.alloc(t, OUT_OFF + n + GUARD));
                OpenClBuffer da = data.device(t, a);
                op.run(t, out, OUT_OFF, da, data.device(t, b), n);
                String at = what + " " + t + " n=" + n;
                compare(at, t, want, data.read(out), OUT_OFF, n, a, b, tol);
                assertSameBits(at + " input", t, a, data.read(da));
                OpenClBuffer inPlace = data.device(t, a);
                op.run(t, inPlace, IN_OFF, inPlace, data.device(t, b), n);
                MemorySegment wantInPlace = data.copy(a);
                MemorySegment.copy(want, OUT_OFF * t.bytes(), wantInPlace, IN_OFF * t.bytes(), n * t.bytes());
                compare(at + " in place", t, wantInPlace, data.read(inPlace), IN_OFF, n, a, b, tol);
            }
        }
    }

    /** Whole buffers: the n results from {@code off} within {@code tol}, everything else bit-exact. */
    private static void compare(String at, ClType t, MemorySegment want, MemorySegment got, long off, long n,
                                MemorySegment a, MemorySegment b, ElementTol tol) {
        if (tol == null) {
            assertSameBits(at, t, want, got);
            return;
        }
        assertSameBits(at, t, want, 0, got, 0, off);
        long end = OpenClTestData.length(t, want);
        assertSameBits(at, t, want, off + n, got, off + n, end - off - n);
        for (long i = 0; i < n; i++) {
            double w = OpenClTestData.get(t, want, off + i);
            double g = OpenClTestData.get(t, got, off + i);
            if (Double.isNaN(w) || Double.isInfinite(w) || Double.isInfinite(g)) {
                assertSameBits(at, t, want, off + i, got, off + i, 1);
                continue;
            }
            double allowed = tol.tol(t, w, OpenClTestData.get(t, a, IN_OFF + i), OpenClTestData.get(t, b, IN_OFF + i));
            assertTrue(Math.abs(w - g) <= allowed, at + " at " + i + ": expected " + w + ", got " + g
                    + " (error " + Math.abs(w - g) + " > " + allowed + ")");
        }
    }

    private static void compare(String at, ClType t, MemorySegment want, MemorySegment got, double ulps) {
        if (ulps == 0) {
            assertSameBits(at, t, want, got);
        } else {
            assertWithinUlps(at, t, want, got, ulps);
        }
    }

    @Test
    void binaryOpsAreExact() {
        for (BinaryOp op : BinaryOp.values()) {
            check("binary " + op, -4, 4, (t, out, oo, a, b, n) -> {
                if (f32(t)) {
                    REF.binaryF32(op, out, oo, a, IN_OFF, b, IN_OFF, n);
                } else {
                    REF.binaryF64(op, out, oo, a, IN_OFF, b, IN_OFF, n);
                }
            }, (t, out, oo, a, b, n) -> ops.binary(op, out, oo, a, IN_OFF, b, IN_OFF, n), null);
        }
    }

    @Test
    void unaryOpsMatchReference() {
        for (UnaryOp op : UnaryOp.values()) {
            boolean exact = op != UnaryOp.EXP && op != UnaryOp.LOG;
            double lo = op == UnaryOp.EXP ? -80 : -1;
            check("unary " + op, lo, 60, (t, out, oo, a, b, n) -> {
                if (f32(t)) {
                    REF.unaryF32(op, out, oo, a, IN_OFF, n);
                } else {
                    REF.unaryF64(op, out, oo, a, IN_OFF, n);
                }
            }, (t, out, oo, a, b, n) -> ops.unary(op, out, oo, a, IN_OFF, n),
                    exact ? null : ulps(TRANSCENDENTAL_ULP_TOL));
        }
    }

    @Test
    void scaleAxpyClampCopyAndFillAreExact() {
        for (double alpha : new double[] {0.75, -3, 0}) {
            check("scale " + alpha, -4, 4, (t, out, oo, a, b, n) -> {
                if (f32(t)) {
                    REF.scaleF32(out, oo, (float) alpha, a, IN_OFF, n);
                } else {
                    REF.scaleF64(out, oo, alpha, a, IN_OFF, n);
                }
            }, (t, out, oo, a, b, n) -> ops.scale(out, oo, alpha, a, IN_OFF, n), null);
        }
        // axpy updates y: y starts as a copy of a (made by copy, itself under test), x is b
        check("copy then axpy", -4, 4, (t, out, oo, a, b, n) -> {
            MemorySegment.copy(a, IN_OFF * t.bytes(), out, oo * t.bytes(), n * t.bytes());
            if (f32(t)) {
                REF.axpyF32(out, oo, -1.25f, b, IN_OFF, n);
            } else {
                REF.axpyF64(out, oo, -1.25, b, IN_OFF, n);
            }
        }, (t, out, oo, a, b, n) -> {
            ops.copy(out, oo, a, IN_OFF, n);
            ops.axpy(out, oo, -1.25, b, IN_OFF, n);
        }, null);
        check("clamp", -4, 4, (t, out, oo, a, b, n) -> {
            if (f32(t)) {
                REF.clampF32(out, oo, a, IN_OFF, n, -1.5f, 2f);
            } else {
                REF.clampF64(out, oo, a, IN_OFF, n, -1.5, 2);
            }
        }, (t, out, oo, a, b, n) -> ops.clamp(out, oo, a, IN_OFF, n, -1.5, 2), null);
        // signed zeros as bounds: Math.max(-0.0, 0.0) is 0.0, and NaN stays NaN
        check("clamp to [0, 0]", -4, 4, (t, out, oo, a, b, n) -> {
            if (f32(t)) {
                REF.clampF32(out, oo, a, IN_OFF, n, 0f, 0f);
            } else {
                REF.clampF64(out, oo, a, IN_OFF, n, 0, 0);
            }
        }, (t, out, oo, a, b, n) -> ops.clamp(out, oo, a, IN_OFF, n, 0, 0), null);
        check("fill", -4, 4, (t, out, oo, a, b, n) -> {
            for (long i = 0; i < n; i++) {
                OpenClTestData.set(t, out, oo + i, -2.5);
            }
        }, (t, out, oo, a, b, n) -> ops.fill(out, oo, n, -2.5), null);
    }

    @Test
    void activationsForwardMatchReference() {
        for (Activation f : Activation.values()) {
            boolean exact = f != Activation.SIGMOID && f != Activation.TANH;
            check("forward " + f, -20, 20, (t, out, oo, a, b, n) -> {
                if (f32(t)) {
                    REF.activationForwardF32(f, (float) SLOPE, out, oo, a, IN_OFF, n);
                } else {
                    REF.activationForwardF64(f, SLOPE, out, oo, a, IN_OFF, n);
                }
            }, (t, out, oo, a, b, n) -> ops.activationForward(f, SLOPE, out, oo, a, IN_OFF, n),
                    exact ? null : ulps(TRANSCENDENTAL_ULP_TOL));
        }
    }

    @Test
    void activationsBackwardMatchReference() {
        for (Activation f : Activation.values()) {
            // the reference rounds once from double, the device each product: for tanh, rounding
            // y * y before 1 - y * y costs up to u * |dY| * y^2 (as in the CPU backends' test)
            ElementTol tol = switch (f) {
                case IDENTITY, RELU, LEAKY_RELU -> null;
                case SIGMOID -> ulps(TRANSCENDENTAL_ULP_TOL);
                case TANH -> (t, want, dY, y) -> TRANSCENDENTAL_ULP_TOL * OpenClTestData.ulp(t, want)
                        + 2 * OpenClTestData.unitRoundoff(t) * Math.abs(dY) * y * y;
            };
            // a = dY, b = the forward output y, from values in [-6, 6] through the reference
            check("backward " + f, -6, 6, (t, out, oo, dY, x, n) -> {
                forwardInPlace(t, f, x, n);
                if (f32(t)) {
                    REF.activationBackwardF32(f, (float) SLOPE, out, oo, dY, IN_OFF, x, IN_OFF, n);
                } else {
                    REF.activationBackwardF64(f, SLOPE, out, oo, dY, IN_OFF, x, IN_OFF, n);
                }
            }, (t, out, oo, dY, y, n) -> ops.activationBackward(f, SLOPE, out, oo, dY, IN_OFF, y, IN_OFF, n), tol);
        }
    }

    /**
     * Turns the host input {@code x} into {@code f(x)}. The reference runs first, so the device
     * receives y too: the device buffer is made from the host one after this call.
     */
    private static void forwardInPlace(ClType t, Activation f, MemorySegment x, long n) {
        if (f32(t)) {
            REF.activationForwardF32(f, (float) SLOPE, x, IN_OFF, x, IN_OFF, n);
        } else {
            REF.activationForwardF64(f, SLOPE, x, IN_OFF, x, IN_OFF, n);
        }
    }

    @Test
    void tanhAndSigmoidSaturate() {
        double[] xs = {-1e4, -200, -90, -20, 20, 90, 200, 1e4, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        for (ClType t : REALS) {
            MemorySegment x = data.alloc(t, xs.length);
            for (int i = 0; i < xs.length; i++) {
                OpenClTestData.set(t, x, i, xs[i]);
            }
            for (Activation f : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
                OpenClBuffer y = data.device(t, data.alloc(t, xs.length));
                ops.activationForward(f, 0, y, 0, data.device(t, x), 0, xs.length);
                MemorySegment got = data.read(y);
                for (int i = 0; i < xs.length; i++) {
                    String at = f + " " + t + " at " + xs[i];
                    double g = OpenClTestData.get(t, got, i);
                    if (f == Activation.TANH || Math.abs(xs[i]) >= 1e4) {
                        // tanh is +-1 in both precisions from |x| = 19.1 on; sigmoid 0 or 1 at the ends
                        double low = f == Activation.SIGMOID ? 0 : -1;
                        assertEquals(xs[i] < 0 ? low : 1, g, at);
                    } else {
                        double w = ScalarKernels.forward(f, 0, OpenClTestData.get(t, x, i));
                        w = t == ClType.FLOAT32 ? (float) w : w;
                        double tol = TRANSCENDENTAL_ULP_TOL * OpenClTestData.ulp(t, w) + SATURATION_TOL;
                        assertTrue(Math.abs(w - g) <= tol, at + ": expected " + w + ", got " + g);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Matrices

    /** A rows x cols view at IN_OFF with row padding GUARD; uniform values, specials in row 0. */
    private MemorySegment matrix(ClType t, int rows, int cols, long ld, double lo, double hi) {
        MemorySegment s = data.alloc(t, IN_OFF + rows * ld + GUARD);
        for (int i = 0; i < rows; i++) {
            MemorySegment row = data.uniform(t, cols, 0, cols, lo, hi, i == 0);
            MemorySegment.copy(row, 0, s, (IN_OFF + i * ld) * t.bytes(), (long) cols * t.bytes());
        }
        return s;
    }

    @Test
    void addRowVectorWithAndWithoutActivationMatchReference() {
        for (ClType t : REALS) {
            for (int[] shape : SHAPES) {
                int rows = shape[0];
                int cols = shape[1];
                long lda = cols + GUARD;
                long ldo = cols + 2 * GUARD;
                MemorySegment a = matrix(t, rows, cols, lda, -6, 6);
                MemorySegment bias = data.uniform(t, IN_OFF + cols, IN_OFF, cols, -2, 2, false);
                OpenClBuffer da = data.device(t, a);
                OpenClBuffer db = data.device(t, bias);
                for (Activation f : new Activation[] {null, Activation.IDENTITY, Activation.RELU,
                    Activation.LEAKY_RELU, Activation.SIGMOID, Activation.TANH}) {
                    MemorySegment want = data.alloc(t, OUT_OFF + rows * ldo);
                    biasRef(t, f, want, OUT_OFF, ldo, a, lda, bias, rows, cols);
                    OpenClBuffer out = data.device(t, data.alloc(t, OUT_OFF + rows * ldo));
                    biasDevice(f, out, OUT_OFF, ldo, da, lda, db, rows, cols);
                    double ulps = f == Activation.SIGMOID || f == Activation.TANH ? TRANSCENDENTAL_ULP_TOL : 0;
                    String at = "addRowVector " + f + " " + t + " " + rows + "x" + cols;
                    compare(at, t, want, data.read(out), ulps);
                    // in place: out == a, same offset and ld
                    MemorySegment wantInPlace = data.copy(a);
                    biasRef(t, f, wantInPlace, IN_OFF, lda, a, lda, bias, rows, cols);
                    OpenClBuffer inPlace = data.device(t, a);
                    biasDevice(f, inPlace, IN_OFF, lda, inPlace, lda, db, rows, cols);
                    compare(at + " in place", t, wantInPlace, data.read(inPlace), ulps);
                }
            }
        }
    }

    private static void biasRef(ClType t, Activation f, MemorySegment out, long outOff, long ldo, MemorySegment a,
                                long lda, MemorySegment bias, int rows, int cols) {
        if (f == null) {
            if (f32(t)) {
                REF.addRowVectorF32(out, outOff, ldo, a, IN_OFF, lda, bias, IN_OFF, rows, cols);
            } else {
                REF.addRowVectorF64(out, outOff, ldo, a, IN_OFF, lda, bias, IN_OFF, rows, cols);
            }
        } else if (f32(t)) {
            REF.addRowVectorActivationF32(f, (float) SLOPE, out, outOff, ldo, a, IN_OFF, lda, bias, IN_OFF, rows, cols);
        } else {
            REF.addRowVectorActivationF64(f, SLOPE, out, outOff, ldo, a, IN_OFF, lda, bias, IN_OFF, rows, cols);
        }
    }

    private static void biasDevice(Activation f, OpenClBuffer out, long outOff, long ldo, OpenClBuffer a, long lda,
                                   OpenClBuffer bias, int rows, int cols) {
        if (f == null) {
            ops.addRowVector(out, outOff, ldo, a, IN_OFF, lda, bias, IN_OFF, rows, cols);
        } else {
            ops.addRowVectorActivation(f, SLOPE, out, outOff, ldo, a, IN_OFF, lda, bias, IN_OFF, rows, cols);
        }
    }

    @Test
    void columnSumsMatchReference() {
        int[][] shapes = {{0, 5}, {1, 1}, {7, 9}, {16, 17}, {17, 16}, {33, 10}, {128, 10}, {300, 3}, {2, 1024},
            {5, 207}, {1, 4098}, {256, 300}};
        for (ClType t : REALS) {
            for (int[] shape : shapes) {
                int rows = shape[0];
                int cols = shape[1];
                long lda = cols + GUARD;
                MemorySegment a = matrix(t, rows, cols, lda, -1, 1);
                MemorySegment want = data.alloc(t, OUT_OFF + cols + GUARD);
                MemorySegment got = data.alloc(t, OUT_OFF + cols + GUARD);
                if (f32(t)) {
                    REF.columnSumsF32(want, OUT_OFF, a, IN_OFF, lda, rows, cols);
                } else {
                    REF.columnSumsF64(want, OUT_OFF, a, IN_OFF, lda, rows, cols);
                }
                OpenClBuffer out = data.device(t, got);
                ops.columnSums(out, OUT_OFF, data.device(t, a), IN_OFF, lda, rows, cols);
                got = data.read(out);
                String at = "columnSums " + t + " " + rows + "x" + cols;
                for (long j = 0; j < OUT_OFF + cols + GUARD; j++) {
                    double w = OpenClTestData.get(t, want, j);
                    double g = OpenClTestData.get(t, got, j);
                    if (j < OUT_OFF || j >= OUT_OFF + cols || Double.isNaN(w)) {
                        assertSameBits(at, t, want, j, got, j, 1);
                        continue;
                    }
                    double abs = 0;
                    for (long i = 0; i < rows; i++) {
                        abs += Math.abs(OpenClTestData.get(t, a, IN_OFF + i * lda + j - OUT_OFF));
                    }
                    double tol = SUM_REL_TOL * OpenClTestData.unitRoundoff(t) * Math.max(1, rows) * abs
                            + OpenClTestData.ulp(t, w);
                    assertTrue(Math.abs(w - g) <= tol || (Double.isInfinite(w) && w == g),
                            at + " col " + (j - OUT_OFF) + ": expected " + w + ", got " + g);
                }
            }
        }
    }

    @Test
    void gatherRowsCopiesRowsOfEveryElementType() {
        for (ClType t : new ClType[] {ClType.FLOAT32, ClType.FLOAT64, ClType.INT32}) {
            for (int[] shape : new int[][] {{1, 1}, {7, 9}, {64, 17}, {5, 784}, {128, 1}, {3, 4098}}) {
                int rows = shape[0];
                int cols = shape[1];
                int srcRows = rows + 11;
                long ld = cols + GUARD;
                MemorySegment src = data.alloc(t, IN_OFF + srcRows * ld);
                for (long i = 0; i < srcRows; i++) {
                    MemorySegment row = t == ClType.INT32
                            ? data.alloc(t, cols) : data.uniform(t, cols, 0, cols, -9, 9, i == 2);
                    for (long j = 0; j < cols; j++) {
                        OpenClTestData.set(t, row, j, t == ClType.INT32 ? data.random.nextInt(1000) - 500
                                : OpenClTestData.get(t, row, j));
                    }
                    MemorySegment.copy(row, 0, src, (IN_OFF + i * ld) * t.bytes(), (long) cols * t.bytes());
                }
                MemorySegment index = data.alloc(ClType.INT32, IN_OFF + rows);
                MemorySegment want = data.alloc(t, OUT_OFF + (long) rows * cols + GUARD);
                for (int i = 0; i < rows; i++) {
                    int r = i == 1 ? 2 : data.random.nextInt(srcRows); // repeats allowed, row 2 has NaN and inf
                    OpenClTestData.set(ClType.INT32, index, IN_OFF + i, r);
                    MemorySegment.copy(src, (IN_OFF + r * ld) * t.bytes(), want,
                            (OUT_OFF + (long) i * cols) * t.bytes(), (long) cols * t.bytes());
                }
                OpenClBuffer out = data.device(t, data.alloc(t, OUT_OFF + (long) rows * cols + GUARD));
                ops.gatherRows(out, OUT_OFF, data.device(t, src), IN_OFF, ld, data.device(ClType.INT32, index), IN_OFF,
                        rows, cols);
                assertSameBits("gatherRows " + t + " " + rows + "x" + cols, t, want, data.read(out));
            }
        }
    }

    /** Every op on an empty range enqueues nothing; buffers (all NaN) stay as they were. */
    @Test
    void emptyRangesTouchNothing() {
        for (ClType t : REALS) {
            MemorySegment nan = data.alloc(t, 4);
            OpenClBuffer b = data.device(t, nan);
            OpenClBuffer c = data.device(t, nan);
            OpenClBuffer index = data.device(ClType.INT32, data.alloc(ClType.INT32, 4));
            ops.fill(b, 0, 0, 1);
            ops.copy(b, 0, c, 0, 0);
            ops.axpy(b, 0, 2, c, 0, 0);
            ops.scale(b, 0, 2, c, 0, 0);
            ops.binary(BinaryOp.ADD, b, 0, c, 0, c, 0, 0);
            ops.unary(UnaryOp.EXP, b, 0, c, 0, 0);
            ops.clamp(b, 0, c, 0, 0, -1, 1);
            ops.activationForward(Activation.TANH, 0, b, 0, c, 0, 0);
            ops.activationBackward(Activation.TANH, 0, b, 0, c, 0, c, 0, 0);
            ops.addRowVector(b, 0, 4, c, 0, 4, c, 0, 0, 4);
            ops.addRowVector(b, 0, 4, c, 0, 4, c, 0, 4, 0);
            ops.addRowVectorActivation(Activation.RELU, 0, b, 0, 4, c, 0, 4, c, 0, 0, 4);
            ops.columnSums(b, 0, c, 0, 4, 4, 0);
            ops.gatherRows(b, 0, c, 0, 4, index, 0, 0, 4);
            ops.sgdUpdate(b, 0, c, 0, c, 0, 0, 0.1, 0.9, 0, true, 0.1, 0.1, false);
            ops.rmspropUpdate(b, 0, c, 0, c, 0, c, 0, c, 0, 0, 0.1, 0.9, 1e-6, 0.9, true, 0.1, 0.1);
            ops.adamUpdate(b, 0, c, 0, c, 0, c, 0, 0, 0.1, 0.9, 0.999, 1e-8, 0.5, 0.1, 0.1, 0.99);
            assertSameBits("empty ranges " + t, t, nan, data.read(b));
            assertSameBits("empty ranges " + t, t, nan, data.read(c));
            // no rows: every column sum is 0
            ops.columnSums(b, 1, c, 0, 4, 0, 2);
            MemorySegment got = data.read(b);
            assertEquals(0.0, OpenClTestData.get(t, got, 1));
            assertEquals(0.0, OpenClTestData.get(t, got, 2));
            assertTrue(Double.isNaN(OpenClTestData.get(t, got, 3)), "columnSums writes only its columns");
        }
    }
}
