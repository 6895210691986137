package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.init.Initializer;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.SGD;
import dev.neurite.optim.schedule.LRScheduler;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Early stopping, learning-rate schedules and the progress bar (the NaN guard: {@link DivergenceTest}). */
class CallbacksTest {

    /** Records the weights at every epoch end. */
    static final class WeightRecorder implements Callback {
        private final Sequential model;
        final List<float[]> atEpochEnd = new ArrayList<>();

        WeightRecorder(Sequential model) {
            this.model = model;
        }

        @Override
        public boolean onEpochEnd(int epoch, EpochLogs logs) {
            atEpochEnd.add(TrainingTestData.weights(model));
            return false;
        }
    }

    /** {@code y = scale * x} for Gaussian {@code x}, {@code (n, 1)} each. */
    static Tensor[] line(int n, double scale, long seed) {
        Tensor x = TrainingTestData.gaussian(n, 1, seed);
        Tensor y = Tensor.managed(DType.F32, n, 1);
        for (int i = 0; i < n; i++) {
            y.set(i, 0, scale * x.get(i, 0));
        }
        return new Tensor[] {x, y};
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestWeights() {
        // The weight grows from 0 towards the training slope 2 and passes the validation slope 1
        // on the way: validation loss falls, then rises, and training must stop after the best.
        Tensor[] train = line(64, 2, 1);
        Tensor[] validation = line(64, 1, 2);
        try (Sequential model = new Sequential(1, 1, new Dense(1, 1, false).weightInit(Initializer.zeros()));
             MSELoss loss = new MSELoss()) {
            int patience = 3;
            EarlyStopping stopping = new EarlyStopping(patience);
            WeightRecorder recorder = new WeightRecorder(model);
            History h = new Trainer(model, loss, new SGD(model.parameters(), 0.01))
                    .epochs(100).batchSize(16).seed(3).validation(validation[0], validation[1])
                    .callbacks(recorder, stopping).fit(train[0], train[1]);

            List<Double> val = h.validationLoss();
            int best = stopping.bestEpoch();
            assertEquals(val.indexOf(val.stream().min(Double::compare).orElseThrow()), best);
            assertTrue(best > 0, "validation loss should first improve: " + val);
            assertEquals(best + patience, stopping.stoppedEpoch());
            assertEquals(best + patience + 1, h.size(), "one epoch per patience step after the best");
            assertTrue(h.stopReason().orElseThrow().contains("early stopping"), h.stopReason().orElseThrow());
            assertArrayEquals(recorder.atEpochEnd.get(best), TrainingTestData.weights(model));
            assertFalse(java.util.Arrays.equals(recorder.atEpochEnd.getLast(), TrainingTestData.weights(model)));
        }
    }

    @Test
    void schedulerIsSteppedAfterEveryEpochWithTheMonitoredLoss() {
        Tensor[] train = line(32, 2, 1);
        Tensor[] validation = line(16, 2, 2);
        try (Sequential model = new Sequential(1, 1, new Dense(1, 1));
             MSELoss loss = new MSELoss()) {
            SGD sgd = new SGD(model.parameters(), 0.1);
            List<Double> monitored = new ArrayList<>();
            List<Integer> done = new ArrayList<>();
            LRScheduler halving = new LRScheduler(sgd) {
                @Override
                public void step(int epochsDone, double monitoredValue) {
                    done.add(epochsDone);
                    monitored.add(monitoredValue);
                    optimizer.setLearningRate(initialLearningRate * Math.pow(0.5, epochsDone));
                }
            };
            History h = new Trainer(model, loss, sgd).epochs(3).batchSize(8)
                    .validation(validation[0], validation[1]).scheduler(halving).fit(train[0], train[1]);
            assertEquals(List.of(0.1, 0.05, 0.025), h.learningRate());
            assertEquals(List.of(1, 2, 3), done);
            assertEquals(h.validationLoss(), monitored);
            assertEquals(0.0125, sgd.learningRate());
        }
    }

    @Test
    void callbackReturningTrueStopsAfterThatEpoch() {
        Tensor[] train = line(16, 2, 1);
        try (Sequential model = new Sequential(1, 1, new Dense(1, 1));
             MSELoss loss = new MSELoss()) {
            Callback stopAfterSecond = new Callback() {
                @Override
                public boolean onEpochEnd(int epoch, EpochLogs logs) {
                    return epoch == 1;
                }
            };
            History h = new Trainer(model, loss, new SGD(model.parameters(), 0.1)).epochs(10).batchSize(4)
                    .callbacks(stopAfterSecond).fit(train[0], train[1]);
            assertEquals(2, h.size());
            assertTrue(h.stopReason().orElseThrow().contains("epoch 2"), h.stopReason().orElseThrow());
        }
    }

    private static String runWithProgressBar(boolean terminal, int epochs) {
        Tensor[] train = line(40, 2, 1);
        Tensor[] validation = line(8, 2, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Sequential model = new Sequential(1, 1, new Dense(1, 1));
             MSELoss loss = new MSELoss();
             PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new Trainer(model, loss, new SGD(model.parameters(), 0.05)).epochs(epochs).batchSize(8)
                    .validation(validation[0], validation[1])
                    .callbacks(new ProgressBar(out, terminal)).fit(train[0], train[1]);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void progressBarPrintsOnePlainLinePerEpochWhenNotOnATerminal() {
        int epochs = 3;
        String text = runWithProgressBar(false, epochs);
        assertFalse(text.contains("\r"), "no carriage returns off a terminal");
        List<String> lines = text.lines().toList();
        assertEquals(epochs, lines.size(), text);
        for (int e = 0; e < epochs; e++) {
            String line = lines.get(e);
            assertTrue(line.startsWith("epoch " + (e + 1) + "/" + epochs), line);
            assertTrue(line.contains("40 samples") && line.contains("loss ") && line.contains("val_loss "), line);
        }
    }

    @Test
    void progressBarRedrawsInPlaceOnATerminal() {
        int epochs = 2;
        String text = runWithProgressBar(true, epochs);
        assertTrue(text.contains("\r"), "redraws start with a carriage return");
        // String.lines() would also split at '\r'; a finished epoch ends with '\n'
        List<String> finished = List.of(text.split("\n"));
        assertEquals(epochs, finished.size(), "each epoch ends its line once");
        for (String line : finished) {
            String last = line.substring(line.lastIndexOf('\r') + 1);
            assertTrue(last.startsWith("epoch ") && last.contains("val_loss"), last);
        }
        assertTrue(text.contains("["), "a bar was drawn during the epoch");
    }
}
