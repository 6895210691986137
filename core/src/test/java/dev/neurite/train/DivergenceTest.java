package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Tanh;
import dev.neurite.nn.init.Initializer;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
import dev.neurite.optim.SGD;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A diverging fit throws with the last good weights (running statistics included) back in place. */
class DivergenceTest {

    /** Parameters and state tensors (batch-norm running statistics), concatenated. */
    static float[] weights(Sequential model) {
        float[] params = TrainingTestData.weights(model);
        List<float[]> parts = new ArrayList<>();
        int total = params.length;
        for (Tensor t : model.stateTensors().values()) {
            parts.add(t.toFloatArray());
            total += t.size();
        }
        float[] out = Arrays.copyOf(params, total);
        int k = params.length;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    /** Records the weights at the start, every epoch start and after every step, and the step losses. */
    static final class Recorder implements Callback {
        private final Sequential model;
        final List<float[]> atEpochStart = new ArrayList<>();
        final List<float[]> afterStep = new ArrayList<>();
        final List<Double> losses = new ArrayList<>();
        final List<float[]> atEpochEnd = new ArrayList<>();
        float[] atStart;

        Recorder(Sequential model) {
            this.model = model;
        }

        @Override
        public void onTrainBegin(Trainer trainer) {
            atStart = weights(model);
        }

        @Override
        public void onEpochBegin(int epoch) {
            atEpochStart.add(weights(model));
        }

        @Override
        public void onBatchEnd(int epoch, int step, double loss) {
            afterStep.add(weights(model));
            losses.add(loss);
        }

        @Override
        public boolean onEpochEnd(int epoch, EpochLogs logs) {
            atEpochEnd.add(weights(model));
            return false;
        }
    }

    private static void assertFinite(float[] values) {
        for (float v : values) {
            assertTrue(Float.isFinite(v), "restored weights must be finite: " + Arrays.toString(values));
        }
    }

    @Test
    void nonFiniteLossThrowsWithTheWeightsOfTheLastCheckedEpochStart() {
        Tensor[] data = TrainingTestData.sine(64);
        try (Sequential model = new Sequential(1, 4, new Dense(1, 16), new ReLU(), new Dense(16, 1));
             MSELoss loss = new MSELoss()) {
            NanGuard guard = new NanGuard(NanGuard.Snapshot.EPOCH_START, Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY); // non-finite values only
            Recorder recorder = new Recorder(model);
            // lr 3 diverges within a few epochs: weights grow until the loss overflows
            Trainer trainer = new Trainer(model, loss, new SGD(model.parameters(), 3))
                    .epochs(50).batchSize(16).seed(5).callbacks(recorder, guard);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.fit(data[0], data[1]));

            assertFalse(Double.isFinite(e.loss()), e.getMessage());
            assertEquals(e.loss(), recorder.losses.getLast());
            assertEquals("loss " + e.loss(), e.reason());
            assertEquals(new NanGuard.Failure(e.epoch(), e.step(), e.reason()), guard.failure().orElseThrow());
            assertTrue(e.getMessage().startsWith("training diverged at epoch " + (e.epoch() + 1) + ", step "
                    + (e.step() + 1) + ": loss "), e.getMessage());
            // the epoch-start weights count once that epoch's first step had a good loss with them
            int restoredEpoch = e.step() > 0 ? e.epoch() : e.epoch() - 1;
            assertTrue(restoredEpoch >= 0, e.getMessage());
            assertEquals("the weights from the start of epoch " + (restoredEpoch + 1), e.restored());
            assertArrayEquals(recorder.atEpochStart.get(restoredEpoch), weights(model));
            assertFinite(weights(model));
        }
    }

    @Test
    void everyStepModeRestoresTheWeightsTheLastGoodLossWasComputedWith() {
        Tensor[] data = TrainingTestData.sine(64);
        try (Sequential model = new Sequential(1, 4, new Dense(1, 16), new ReLU(), new Dense(16, 1));
             MSELoss loss = new MSELoss()) {
            Recorder recorder = new Recorder(model);
            Trainer trainer = new Trainer(model, loss, new SGD(model.parameters(), 3))
                    .epochs(50).batchSize(16).seed(5).callbacks(recorder, new NanGuard(NanGuard.Snapshot.EVERY_STEP));
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.fit(data[0], data[1]));

            int failed = recorder.losses.size() - 1;
            assertTrue(failed >= 2, "a few good steps first: " + recorder.losses);
            // the last good loss (step failed - 1) was computed with the weights after step failed - 2
            assertArrayEquals(recorder.afterStep.get(failed - 2), weights(model), e.getMessage());
            assertTrue(e.restored().startsWith("the weights after step ")
                    || e.restored().startsWith("the weights from the start of epoch "), e.restored());
            assertFinite(weights(model));
        }
    }

    @Test
    void finiteExplodingLossThrowsAtTheBoundWithTheInitialWeights() {
        Tensor[] data = TrainingTestData.spirals(30, 3);
        try (Sequential model = new Sequential(2, 4, new Dense(2, 16), new Tanh(), new Dense(16, 2));
             SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            NanGuard guard = new NanGuard();
            Recorder recorder = new Recorder(model);
            // Adam moves every weight by about the learning rate in its first step
            Trainer trainer = new Trainer(model, loss, new Adam(model.parameters(), 1e10))
                    .epochs(5).batchSize(10).seed(1).callbacks(recorder, guard);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.fit(data[0], data[1]));

            double first = recorder.losses.getFirst();
            assertEquals(Math.max(1e6 * first, 1e6), guard.lossBound());
            assertTrue(Double.isFinite(e.loss()) && e.loss() > guard.lossBound(), e.getMessage());
            assertEquals(0, e.epoch());
            assertTrue(e.reason().contains("exceeds the divergence bound"), e.reason());
            assertEquals(1, e.step(), "the first update already runs away");
            assertEquals("the weights from the start of epoch 1", e.restored());
            assertArrayEquals(recorder.atStart, weights(model));
        }
    }

    @Test
    void batchNormStatisticsComeBackWithTheWeights() {
        Tensor[] data = TrainingTestData.spirals(30, 3);
        try (Sequential model = new Sequential(2, 4, new Dense(2, 16, false), new BatchNorm(16), new ReLU(),
                new Dense(16, 2));
             SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            Recorder recorder = new Recorder(model);
            Trainer trainer = new Trainer(model, loss, new SGD(model.parameters(), 1e10))
                    .epochs(5).batchSize(10).seed(1).callbacks(recorder);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.fit(data[0], data[1]));

            float[] restored = weights(model);
            assertFinite(restored);
            float[] expected = e.restored().equals("the weights the fit started with") ? recorder.atStart
                    : recorder.atEpochStart.get(e.step() > 0 ? e.epoch() : e.epoch() - 1);
            assertArrayEquals(expected, restored, e.getMessage());
        }
    }

    @Test
    void nonFiniteRunningStatisticStopsTrainingThoughTheLossIsFinite() {
        // squares of 3e19 overflow float32: the batch variance is infinite, the normalised values
        // and so the loss stay finite, and the running variance becomes infinite
        Tensor x = Tensor.managed(DType.F32, 8, 2);
        Tensor y = Tensor.managed(DType.F32, 8, 1);
        for (int i = 0; i < 8; i++) {
            x.set(i, 0, (i % 2 == 0 ? 3e19 : -3e19));
            x.set(i, 1, i);
            y.set(i, 0, i % 2);
        }
        try (Sequential model = new Sequential(2, 4, new BatchNorm(2), new Dense(2, 2));
             SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            Recorder recorder = new Recorder(model);
            Trainer trainer = new Trainer(model, loss, new SGD(model.parameters(), 0.1))
                    .epochs(2).batchSize(8).seed(1).callbacks(recorder);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer.fit(x, y));

            assertEquals(0, e.epoch());
            assertEquals(0, e.step());
            assertTrue(Double.isFinite(e.loss()), e.getMessage());
            assertTrue(e.reason().endsWith("but the step left batchnorm1.running_var[0, 0] = Infinity"), e.reason());
            assertArrayEquals(recorder.atStart, weights(model));
        }
    }

    @Test
    void healthyRunIsUnaffectedByTheDefaultGuard() {
        Tensor[] data = TrainingTestData.spirals(40, 3);
        float[][] trained = new float[2][];
        List<List<Double>> losses = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (Sequential model = new Sequential(2, 4, new Dense(2, 16, false), new BatchNorm(16), new ReLU(),
                    new Dense(16, 2));
                 SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
                NanGuard guard = run == 0 ? new NanGuard()
                        : new NanGuard(NanGuard.Snapshot.EVERY_STEP, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
                History h = new Trainer(model, loss, new Adam(model.parameters(), 0.01))
                        .epochs(30).batchSize(16).seed(2).callbacks(guard).fit(data[0], data[1]);
                assertEquals(30, h.size());
                assertTrue(h.stopReason().isEmpty());
                assertTrue(guard.failure().isEmpty());
                losses.add(h.trainLoss());
                trained[run] = weights(model);
            }
        }
        assertTrue(losses.getFirst().getLast() < losses.getFirst().getFirst(), "it learns: " + losses.getFirst());
        assertEquals(losses.get(0), losses.get(1), "the guard only watches");
        assertArrayEquals(trained[0], trained[1]);
    }

    @Test
    void earlyStoppingPutsBackTheBestEpochsRunningStatistics() {
        // as in CallbacksTest: validation loss falls, then rises, so the best epoch is not the last
        Tensor[] train = CallbacksTest.line(64, 2, 1);
        Tensor[] validation = CallbacksTest.line(64, 1, 2);
        try (Sequential model = new Sequential(1, 1, new BatchNorm(1),
                new Dense(1, 1, false).weightInit(Initializer.zeros()));
             MSELoss loss = new MSELoss()) {
            EarlyStopping stopping = new EarlyStopping(3);
            Recorder recorder = new Recorder(model);
            new Trainer(model, loss, new SGD(model.parameters(), 0.01)).epochs(100).batchSize(16).seed(3)
                    .validation(validation[0], validation[1]).callbacks(recorder, stopping).fit(train[0], train[1]);

            int best = stopping.bestEpoch();
            assertTrue(stopping.stoppedEpoch() > best, "stopped after the best epoch");
            float[] bestWeights = recorder.atEpochEnd.get(best);
            float[] last = recorder.atEpochEnd.getLast();
            int stats = bestWeights.length - 2; // running_mean, running_var of the one feature
            assertFalse(Arrays.equals(Arrays.copyOfRange(bestWeights, stats, stats + 2),
                    Arrays.copyOfRange(last, stats, stats + 2)), "the statistics moved after the best epoch");
            assertArrayEquals(bestWeights, weights(model));
        }
    }
}
