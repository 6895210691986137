package dev.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.PointwiseLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation {@link Ops} runs on a device, against the same call on host tensors: awkward
 * sizes, views (column slices, transposes) and both dtypes, on OpenCL (POCL in CI).
 */
class DeviceOpsTest {

    /** float32: the device sums in another order (work-group reductions, GEMM tiles); per unit of depth. */
    static final double F32_TOLERANCE = 2e-6;
    /** float64: the same formulas in double, only the order of sums differs. */
    static final double F64_TOLERANCE = 1e-13;

    private static Device gpu;

    @BeforeAll
    static void open() {
        gpu = Device.opencl();
    }

    @AfterAll
    static void close() {
        gpu.close();
    }

    /**
     * Runs {@code op} on host copies and on device copies of {@code inputs} (random values in
     * [lo, hi)), then compares every input tensor (the outputs are among them) within
     * {@code tolerance * depth} relative to the larger of 1 and the value.
     */
    private static void compare(String what, DType dtype, int[][] shapes, double lo, double hi, double depth,
                                Consumer<List<Tensor>> op) {
        Random rnd = new Random(what.hashCode());
        List<Tensor> host = new ArrayList<>();
        List<Tensor> device = new ArrayList<>();
        try {
            for (int[] s : shapes) {
                Tensor t = Tensor.zeros(dtype, s[0], s[1]);
                host.add(t);
                for (int i = 0; i < s[0]; i++) {
                    for (int j = 0; j < s[1]; j++) {
                        t.set(i, j, lo + (hi - lo) * rnd.nextDouble());
                    }
                }
                device.add(t.to(gpu));
            }
            op.accept(host);
            op.accept(device);
            double tolerance = (dtype == DType.F32 ? F32_TOLERANCE : F64_TOLERANCE) * Math.max(1, depth);
            for (int k = 0; k < host.size(); k++) {
                double[] expected = host.get(k).toDoubleArray();
                double[] actual = device.get(k).toDoubleArray();
                for (int i = 0; i < expected.length; i++) {
                    double err = Math.abs(expected[i] - actual[i]) / Math.max(1, Math.abs(expected[i]));
                    assertTrue(err <= tolerance || Double.doubleToLongBits(expected[i]) == Double.doubleToLongBits(actual[i]),
                            what + " " + dtype + ": tensor " + k + " element " + i + ": host " + expected[i]
                                    + ", device " + actual[i]);
                }
            }
        } finally {
            host.forEach(Tensor::close);
            device.forEach(Tensor::close);
        }
    }

    private static Ops ops() {
        return Ops.get();
    }

    @Test
    void gemmInEveryLayout() {
        int m = 17, n = 33, k = 29;
        for (DType dtype : DType.values()) {
            compare("gemm NN", dtype, new int[][] {{m, n}, {m, k}, {k, n}}, -1, 1, k,
                    t -> ops().gemm(t.get(0), 1.5, t.get(1), t.get(2), 0.5));
            compare("gemm TN", dtype, new int[][] {{m, n}, {k, m}, {k, n}}, -1, 1, k,
                    t -> ops().gemm(t.get(0), 1, t.get(1).transpose(), t.get(2), 0));
            compare("gemm NT", dtype, new int[][] {{m, n}, {m, k}, {n, k}}, -1, 1, k,
                    t -> ops().gemm(t.get(0), 1, t.get(1), t.get(2).transpose(), 0));
            compare("gemm TT into a transposed output", dtype, new int[][] {{n, m}, {k, m}, {n, k}}, -1, 1, k,
                    t -> ops().gemm(t.get(0).transpose(), -2, t.get(1).transpose(), t.get(2).transpose(), 1));
            compare("gemm of column slices", dtype, new int[][] {{m, n + 3}, {m, k + 2}, {k, n}}, -1, 1, k,
                    t -> ops().matmul(t.get(0).columns(2, n + 2), t.get(1).columns(1, k + 1), t.get(2)));
        }
    }

    @Test
    void elementWiseOpsOnWholeTensorsAndViews() {
        int[][] three = {{9, 13}, {9, 13}, {9, 13}};
        for (DType dtype : DType.values()) {
            for (BinaryOp op : BinaryOp.values()) {
                compare("binary " + op, dtype, three, 0.5, 2, 1, t -> {
                    switch (op) {
                        case ADD -> ops().add(t.get(0), t.get(1), t.get(2));
                        case SUB -> ops().sub(t.get(0), t.get(1), t.get(2));
                        case MUL -> ops().mul(t.get(0), t.get(1), t.get(2));
                        case DIV -> ops().div(t.get(0), t.get(1), t.get(2));
                    }
                });
            }
            compare("add on column slices", dtype, three, -1, 1, 1,
                    t -> ops().add(t.get(0).columns(1, 12), t.get(1).columns(0, 11), t.get(2).columns(2, 13)));
            compare("mul of a transposed view", dtype, new int[][] {{9, 13}, {13, 9}, {9, 13}}, -1, 1, 1,
                    t -> ops().mul(t.get(0), t.get(1).transpose(), t.get(2)));
            compare("scale", dtype, three, -1, 1, 1, t -> ops().scale(t.get(0), -0.75, t.get(1)));
            compare("axpy", dtype, three, -1, 1, 1, t -> ops().axpy(t.get(0), 0.3, t.get(1)));
            compare("exp", dtype, three, -2, 2, 1, t -> ops().exp(t.get(0), t.get(1)));
            compare("log", dtype, three, 0.1, 3, 1, t -> ops().log(t.get(0), t.get(1)));
            compare("sqrt", dtype, three, 0.1, 3, 1, t -> ops().sqrt(t.get(0), t.get(1)));
            compare("clamp", dtype, three, -2, 2, 1, t -> ops().clamp(t.get(0), t.get(1), -0.5, 0.75));
            for (Activation f : Activation.values()) {
                double slope = f == Activation.LEAKY_RELU ? 0.1 : 0;
                compare("forward " + f, dtype, three, -3, 3, 1,
                        t -> ops().activationForward(f, slope, t.get(0), t.get(1)));
                compare("backward " + f, dtype, three, -0.9, 0.9, 1,
                        t -> ops().activationBackward(f, slope, t.get(0), t.get(1), t.get(2)));
            }
        }
    }

    @Test
    void lossesWithTheirGradientsAndDropoutMasks() {
        int rows = 37;
        int cols = 11;
        int[] labels = new Random(5).ints(rows, 0, 7).toArray();
        for (DType dtype : DType.values()) {
            double tol = dtype == DType.F32 ? F32_TOLERANCE : F64_TOLERANCE;
            for (PointwiseLoss loss : PointwiseLoss.values()) {
                double[] sums = new double[2];
                compare("pointwise " + loss, dtype, new int[][] {{rows, cols}, {rows, cols}, {rows, cols}}, 0.01,
                        0.99, 1, t -> sums[t.get(0).device().isHost() ? 0 : 1] =
                                ops().pointwiseLoss(loss, t.get(0), t.get(1), t.get(2), 1.0 / (rows * cols)));
                // float32 terms are summed in float on the device: relative to the sum, per element
                assertEquals(sums[0], sums[1], tol * rows * cols * Math.max(1, Math.abs(sums[0])), loss + " sum");
                compare("pointwise " + loss + " of a transposed target", dtype,
                        new int[][] {{rows, cols}, {rows, cols}, {cols, rows}}, 0.01, 0.99, 1,
                        t -> ops().pointwiseLoss(loss, t.get(0), t.get(1), t.get(2).transpose(), 0.5));
            }
            double[] hinge = new double[2];
            compare("multiClassHinge", dtype, new int[][] {{rows, 7}, {rows, 7}}, -1, 1, 1,
                    t -> hinge[t.get(0).device().isHost() ? 0 : 1] =
                            ops().multiClassHinge(t.get(0), t.get(1), labels, 0.75, 1.0 / rows));
            assertEquals(hinge[0], hinge[1], tol * rows * Math.max(1, hinge[0]), "hinge sum");
            compare("bernoulliMask", dtype, new int[][] {{rows, cols}}, 0, 1, 1,
                    t -> ops().bernoulliMask(t.get(0), 0x5eedL, 0.7));
        }
    }

    @Test
    void lossTermsOutsideTheirDomainAreNaNOnBothSides() {
        for (Device where : new Device[] {Device.HOST, gpu}) {
            try (Tensor p = Tensor.zeros(DType.F32, 2, 3, where); Tensor t = Tensor.zeros(DType.F32, 2, 3, where);
                 Tensor dP = Tensor.zeros(DType.F32, 2, 3, where)) {
                p.fill(0.5);
                t.fill(1.25);
                assertTrue(Double.isNaN(ops().pointwiseLoss(PointwiseLoss.BINARY_CROSS_ENTROPY, dP, p, t, 1)), where.name());
                assertTrue(Double.isNaN(ops().pointwiseLoss(PointwiseLoss.BINARY_CROSS_ENTROPY_WITH_LOGITS, dP, p, t, 1)));
                t.fill(Double.NEGATIVE_INFINITY);
                assertTrue(Double.isNaN(ops().pointwiseLoss(PointwiseLoss.ABSOLUTE_ERROR, dP, p, t, 1)), where.name());
            }
        }
    }

    @Test
    void dropoutMasksKeepTheirShareAndChangeWithTheSeed() {
        try (Tensor a = Tensor.zeros(DType.F32, 100, 100); Tensor b = Tensor.zeros(DType.F32, 100, 100)) {
            ops().bernoulliMask(a, 1, 0.6);
            ops().bernoulliMask(b, 2, 0.6);
            double[] x = a.toDoubleArray();
            double[] y = b.toDoubleArray();
            int kept = 0;
            int same = 0;
            for (int i = 0; i < x.length; i++) {
                assertTrue(x[i] == 0 || (float) x[i] == (float) (1 / 0.6), "0 or 1/keep: " + x[i]);
                kept += x[i] != 0 ? 1 : 0;
                same += (x[i] != 0) == (y[i] != 0) ? 1 : 0;
            }
            // binomial sd of the kept share over 10^4 draws is 0.0049; 0.03 is six of them
            assertEquals(0.6, kept / 1e4, 0.03);
            // independent masks agree on 0.6^2 + 0.4^2 = 52% of elements
            assertEquals(0.52, same / 1e4, 0.03);
        }
    }

    @Test
    void rowAndColumnOps() {
        for (DType dtype : DType.values()) {
            compare("addRowVector", dtype, new int[][] {{11, 7}, {11, 7}, {1, 7}}, -1, 1, 1,
                    t -> ops().addRowVector(t.get(0), t.get(1), t.get(2)));
            compare("addRowVectorActivation in place", dtype, new int[][] {{11, 7}, {1, 7}}, -1, 1, 1,
                    t -> ops().addRowVectorActivation(Activation.RELU, 0, t.get(0), t.get(0), t.get(1)));
            compare("columnSums", dtype, new int[][] {{1, 19}, {37, 19}}, -1, 1, 37,
                    t -> ops().columnSums(t.get(0), t.get(1)));
            compare("columnSums of a row slice", dtype, new int[][] {{1, 19}, {37, 19}}, -1, 1, 37,
                    t -> ops().columnSums(t.get(0), t.get(1).rows(3, 30)));
            compare("softmaxRows", dtype, new int[][] {{13, 10}, {13, 10}}, -20, 20, 10,
                    t -> ops().softmaxRows(t.get(0), t.get(1)));
            compare("logSoftmaxRows", dtype, new int[][] {{13, 10}, {13, 10}}, -20, 20, 10,
                    t -> ops().logSoftmaxRows(t.get(0), t.get(1)));
        }
    }

    @Test
    void broadcastsRowReductionsAndGemv() {
        for (DType dtype : DType.values()) {
            for (BinaryOp op : BinaryOp.values()) {
                compare("rowBroadcast " + op, dtype, new int[][] {{11, 7}, {11, 7}, {1, 7}}, 0.5, 2, 1,
                        t -> ops().rowBroadcast(op, t.get(0), t.get(1), t.get(2)));
                compare("columnBroadcast " + op + " in place", dtype, new int[][] {{11, 7}, {11, 1}}, 0.5, 2, 1,
                        t -> ops().columnBroadcast(op, t.get(0), t.get(0), t.get(1)));
            }
            compare("rowSums", dtype, new int[][] {{21, 1}, {21, 37}}, -1, 1, 37,
                    t -> ops().rowSums(t.get(0), t.get(1)));
            compare("rowMax of a column slice", dtype, new int[][] {{1, 21}, {21, 37}}, -1, 1, 1,
                    t -> ops().rowMax(t.get(0), t.get(1).columns(2, 30)));
            compare("gemv", dtype, new int[][] {{1, 13}, {13, 29}, {29, 1}}, -1, 1, 29,
                    t -> ops().gemv(t.get(0), 0.5, t.get(1), t.get(2), 2));
            compare("gemv of a transpose", dtype, new int[][] {{1, 29}, {13, 29}, {13, 1}}, -1, 1, 13,
                    t -> ops().gemv(t.get(0), 1, t.get(1).transpose(), t.get(2), 0));
            int[] labels = {3, 0, 9, 9, 1, 5, 2, 7, 8, 4, 6, 0, 1};
            double[] losses = new double[2];
            compare("softmaxCrossEntropy", dtype, new int[][] {{13, 10}, {13, 10}}, -20, 20, 10, t -> {
                double loss = ops().softmaxCrossEntropy(t.get(0), t.get(1), labels, 1.0 / 13);
                losses[t.get(0).device().isHost() ? 0 : 1] = loss;
            });
            assertEquals(losses[0], losses[1], Math.abs(losses[0]) * (dtype == DType.F32 ? 1e-5 : 1e-12));
            Random rnd = new Random(6);
            try (Tensor x = Tensor.zeros(dtype, 17, 10)) {
                for (int i = 0; i < 17; i++) {
                    for (int j = 0; j < 10; j++) {
                        x.set(i, j, rnd.nextInt(5)); // ties: the first index wins on both
                    }
                }
                x.set(4, 6, Double.NaN);
                try (Tensor d = x.to(gpu)) {
                    assertArrayEquals(ops().rowArgmax(x), ops().rowArgmax(d));
                }
            }
        }
    }

    @Test
    void reductionsToOneNumber() {
        for (DType dtype : DType.values()) {
            double tolerance = (dtype == DType.F32 ? F32_TOLERANCE : F64_TOLERANCE) * 1000;
            Random rnd = new Random(5);
            try (Tensor a = Tensor.zeros(dtype, 33, 31); Tensor b = Tensor.zeros(dtype, 33, 31)) {
                for (int i = 0; i < 33; i++) {
                    for (int j = 0; j < 31; j++) {
                        a.set(i, j, rnd.nextDouble() - 0.5);
                        b.set(i, j, rnd.nextDouble() - 0.5);
                    }
                }
                try (Tensor da = a.to(gpu); Tensor db = b.to(gpu)) {
                    assertEquals(ops().sum(a), ops().sum(da), tolerance);
                    assertEquals(ops().sumOfSquares(a), ops().sumOfSquares(da), tolerance);
                    assertEquals(ops().dot(a, b), ops().dot(da, db), tolerance);
                    assertEquals(ops().sum(a.columns(3, 20)), ops().sum(da.columns(3, 20)), tolerance);
                }
            }
        }
    }

    @Test
    void optimizerUpdatesOverSeveralSteps() {
        int[][] shapes = {{23, 17}, {23, 17}, {23, 17}, {23, 17}, {23, 17}};
        for (DType dtype : DType.values()) {
            compare("sgd nesterov", dtype, shapes, -1, 1, 3, t -> {
                for (int step = 0; step < 3; step++) {
                    ops().sgdUpdate(t.get(0), t.get(1), t.get(2), 0.1, 0.9, 0, true, 1e-3, 1e-4, step == 0);
                }
            });
            compare("sgd plain", dtype, shapes, -1, 1, 3,
                    t -> ops().sgdUpdate(t.get(0), t.get(1), null, 0.1, 0, 0, false, 0, 0, true));
            compare("rmsprop centered with momentum", dtype, shapes, 0.1, 1, 3, t -> {
                for (int step = 0; step < 3; step++) {
                    ops().rmspropUpdate(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), 0.01, 0.99, 1e-8, 0.5,
                            1e-3, 0);
                }
            });
            compare("rmsprop plain", dtype, shapes, 0.1, 1, 3,
                    t -> ops().rmspropUpdate(t.get(0), t.get(1), t.get(2), null, null, 0.01, 0.99, 1e-8, 0, 0, 0));
            compare("adamw", dtype, shapes, 0.1, 1, 3, t -> {
                for (int step = 1; step <= 3; step++) {
                    double stepSize = 1e-2 / (1 - Math.pow(0.9, step));
                    ops().adamUpdate(t.get(0), t.get(1), t.get(2), t.get(3), stepSize, 0.9, 0.999, 1e-8,
                            Math.sqrt(1 - Math.pow(0.999, step)), 0, 0, 1 - 1e-2 * 0.1);
                }
            });
        }
    }
}
