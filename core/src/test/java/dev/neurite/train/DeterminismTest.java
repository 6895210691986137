package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.SGD;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Repeatability: the same seed, backend and thread count give bit-identical weights, and
 * concurrent prediction gives exactly the single-thread results.
 */
class DeterminismTest {

    static final int PREDICT_THREADS = 8;
    static final int PREDICT_CALLS = 1000;

    static Sequential spiralModel() {
        return new Sequential(2, 7, new Dense(2, 32), new ReLU(), new Dense(32, 32), new ReLU(), new Dense(32, 2));
    }

    static float[] train(Ops backend, int epochs) {
        Tensor[] data = TrainingTestData.spirals(50, 5);
        try (Sequential model = spiralModel(); SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            new Trainer(model, loss, new SGD(model.parameters(), 0.3)).epochs(epochs).batchSize(15).seed(9)
                    .backend(backend).fit(data[0], data[1]);
            return TrainingTestData.weights(model);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        float[] first = train(null, 20);
        float[] second = train(null, 20);
        assertArrayEquals(first, second);
        float[] initial;
        try (Sequential fresh = spiralModel()) {
            initial = TrainingTestData.weights(fresh);
        }
        assertFalse(Arrays.equals(initial, first), "training changed the weights");
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsOnEveryBackend() {
        for (String name : List.of("scalar", "simd", "blas")) {
            Ops ops = Ops.using(name);
            assertArrayEquals(train(ops, 5), train(ops, 5), name);
        }
    }

    @Test
    void concurrentPredictionsEqualTheSingleThreadResult() throws Exception {
        Tensor[] data = TrainingTestData.spirals(32, 3);
        try (Sequential model = spiralModel(); SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            new Trainer(model, loss, new SGD(model.parameters(), 0.3)).epochs(5).batchSize(16).fit(data[0], data[1]);
            Tensor x = data[0];
            float[] expected = model.predict(x).toFloatArray();
            ExecutorService pool = Executors.newFixedThreadPool(PREDICT_THREADS);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < PREDICT_THREADS; t++) {
                    results.add(pool.submit(() -> {
                        Tensor out = Tensor.managed(DType.F32, x.rows(), model.outputFeatures());
                        start.await();
                        int mismatches = 0;
                        for (int i = 0; i < PREDICT_CALLS; i++) {
                            model.predict(x, out);
                            mismatches += Arrays.equals(expected, out.toFloatArray()) ? 0 : 1;
                        }
                        return mismatches;
                    }));
                }
                start.countDown();
                for (Future<Integer> r : results) {
                    assertEquals(0, r.get(), "predictions that differ from the single-thread result");
                }
            } finally {
                pool.shutdown();
            }
            assertTrue(expected.length > 0);
        }
    }
}
