package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.Layer;
import dev.neurite.nn.LayerBuffers;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Tanh;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.SGD;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's contract: data checks, batching, modes, metrics and history. */
class TrainerTest {

    /** Relative tolerance between a validation loss in chunks and one computed at once. */
    static final double LOSS_RELATIVE_TOLERANCE = 1e-6;

    /** Passes its input through and records the mode and batch height of every forward. */
    static final class ModeProbe extends Layer {
        final List<String> calls = new ArrayList<>();

        @Override
        public String typeName() {
            return "ModeProbe";
        }

        @Override
        public int outputFeatures(int inputFeatures) {
            return inputFeatures;
        }

        @Override
        public Tensor forward(Tensor x, LayerBuffers buffers) {
            calls.add((buffers.training() ? "train " : "eval ") + x.rows());
            return x;
        }

        @Override
        public Tensor backward(Tensor dY, LayerBuffers buffers) {
            return dY;
        }
    }

    static Tensor[] classes(int n, long seed) {
        Tensor x = TrainingTestData.gaussian(n, 3, seed);
        Tensor y = Tensor.managed(DType.F32, n, 1);
        for (int i = 0; i < n; i++) {
            y.set(i, 0, x.get(i, 0) + x.get(i, 1) > 0 ? 1 : x.get(i, 2) > 0 ? 2 : 0);
        }
        return new Tensor[] {x, y};
    }

    static Sequential classifier() {
        return new Sequential(3, 21, new Dense(3, 8), new Tanh(), new Dense(8, 3));
    }

    private static IllegalArgumentException fitFails(Tensor x, Tensor y) {
        try (Sequential model = classifier(); SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            Trainer trainer = new Trainer(model, loss, new SGD(model.parameters(), 0.1)).batchSize(4);
            return assertThrows(IllegalArgumentException.class, () -> trainer.fit(x, y));
        }
    }

    @Test
    void rejectsRowCountMismatch() {
        Tensor[] d = classes(10, 1);
        String msg = fitFails(d[0], d[1].rows(0, 9)).getMessage();
        assertTrue(msg.contains("10 rows") && msg.contains("9"), msg);
    }

    @Test
    void rejectsWrongFeatureCount() {
        Tensor[] d = classes(10, 1);
        String msg = fitFails(d[0].columns(0, 2), d[1]).getMessage();
        assertTrue(msg.contains("takes 3 features"), msg);
    }

    @Test
    void rejectsNonFiniteInputsAndTargetsWithTheirPlace() {
        Tensor[] d = classes(10, 1);
        d[0].set(7, 2, Double.NaN);
        String msg = fitFails(d[0], d[1]).getMessage();
        assertTrue(msg.contains("training X") && msg.contains("NaN") && msg.contains("row 7, column 2"), msg);

        Tensor[] e = classes(10, 1);
        e[1].set(4, 0, Double.POSITIVE_INFINITY);
        msg = fitFails(e[0], e[1]).getMessage();
        assertTrue(msg.contains("training Y") && msg.contains("Infinity") && msg.contains("row 4, column 0"), msg);
    }

    @Test
    void rejectsBadValidationData() {
        Tensor[] d = classes(10, 1);
        Tensor[] v = classes(5, 2);
        v[0].set(3, 1, Double.NEGATIVE_INFINITY);
        try (Sequential model = classifier(); SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            Trainer trainer = new Trainer(model, loss, new SGD(model.parameters(), 0.1)).validation(v[0], v[1]);
            String msg = assertThrows(IllegalArgumentException.class, () -> trainer.fit(d[0], d[1])).getMessage();
            assertTrue(msg.contains("validation X") && msg.contains("row 3, column 1"), msg);
        }
    }

    @Test
    void labelOutOfRangeIsReportedByTheLossWithTheStep() {
        Tensor[] d = classes(10, 1);
        d[1].set(6, 0, 5);
        IllegalArgumentException e = fitFails(d[0], d[1]);
        assertTrue(e.getMessage().contains("label 5.0") && e.getMessage().contains("[0, 3)"), e.getMessage());
        assertTrue(e.getMessage().contains("epoch 1, step"), e.getMessage());
    }

    @Test
    void rejectsInvalidSettings() {
        try (Sequential model = classifier(); SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            Trainer trainer = new Trainer(model, loss, new SGD(model.parameters(), 0.1));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> trainer.epochs(0)).getMessage().contains("0"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> trainer.batchSize(-2)).getMessage().contains("-2"));
        }
    }

    @Test
    void stepsPerEpochFollowTheBatchSize() {
        Tensor[] d = classes(10, 1);
        int[][] cases = {{1, 10}, {4, 3}, {10, 1}, {64, 1}};
        for (int[] c : cases) {
            try (Sequential model = classifier(); SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
                List<Integer> steps = new ArrayList<>();
                Callback counter = new Callback() {
                    @Override
                    public void onBatchEnd(int epoch, int step, double batchLoss) {
                        steps.add(step);
                    }
                };
                History h = new Trainer(model, loss, new SGD(model.parameters(), 0.1)).epochs(2).batchSize(c[0])
                        .callbacks(counter).fit(d[0], d[1]);
                assertEquals(2 * c[1], steps.size(), "batch " + c[0]);
                assertEquals(c[1] - 1, steps.getLast(), "batch " + c[0]);
                assertEquals(10, h.last().samples());
            }
        }
    }

    @Test
    void trainsInTrainingModeValidatesInEvaluationModeAndRestoresTheMode() {
        Tensor[] d = classes(10, 1);
        Tensor[] v = classes(6, 2);
        ModeProbe probe = new ModeProbe();
        try (Sequential model = new Sequential(3, 1, probe, new Dense(3, 3));
             SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            model.eval();
            new Trainer(model, loss, new SGD(model.parameters(), 0.1)).epochs(1).batchSize(4)
                    .validation(v[0], v[1]).fit(d[0], d[1]);
            assertEquals(List.of("train 4", "train 4", "train 2", "eval 6"), probe.calls);
            assertFalse(model.isTraining(), "the mode before fit comes back");
        }
    }

    @Test
    void historyHoldsLossesAccuraciesAndLearningRates() {
        Tensor[] d = classes(60, 1);
        Tensor[] v = classes(20, 2);
        try (Sequential model = classifier(); SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            History h = new Trainer(model, loss, new SGD(model.parameters(), 0.2)).epochs(5).batchSize(8).seed(4)
                    .validation(v[0], v[1]).fit(d[0], d[1]);
            assertEquals(5, h.size());
            assertTrue(h.trainLoss().getLast() < h.trainLoss().getFirst(), "training lowers the loss: " + h.trainLoss());
            for (double a : h.trainAccuracy()) {
                assertTrue(a >= 0 && a <= 1, "accuracy " + a);
            }
            assertEquals(TrainingTestData.accuracy(model, v[0], v[1]), h.last().validationAccuracy());
            double expected = loss.forward(model.predict(v[0]), v[1]);
            assertEquals(expected, h.last().validationLoss(), LOSS_RELATIVE_TOLERANCE * expected);
            assertEquals(List.of(0.2, 0.2, 0.2, 0.2, 0.2), h.learningRate());
            assertTrue(h.stopReason().isEmpty());
            String table = h.table();
            assertTrue(table.lines().findFirst().orElseThrow().matches(" *epoch +loss +acc +val_loss +val_acc +lr +seconds"),
                    table);
            assertEquals(6, table.lines().count(), table);
        }
    }

    @Test
    void regressionHasNoAccuracy() {
        Tensor x = TrainingTestData.gaussian(12, 3, 1);
        Tensor y = TrainingTestData.gaussian(12, 2, 2);
        try (Sequential model = new Sequential(3, 1, new Dense(3, 2)); MSELoss loss = new MSELoss()) {
            History h = new Trainer(model, loss, new SGD(model.parameters(), 0.1)).epochs(2).fit(x, y);
            assertTrue(Double.isNaN(h.last().trainAccuracy()));
            assertTrue(Double.isNaN(h.last().validationLoss()));
            assertFalse(h.table().contains("acc"), h.table());
        }
    }

    @Test
    void theShuffleSeedChangesTheResult() {
        Tensor[] d = classes(40, 1);
        float[][] weights = new float[2][];
        for (int seed = 0; seed < 2; seed++) {
            try (Sequential model = classifier(); SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
                new Trainer(model, loss, new SGD(model.parameters(), 0.1)).epochs(2).batchSize(5).seed(seed)
                        .fit(d[0], d[1]);
                weights[seed] = TrainingTestData.weights(model);
            }
        }
        assertFalse(Arrays.equals(weights[0], weights[1]));
    }

    @Test
    void fullBatchIgnoresTheShuffleSeed() {
        Tensor[] d = classes(40, 1);
        float[][] weights = new float[2][];
        for (int seed = 0; seed < 2; seed++) {
            try (Sequential model = classifier(); SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
                new Trainer(model, loss, new SGD(model.parameters(), 0.1)).epochs(3).batchSize(40).seed(seed)
                        .fit(d[0], d[1]);
                weights[seed] = TrainingTestData.weights(model);
            }
        }
        assertTrue(Arrays.equals(weights[0], weights[1]));
        assertNotEquals(0, weights[0].length);
    }
}
