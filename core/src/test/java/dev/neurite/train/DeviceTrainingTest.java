package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Dataset;
import dev.neurite.data.FashionMnist;
import dev.neurite.kernel.opencl.OpenClDevices;
import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Tanh;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
import dev.neurite.optim.SGD;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Training through {@link Trainer#device(String)}: the OpenCL device trains a network to the
 * weights the CPU reaches, and reaches a stated accuracy on Fashion-MNIST.
 */
class DeviceTrainingTest {

    /**
     * Largest allowed |w_device - w_cpu| after 150 Adam steps (15 epochs of 10 batches) in float32, weights of order 1: the
     * two sum in different orders (as the CPU backends do among themselves).
     */
    static final double F32_WEIGHT_TOLERANCE = 1e-4;
    /** The same in float64, where only summation order differs at 1e-16 per operation. */
    static final double F64_WEIGHT_TOLERANCE = 1e-11;

    static final int ROWS = 240;

    static void requireDevice() {
        assertTrue(!OpenClDevices.list().isEmpty(), "no OpenCL device: install pocl-opencl-icd and ocl-icd-libopencl1");
    }

    private static double[] train(DType dtype, String device, History[] history) {
        return train(dtype, device, history, 0, 0);
    }

    private static double[] train(DType dtype, String device, History[] history, double clipNorm, double clipValue) {
        // three classes split by linear rules on four Gaussian features
        Tensor x = Tensor.managed(dtype, ROWS, 4);
        x.copyFrom(TrainingTestData.gaussian(ROWS, 4, 8));
        Tensor y = Tensor.managed(dtype, ROWS, 1);
        for (int i = 0; i < ROWS; i++) {
            double a = x.get(i, 0) + 0.5 * x.get(i, 1);
            double b = x.get(i, 2) - x.get(i, 3);
            y.set(i, 0, a > 0.3 ? 0 : b > 0 ? 1 : 2);
        }
        try (Sequential model = new Sequential(4, dtype, 5, new Dense(4, 16), new Tanh(), new Dense(16, 16),
                new Tanh(), new Dense(16, 3));
             SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            Adam adam = new Adam(model.parameters(), 0.02);
            history[0] = new Trainer(model, loss, adam).epochs(15).batchSize(24).seed(6).device(device)
                    .clipGradNorm(clipNorm).clipGradValue(clipValue).validation(x, y).fit(x, y);
            assertEquals(150, adam.stepCount());
            double[] w = new double[Math.toIntExact(model.parameterCount())];
            int k = 0;
            for (var p : model.parameters()) {
                for (double v : p.value().toDoubleArray()) {
                    w[k++] = v;
                }
            }
            return w;
        }
    }

    @Test
    void deviceTrainsToTheCpuWeightsInBothPrecisions() {
        requireDevice();
        for (DType dtype : DType.values()) {
            History[] cpu = new History[1];
            History[] dev = new History[1];
            double[] expected = train(dtype, "cpu", cpu);
            double[] actual = train(dtype, "opencl", dev);
            double tol = dtype == DType.F32 ? F32_WEIGHT_TOLERANCE : F64_WEIGHT_TOLERANCE;
            double max = 0;
            for (int i = 0; i < expected.length; i++) {
                max = Math.max(max, Math.abs(expected[i] - actual[i]));
            }
            assertTrue(max <= tol, dtype + ": device weights differ from CPU weights by " + max);
            assertEquals(cpu[0].epochs().size(), dev[0].epochs().size());
            EpochLogs c = cpu[0].epochs().getLast();
            EpochLogs d = dev[0].epochs().getLast();
            assertEquals(c.trainLoss(), d.trainLoss(), 1e3 * tol, dtype + " train loss");
            assertEquals(c.trainAccuracy(), d.trainAccuracy(), 1.0 / ROWS + 1e-12, dtype + " train accuracy");
            assertEquals(c.validationAccuracy(), d.validationAccuracy(), 1.0 / ROWS + 1e-12, dtype + " validation");
            assertTrue(d.trainAccuracy() > 0.9, "the classes were learned: " + d.trainAccuracy());
        }
    }

    @Test
    void gradientClippingOnTheDeviceMatchesTheCpu() {
        requireDevice();
        for (DType dtype : DType.values()) {
            // both limits bind: early gradients have norms above 0.3 and elements above 0.02
            double[] expected = train(dtype, "cpu", new History[1], 0.3, 0.02);
            double[] actual = train(dtype, "opencl", new History[1], 0.3, 0.02);
            double[] unclipped = train(dtype, "cpu", new History[1]);
            double tol = dtype == DType.F32 ? F32_WEIGHT_TOLERANCE : F64_WEIGHT_TOLERANCE;
            double max = 0;
            double fromUnclipped = 0;
            for (int i = 0; i < expected.length; i++) {
                max = Math.max(max, Math.abs(expected[i] - actual[i]));
                fromUnclipped = Math.max(fromUnclipped, Math.abs(expected[i] - unclipped[i]));
            }
            assertTrue(max <= tol, dtype + ": clipped device weights differ from clipped CPU weights by " + max);
            assertTrue(fromUnclipped > 100 * tol, dtype + ": clipping changed the training: " + fromUnclipped);
        }
    }

    @Test
    void deviceReachesEightyPercentOnFashionMnistInTwoEpochs() throws IOException {
        requireDevice();
        Dataset train = FashionMnist.loadTrain(FashionMnist.DEFAULT_DIR);
        Dataset test = FashionMnist.loadTest(FashionMnist.DEFAULT_DIR);
        int n = 12_000;
        Tensor x = train.x().rows(0, n);
        Tensor y = train.y().rows(0, n);
        try (Sequential model = new Sequential(784, 3, new Dense(784, 128), new ReLU(), new Dense(128, 10));
             SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            new Trainer(model, loss, new Adam(model.parameters(), 1e-3)).epochs(2).batchSize(64).seed(1)
                    .device("opencl").fit(x, y);
            double accuracy = TrainingTestData.accuracy(model, test.x().rows(0, 2000), test.y().rows(0, 2000));
            assertTrue(accuracy >= 0.80, "Fashion-MNIST accuracy after 2 epochs on the device: " + accuracy);
        }
    }

    @Test
    void aDivergingStepThrowsWithItsStepAndTheStartingWeightsComeBack() {
        requireDevice();
        Tensor[] data = TrainingTestData.spirals(40, 3);
        try (Sequential model = new Sequential(2, 4, new Dense(2, 8), new ReLU(), new Dense(8, 8), new ReLU(),
                new Dense(8, 2));
             SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            float[] initial = TrainingTestData.weights(model);
            NanGuard guard = new NanGuard();
            // a learning rate of 1e37 makes products of weights overflow float32 within the first epoch
            Trainer trainer = new Trainer(model, loss, new SGD(model.parameters(), 1e37)).epochs(3).batchSize(10)
                    .seed(2).device("opencl").callbacks(guard);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.fit(data[0], data[1]));
            assertEquals(0, e.epoch());
            assertTrue(e.step() > 0, e.getMessage());
            assertTrue(e.reason().startsWith("loss "), e.reason());
            assertEquals(new NanGuard.Failure(e.epoch(), e.step(), e.reason()), guard.failure().orElseThrow());
            assertArrayEquals(initial, TrainingTestData.weights(model), "the weights of the start of epoch 1");
        }
    }

    @Test
    void aFiniteExplodingLossOnTheDeviceThrowsAtTheBound() {
        requireDevice();
        Tensor[] data = TrainingTestData.spirals(30, 3);
        try (Sequential model = new Sequential(2, 4, new Dense(2, 16), new Tanh(), new Dense(16, 2));
             SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            float[] initial = TrainingTestData.weights(model);
            Trainer trainer = new Trainer(model, loss, new Adam(model.parameters(), 1e10)).epochs(5).batchSize(10)
                    .seed(1).device("opencl");
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.fit(data[0], data[1]));
            assertTrue(Double.isFinite(e.loss()), e.getMessage());
            assertTrue(e.reason().contains("exceeds the divergence bound"), e.reason());
            assertArrayEquals(initial, TrainingTestData.weights(model));
        }
    }

    @Test
    void weightsMadeInfiniteByTheLastDeviceStepAreCaughtWhenTheyComeBack() {
        requireDevice();
        // one full-batch step: its loss is finite, its update overflows float32 on the device
        Tensor x = TrainingTestData.gaussian(16, 2, 4);
        Tensor y = Tensor.managed(DType.F32, 16, 1);
        for (int i = 0; i < 16; i++) {
            y.set(i, 0, 1000 + 100 * x.get(i, 0));
        }
        for (String device : new String[] {"cpu", "opencl"}) {
            try (Sequential model = new Sequential(2, 4, new Dense(2, 4), new Tanh(), new Dense(4, 1));
                 MSELoss loss = new MSELoss()) {
                float[] initial = TrainingTestData.weights(model);
                Trainer trainer = new Trainer(model, loss, new SGD(model.parameters(), 3e38)).epochs(1).batchSize(16)
                        .device(device);
                TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer.fit(x, y),
                        device);
                assertEquals(0, e.epoch(), device);
                assertEquals(0, e.step(), device);
                assertTrue(Double.isFinite(e.loss()), device + ": " + e.getMessage());
                assertTrue(e.reason().contains(", but the step left parameter "), device + ": " + e.reason());
                assertArrayEquals(initial, TrainingTestData.weights(model), device);
            }
        }
    }

    @Test
    void optimizerStateComesBackEveryEpochSoCallbacksSeeIt() {
        requireDevice();
        Tensor[] data = TrainingTestData.spirals(20, 3);
        try (Sequential model = new Sequential(2, 4, new Dense(2, 8), new Tanh(), new Dense(8, 2));
             SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            Adam adam = new Adam(model.parameters(), 0.01);
            double[] stateSums = new double[2];
            Callback watcher = new Callback() {
                @Override
                public boolean onEpochEnd(int epoch, EpochLogs logs) {
                    double sum = 0;
                    for (Tensor t : adam.state().values()) {
                        for (double v : t.toDoubleArray()) {
                            sum += Math.abs(v);
                        }
                    }
                    stateSums[epoch] = sum;
                    return false;
                }
            };
            new Trainer(model, loss, adam).epochs(2).batchSize(8).seed(1).device("opencl").callbacks(watcher)
                    .fit(data[0], data[1]);
            assertEquals(10, adam.stepCount());
            assertTrue(stateSums[0] > 0 && stateSums[1] != stateSums[0], "moments at each epoch end: "
                    + stateSums[0] + ", " + stateSums[1]);
        }
    }

    @Test
    void badDeviceRequestsAreClearErrors() {
        requireDevice();
        try (Sequential model = new Sequential(2, 1, new Dense(2, 2))) {
            Trainer t = new Trainer(model, new SoftmaxCrossEntropyLoss(), new SGD(model.parameters(), 0.1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.device("cuda"));
            assertTrue(e.getMessage().contains("expected cpu, opencl"), e.getMessage());
            Tensor[] data = TrainingTestData.spirals(4, 1);
            IllegalStateException missing = assertThrows(IllegalStateException.class,
                    () -> t.device("opencl:99").fit(data[0], data[1]));
            assertTrue(missing.getMessage().startsWith("OpenCL device 99 does not exist"),
                    missing.getMessage());
            assertTrue(model.device().isHost(), "nothing moved");
        }
    }
}
