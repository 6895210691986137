package dev.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.LoadedModel;
import dev.neurite.io.Metadata;
import dev.neurite.io.ModelIO;
import dev.neurite.nn.loss.BCELoss;
import dev.neurite.nn.loss.BCEWithLogitsLoss;
import dev.neurite.nn.loss.Loss;
import dev.neurite.nn.loss.MAELoss;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.MultiClassHingeLoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
import dev.neurite.optim.AdamW;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.RMSProp;
import dev.neurite.optim.SGD;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Device;
import dev.neurite.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model moved to an OpenCL device (POCL in CI) with {@code Sequential.to} runs the same layers,
 * losses and optimizers, written once against {@code Ops}, as on the host: predictions and
 * several training steps agree within the tolerances of the device kernels.
 */
class SequentialOnDeviceTest {

    /** float64: the same formulas in double; only summation order differs. */
    static final double F64_TOLERANCE = 1e-10;
    /** float32: summation order differs (device GEMM tiles and reductions), over 3 steps. */
    static final double F32_TOLERANCE = 2e-4;
    static final int ROWS = 13;
    static final int STEPS = 3;

    private static final List<Function<List<Parameter>, Optimizer>> OPTIMIZERS = List.of(
            p -> new SGD(p, 0.1),
            p -> new SGD(p, 0.05).momentum(0.9).nesterov(true).weightDecay(1e-3),
            p -> new Adam(p, 0.01).weightDecay(1e-2),
            p -> new AdamW(p, 0.01).weightDecay(0.1),
            p -> new RMSProp(p, 0.01).momentum(0.5).centered(true));

    private static Device gpu;

    @BeforeAll
    static void open() {
        gpu = Device.opencl();
    }

    @AfterAll
    static void close() {
        gpu.close();
    }

    static Sequential model(DType dtype, boolean classification) {
        return new Sequential(5, dtype, 11, new Dense(5, 9), new Tanh(), new Dense(9, 8), new LeakyReLU(0.1),
                new Identity(), new Dense(8, 7, false), new Sigmoid(), new ReLU(), new Dense(7, classification ? 4 : 2));
    }

    static Tensor[] data(DType dtype, boolean classification, long seed) {
        return classification ? data(dtype, 1, r -> r.nextInt(4), seed) : data(dtype, 2, Random::nextGaussian, seed);
    }

    /** Gaussian inputs of 5 features and targets of {@code targetCols} columns drawn by {@code target}. */
    static Tensor[] data(DType dtype, int targetCols, ToDoubleFunction<Random> target, long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.zeros(dtype, ROWS, 5);
        Tensor y = Tensor.zeros(dtype, ROWS, targetCols);
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < 5; j++) {
                x.set(i, j, r.nextGaussian());
            }
            for (int j = 0; j < targetCols; j++) {
                y.set(i, j, target.applyAsDouble(r));
            }
        }
        return new Tensor[] {x, y};
    }

    @Test
    void trainingStepsMatchTheHostForEveryOptimizerLossAndPrecision() {
        for (DType dtype : DType.values()) {
            for (boolean classification : new boolean[] {true, false}) {
                for (int o = 0; o < OPTIMIZERS.size(); o++) {
                    compareSteps(dtype, classification, o);
                }
            }
        }
    }

    private void compareSteps(DType dtype, boolean classification, int optimizer) {
        String at = dtype + (classification ? " cross-entropy" : " MSE") + " optimizer #" + optimizer;
        double tol = dtype == DType.F64 ? F64_TOLERANCE : F32_TOLERANCE;
        Tensor[] d = data(dtype, classification, 3);
        try (Sequential host = model(dtype, classification); Sequential device = model(dtype, classification).to(gpu);
             Loss hostLoss = loss(classification); Loss deviceLoss = loss(classification);
             Tensor x = d[0]; Tensor y = d[1]; Tensor dx = x.to(gpu); Tensor dy = y.to(gpu)) {
            Optimizer hostOpt = OPTIMIZERS.get(optimizer).apply(host.parameters());
            Optimizer deviceOpt = OPTIMIZERS.get(optimizer).apply(device.parameters());
            for (int step = 0; step < STEPS; step++) {
                double expected = step(host, hostLoss, hostOpt, x, y);
                double actual = step(device, deviceLoss, deviceOpt, dx, dy);
                assertEquals(expected, actual, tol * Math.max(1, Math.abs(expected)), at + " loss, step " + step);
            }
            for (int i = 0; i < host.parameters().size(); i++) {
                Parameter p = device.parameters().get(i);
                assertSame(gpu, p.value().device(), at);
                assertClose(at + " " + p.name(), host.parameters().get(i).value(), p.value(), tol);
            }
            Map<String, Tensor> hostState = hostOpt.state();
            Map<String, Tensor> deviceState = deviceOpt.state();
            assertEquals(hostState.keySet(), deviceState.keySet(), at);
            for (String key : hostState.keySet()) {
                assertSame(gpu, deviceState.get(key).device(), at + " state " + key + " lives beside its parameter");
                assertClose(at + " state " + key, hostState.get(key), deviceState.get(key), tol);
            }
            hostOpt.close();
            deviceOpt.close();
        }
    }

    @Test
    void normalisationLayersTrainOnTheDeviceAsOnTheHost() {
        for (DType dtype : DType.values()) {
            double tol = dtype == DType.F64 ? F64_TOLERANCE : F32_TOLERANCE;
            Tensor[] d = data(dtype, true, 9);
            try (Sequential host = normalised(dtype); Sequential device = normalised(dtype).to(gpu);
                 Loss hostLoss = loss(true); Loss deviceLoss = loss(true);
                 Tensor x = d[0]; Tensor y = d[1]; Tensor dx = x.to(gpu); Tensor dy = y.to(gpu);
                 // SGD: Adam would turn the rounding noise of gradients that are zero in exact arithmetic into
                 // whole steps of either sign (the component of a bias that normalisation removes)
                 Optimizer hostOpt = new SGD(host.parameters(), 0.1).momentum(0.9);
                 Optimizer deviceOpt = new SGD(device.parameters(), 0.1).momentum(0.9)) {
                for (int step = 0; step < STEPS; step++) {
                    double expected = step(host, hostLoss, hostOpt, x, y);
                    double actual = step(device, deviceLoss, deviceOpt, dx, dy);
                    assertEquals(expected, actual, tol * Math.max(1, Math.abs(expected)), dtype + " loss, step " + step);
                }
                for (String key : host.stateTensors().keySet()) {
                    assertSame(gpu, device.stateTensors().get(key).device(), key);
                    assertClose(dtype + " " + key, host.stateTensors().get(key), device.stateTensors().get(key), tol);
                }
                host.eval();
                device.eval();
                try (Tensor expected = host.predict(x); Tensor actual = device.predict(dx)) {
                    assertClose(dtype + " eval predict", expected, actual, tol);
                }
            }
        }
    }

    private static Sequential normalised(DType dtype) {
        return new Sequential(5, dtype, 4, new Dense(5, 8, false), new BatchNorm(8), new ReLU(), new Dense(8, 6, false),
                new LayerNorm(6), new Tanh(), new Dense(6, 4));
    }

    @Test
    void predictionsMatchAndTheModelMovesBack() {
        for (DType dtype : DType.values()) {
            double tol = dtype == DType.F64 ? F64_TOLERANCE : F32_TOLERANCE;
            Tensor[] d = data(dtype, true, 5);
            try (Sequential host = new Sequential(5, dtype, 7, new Dense(5, 6), new ReLU(), new Dense(6, 3), new Softmax());
                 Sequential device = new Sequential(5, dtype, 7, new Dense(5, 6), new ReLU(), new Dense(6, 3),
                         new Softmax()).to(gpu);
                 Tensor x = d[0]; Tensor y = d[1]; Tensor dx = x.to(gpu);
                 Tensor expected = host.predict(x); Tensor actual = device.predict(dx)) {
                assertSame(gpu, device.device());
                assertSame(gpu, actual.device());
                assertClose(dtype + " predict", expected, actual, tol);
                // Softmax backward (whole-matrix ops) agrees too
                try (Tensor dOut = Tensor.zeros(dtype, ROWS, 3); Tensor dOutDevice = Tensor.zeros(dtype, ROWS, 3, gpu)) {
                    dOut.fill(0.25);
                    dOutDevice.fill(0.25);
                    host.forward(x);
                    device.forward(dx);
                    assertClose(dtype + " dInput", host.backward(dOut), device.backward(dOutDevice), tol);
                }
                IllegalArgumentException wrongPlace = assertThrows(IllegalArgumentException.class, () -> device.predict(x));
                assertEquals("predict: the model is on " + gpu.name() + ", the input " + x.shape()
                        + " on host; copy it with to(model.device())", wrongPlace.getMessage());
                Tensor weightOnDevice = device.parameters().get(0).value();
                device.to(Device.HOST);
                assertFalse(weightOnDevice.isOpen(), "moving frees the device copy");
                assertSame(Device.HOST, device.device());
                try (Tensor again = device.predict(x)) {
                    assertClose(dtype + " predict after moving back", expected, again, tol);
                }
            }
            d[0].close();
        }
    }

    @Test
    void aModelOnTheDeviceSavesAndLoads(@TempDir Path dir) throws Exception {
        Tensor[] d = data(DType.F32, true, 8);
        try (Sequential device = model(DType.F32, true).to(gpu); Tensor x = d[0]; Tensor y = d[1];
             Tensor dx = x.to(gpu); Tensor expected = device.predict(dx)) {
            ModelIO.save(device, dir.resolve("m"), Metadata.empty());
            try (LoadedModel loaded = ModelIO.load(dir.resolve("m")); Tensor again = loaded.model().predict(x)) {
                assertSame(Device.HOST, loaded.model().device());
                assertClose("loaded on the host", expected, again, F32_TOLERANCE);
            }
        }
    }

    @Test
    void dropoutAndEveryOtherLossTrainOnTheDeviceAsOnTheHost() {
        // Dropout draws its masks from a counter-based generator: the device draws the host's masks
        record Case(String name, Supplier<Loss> loss, boolean sigmoidOut, boolean labels) { }
        List<Case> cases = List.of(
                new Case("bce", BCELoss::new, true, false),
                new Case("bce-with-logits", BCEWithLogitsLoss::new, false, false),
                new Case("mae", MAELoss::new, false, false),
                new Case("hinge", () -> new MultiClassHingeLoss(0.5), false, true));
        for (DType dtype : DType.values()) {
            double tol = dtype == DType.F64 ? F64_TOLERANCE : F32_TOLERANCE;
            for (Case c : cases) {
                String at = dtype + " " + c.name();
                Tensor[] d = c.labels() ? data(dtype, 1, r -> r.nextInt(4), 21) : data(dtype, 3, Random::nextDouble, 21);
                try (Sequential host = dropoutModel(dtype, c.sigmoidOut(), c.labels());
                     Sequential device = dropoutModel(dtype, c.sigmoidOut(), c.labels()).to(gpu);
                     Loss hostLoss = c.loss().get(); Loss deviceLoss = c.loss().get();
                     Tensor x = d[0]; Tensor y = d[1]; Tensor dx = x.to(gpu);
                     Tensor dy = c.labels() ? y : y.to(gpu);
                     Optimizer hostOpt = new Adam(host.parameters(), 0.01);
                     Optimizer deviceOpt = new Adam(device.parameters(), 0.01)) {
                    for (int step = 0; step < STEPS; step++) {
                        double expected = step(host, hostLoss, hostOpt, x, y);
                        double actual = step(device, deviceLoss, deviceOpt, dx, dy);
                        assertEquals(expected, actual, tol * Math.max(1, Math.abs(expected)), at + " loss, step " + step);
                    }
                    for (int i = 0; i < host.parameters().size(); i++) {
                        assertClose(at + " " + host.parameters().get(i).name(), host.parameters().get(i).value(),
                                device.parameters().get(i).value(), tol);
                    }
                }
            }
        }
    }

    private static Sequential dropoutModel(DType dtype, boolean sigmoidOut, boolean classes) {
        Layer last = sigmoidOut ? new Sigmoid() : new Identity();
        return new Sequential(5, dtype, 13, new Dense(5, 16), new ReLU(), new Dropout(0.3), new Dense(16, 8),
                new Tanh(), new Dropout(0.5), new Dense(8, classes ? 4 : 3), last);
    }

    @Test
    void aBadTargetOnTheDeviceIsNamedByValueAndPosition() {
        try (Tensor p = Tensor.zeros(DType.F32, 3, 2, gpu); Tensor hostT = Tensor.zeros(DType.F32, 3, 2);
             BCELoss bce = new BCELoss(); MAELoss mae = new MAELoss()) {
            p.fill(0.5);
            hostT.set(2, 1, 1.5);
            try (Tensor t = hostT.to(gpu)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bce.forward(p, t));
                assertEquals("bce: target 1.5 at (2, 1) is not a probability in [0, 1]", e.getMessage());
            }
            hostT.set(2, 1, Double.POSITIVE_INFINITY);
            try (Tensor t = hostT.to(gpu)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mae.forward(p, t));
                assertEquals("mae: target 3x2 f32 holds Infinity at (2, 1)", e.getMessage());
            }
        }
    }

    @Test
    void lateMovesAreRefused() {
        try (Sequential m = new Sequential(4, 1, new Dense(4, 2)); Optimizer adam = new Adam(m.parameters(), 0.01)) {
            try (Tensor x = Tensor.zeros(DType.F32, 2, 4); Tensor t = Tensor.zeros(DType.F32, 2, 2);
                 MSELoss loss = new MSELoss()) {
                loss.forward(m.forward(x), t);
                m.backward(loss.backward());
                adam.step(); // state now exists on the host
            }
            IllegalStateException late = assertThrows(IllegalStateException.class, () -> m.to(gpu));
            assertTrue(late.getMessage().contains("move the model before creating its optimizer"), late.getMessage());
            assertSame(Device.HOST, m.parameters().get(0).value().device(), "the failed move was undone");
        }
    }

    /** One training step; returns the batch loss. */
    private static double step(Sequential model, Loss loss, Optimizer optimizer, Tensor x, Tensor y) {
        double value = loss.forward(model.forward(x), y);
        optimizer.zeroGrad();
        model.backward(loss.backward(), false);
        optimizer.step();
        return value;
    }

    private static Loss loss(boolean classification) {
        return classification ? new SoftmaxCrossEntropyLoss() : new MSELoss();
    }

    static void assertClose(String at, Tensor expected, Tensor actual, double tol) {
        assertEquals(expected.shape(), actual.shape(), at);
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol * Math.max(1, Math.abs(e[i])), at + " element " + i);
        }
    }
}
