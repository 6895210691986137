package dev.neurite.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.kernel.opencl.OpenClDevices;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Dropout;
import dev.neurite.nn.Identity;
import dev.neurite.nn.LeakyReLU;
import dev.neurite.nn.Parameter;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Sigmoid;
import dev.neurite.nn.Tanh;
import dev.neurite.nn.loss.BCELoss;
import dev.neurite.nn.loss.Loss;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
import dev.neurite.optim.AdamW;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.RMSProp;
import dev.neurite.optim.SGD;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A training step on the device against the same step on the host: same model, seed and batch,
 * compared parameter by parameter after several steps (so optimizer state is exercised), for
 * every supported optimizer, both losses and both precisions.
 */
class OpenClNetworkTest {

    /** float64: both sides round the same formulas in double; only summation order differs. */
    static final double F64_TOLERANCE = 1e-10;
    /** float32: summation order differs (device GEMM tiles vs host kernels), over 3 steps. */
    static final double F32_TOLERANCE = 2e-4;
    static final int ROWS = 13;
    static final int STEPS = 3;

    private static final List<Function<List<Parameter>, Optimizer>> OPTIMIZERS = List.of(
            p -> new SGD(p, 0.1),
            p -> new SGD(p, 0.05).momentum(0.9).nesterov(true).weightDecay(1e-3),
            p -> new SGD(p, 0.05).momentum(0.8).dampening(0.1).l1(1e-3),
            p -> new Adam(p, 0.01).weightDecay(1e-2),
            p -> new AdamW(p, 0.01).weightDecay(0.1),
            p -> new RMSProp(p, 0.01).momentum(0.5).centered(true),
            p -> new RMSProp(p, 0.01));

    /** Fails (never skips) without an OpenCL device: CI installs POCL so that these tests run. */
    static void requireDevice() {
        assertTrue(!OpenClDevices.list().isEmpty(), "no OpenCL device: install pocl-opencl-icd and ocl-icd-libopencl1");
    }

    static Sequential model(DType dtype, boolean classification) {
        int outputs = classification ? 4 : 2;
        return new Sequential(5, dtype, 11, new Dense(5, 9), new Tanh(), new Dense(9, 8), new LeakyReLU(0.1),
                new Identity(), new Dense(8, 7, false), new Sigmoid(), new ReLU(), new Dense(7, outputs));
    }

    static Tensor[] data(DType dtype, boolean classification, int rows, long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.managed(dtype, rows, 5);
        Tensor y = Tensor.managed(dtype, rows, classification ? 1 : 2);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 5; j++) {
                x.set(i, j, r.nextGaussian());
            }
            for (int j = 0; j < y.cols(); j++) {
                y.set(i, j, classification ? r.nextInt(4) : r.nextGaussian());
            }
        }
        return new Tensor[] {x, y};
    }

    @Test
    void stepsMatchHostStepsForEveryOptimizerLossAndPrecision() {
        requireDevice();
        for (DType dtype : DType.values()) {
            for (boolean classification : new boolean[] {true, false}) {
                for (int o = 0; o < OPTIMIZERS.size(); o++) {
                    compare(dtype, classification, o);
                }
            }
        }
    }

    private void compare(DType dtype, boolean classification, int optimizerIndex) {
        String at = dtype + (classification ? " cross-entropy" : " MSE") + " optimizer #" + optimizerIndex;
        Tensor[] d = data(dtype, classification, ROWS, 3);
        try (Sequential host = model(dtype, classification); Sequential device = model(dtype, classification);
             Loss hostLoss = loss(classification); Loss deviceLoss = loss(classification)) {
            Optimizer hostOpt = OPTIMIZERS.get(optimizerIndex).apply(host.parameters());
            Optimizer deviceOpt = OPTIMIZERS.get(optimizerIndex).apply(device.parameters());
            host.train();
            try (OpenClNetwork net = new OpenClNetwork(null, device, deviceLoss, deviceOpt, ROWS)) {
                net.loadData(d[0], d[1]);
                for (int step = 0; step < STEPS; step++) {
                    double expected = hostLoss.forward(host.forward(d[0]), d[1]);
                    hostOpt.zeroGrad();
                    host.backward(hostLoss.backward(), false);
                    hostOpt.step();
                    StepResult r = net.trainStep(0, ROWS);
                    double tol = dtype == DType.F64 ? F64_TOLERANCE : F32_TOLERANCE;
                    assertEquals(expected, r.meanLoss(), tol * Math.max(1, Math.abs(expected)), at + " loss, step " + step);
                    assertEquals(ROWS, r.rows());
                    assertEquals(classification, r.correct() >= 0, at);
                }
                net.downloadParameters();
                net.downloadOptimizerState();
            }
            assertEquals(STEPS, deviceOpt.stepCount(), at);
            double tol = dtype == DType.F64 ? F64_TOLERANCE : F32_TOLERANCE;
            for (int i = 0; i < host.parameters().size(); i++) {
                assertClose(at + " " + host.parameters().get(i).name(), host.parameters().get(i).value(),
                        device.parameters().get(i).value(), tol);
            }
            Map<String, Tensor> hostState = hostOpt.state();
            Map<String, Tensor> deviceState = deviceOpt.state();
            assertEquals(hostState.keySet(), deviceState.keySet(), at);
            for (String key : hostState.keySet()) {
                assertClose(at + " state " + key, hostState.get(key), deviceState.get(key), tol);
            }
        }
    }

    private static Loss loss(boolean classification) {
        return classification ? new SoftmaxCrossEntropyLoss() : new MSELoss();
    }

    static void assertClose(String at, Tensor expected, Tensor actual, double tol) {
        assertEquals(expected.shape(), actual.shape(), at);
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                double e = expected.get(i, j);
                double a = actual.get(i, j);
                assertTrue(Math.abs(e - a) <= tol * Math.max(1, Math.abs(e)),
                        at + " [" + i + ", " + j + "]: host " + e + ", device " + a);
            }
        }
    }

    @Test
    void predictMatchesTheHostModelInChunks() {
        requireDevice();
        Tensor[] d = data(DType.F32, true, 37, 5);
        try (Sequential model = model(DType.F32, true); OpenClNetwork net = new OpenClNetwork(model, 8)) {
            model.eval();
            Tensor expected = model.predict(d[0]);
            Tensor actual = Tensor.managed(DType.F32, 37, 4);
            net.predict(d[0], actual);
            assertClose("predict", expected, actual, 1e-5);
        }
    }

    @Test
    void predictFromSeveralThreadsGivesTheSingleThreadedResults() throws Exception {
        requireDevice();
        int threads = 4;
        int calls = 50;
        Tensor[][] inputs = new Tensor[threads][];
        for (int t = 0; t < threads; t++) {
            inputs[t] = data(DType.F32, true, 9 + t, 100 + t);
        }
        try (Sequential model = model(DType.F32, true); OpenClNetwork net = new OpenClNetwork(model, 16)) {
            float[][] expected = new float[threads][];
            for (int t = 0; t < threads; t++) {
                Tensor out = Tensor.managed(DType.F32, inputs[t][0].rows(), 4);
                net.predict(inputs[t][0], out);
                expected[t] = out.toFloatArray();
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            try {
                List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int me = t;
                    results.add(pool.submit(() -> {
                        Tensor out = Tensor.managed(DType.F32, inputs[me][0].rows(), 4);
                        for (int i = 0; i < calls; i++) {
                            net.predict(inputs[me][0], out);
                            if (!java.util.Arrays.equals(expected[me], out.toFloatArray())) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (int t = 0; t < threads; t++) {
                    assertTrue(results.get(t).get(), "thread " + t + " saw a different prediction");
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void unsupportedLayersLossesAndBadDataAreNamed() {
        requireDevice();
        try (Sequential withDropout = new Sequential(3, 1, new Dense(3, 4), new Dropout(0.5), new Dense(4, 2))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OpenClNetwork(null,
                    withDropout, new SoftmaxCrossEntropyLoss(), new SGD(withDropout.parameters(), 0.1), 4));
            assertTrue(e.getMessage().contains("layer 2 (Dropout(p=0.5))"), e.getMessage());
        }
        try (Sequential model = model(DType.F32, true)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new OpenClNetwork(null, model, new BCELoss(), new SGD(model.parameters(), 0.1), 4));
            assertTrue(e.getMessage().contains("BCELoss"), e.getMessage());
            try (OpenClNetwork net = new OpenClNetwork(null, model, new SoftmaxCrossEntropyLoss(),
                    new SGD(model.parameters(), 0.1), 4)) {
                Tensor[] d = data(DType.F32, true, 6, 1);
                d[1].set(4, 0, 2.5);
                e = assertThrows(IllegalArgumentException.class, () -> net.loadData(d[0], d[1]));
                assertTrue(e.getMessage().contains("row 4") && e.getMessage().contains("2.5"), e.getMessage());
                assertThrows(IllegalStateException.class, () -> net.trainStep(0, 1));
                d[1].set(4, 0, 3);
                net.loadData(d[0], d[1]);
                e = assertThrows(IllegalArgumentException.class, () -> net.trainStep(0, 5));
                assertTrue(e.getMessage().contains("at most 4"), e.getMessage());
            }
        }
    }

    @Test
    void aMissingDeviceIsAnErrorNotAFallback() {
        requireDevice();
        RuntimeException e = assertThrows(RuntimeException.class, () -> OpenClDevices.select("no-such-device-xyz"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
