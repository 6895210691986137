package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Tanh;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.SGD;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every backend trains the same small network to the same weights, up to float32 rounding: the
 * backends sum in different orders, so bits differ, but 150 SGD steps on a smooth tanh network
 * must not amplify those differences beyond the tolerance.
 */
class BackendAgreementTest {

    /** Largest allowed |w_backend - w_scalar| after training; weights are of order 1. */
    static final double WEIGHT_TOLERANCE = 1e-5; // measured differences are about 2e-7

    static float[] train(Ops ops) {
        Tensor[] data = TrainingTestData.spirals(60, 8);
        try (Sequential model = new Sequential(2, 5, new Dense(2, 16), new Tanh(), new Dense(16, 16), new Tanh(),
                new Dense(16, 2));
             SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            // the backend must really be in use for the layers, the loss and the optimizer
            Callback check = new Callback() {
                @Override
                public void onBatchEnd(int epoch, int step, double batchLoss) {
                    assertEquals(ops.backend(), Ops.get().backend());
                }
            };
            new Trainer(model, loss, new SGD(model.parameters(), 0.2)).epochs(30).batchSize(24).seed(6)
                    .backend(ops).callbacks(check).fit(data[0], data[1]);
            return TrainingTestData.weights(model);
        }
    }

    @Test
    void allBackendsTrainToTheSameWeights() {
        float[] reference = train(Ops.using("scalar"));
        float[] initial;
        try (Sequential fresh = new Sequential(2, 5, new Dense(2, 16), new Tanh(), new Dense(16, 16), new Tanh(),
                new Dense(16, 2))) {
            initial = TrainingTestData.weights(fresh);
        }
        assertTrue(maxDifference(reference, initial) > 100 * WEIGHT_TOLERANCE, "training moved the weights");
        for (String name : List.of("simd", "blas", "opencl")) {
            float[] w = train(Ops.using(name));
            double diff = maxDifference(reference, w);
            assertTrue(diff <= WEIGHT_TOLERANCE, name + " differs from scalar by " + diff);
        }
    }

    static double maxDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
