package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Device;
import dev.neurite.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trainer's one loop with a model moved to an OpenCL device (POCL in CI): host data go up one
 * batch at a time, and the epochs, validation and clipping give what the same fit gives on the
 * host, within float32 summation-order differences.
 */
class TrainerOnDeviceTest {

    static final double TOLERANCE = 1e-4;

    private static Sequential model() {
        return new Sequential(6, 3, new Dense(6, 16), new ReLU(), new Dense(16, 3));
    }

    private static Tensor[] data(int rows, long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.zeros(DType.F32, rows, 6);
        Tensor y = Tensor.zeros(DType.F32, rows, 1);
        for (int i = 0; i < rows; i++) {
            int label = r.nextInt(3);
            y.set(i, 0, label);
            for (int j = 0; j < 6; j++) {
                x.set(i, j, r.nextGaussian() + (j % 3 == label ? 1.5 : 0));
            }
        }
        return new Tensor[] {x, y};
    }

    @Test
    void aFitOnTheDeviceMatchesTheSameFitOnTheHost() {
        Tensor[] train = data(70, 1); // 70 rows in batches of 16: a short last batch
        Tensor[] val = data(40, 2);
        try (Device gpu = Device.opencl(); Sequential host = model(); Sequential onDevice = model().to(gpu);
             Tensor x = train[0]; Tensor y = train[1]; Tensor vx = val[0]; Tensor vy = val[1]) {
            History expected = fit(host, x, y, vx, vy);
            History actual = fit(onDevice, x, y, vx, vy);
            assertSame(gpu, onDevice.device());
            assertClose("train loss", expected.trainLoss(), actual.trainLoss());
            assertClose("validation loss", expected.validationLoss(), actual.validationLoss());
            assertEquals(expected.trainAccuracy(), actual.trainAccuracy(), "train accuracy");
            assertEquals(expected.validationAccuracy(), actual.validationAccuracy(), "validation accuracy");
            for (int i = 0; i < host.parameters().size(); i++) {
                float[] e = host.parameters().get(i).value().toFloatArray();
                float[] a = onDevice.parameters().get(i).value().toFloatArray();
                for (int k = 0; k < e.length; k++) {
                    assertEquals(e[k], a[k], TOLERANCE * Math.max(1, Math.abs(e[k])), "parameter " + i);
                }
            }
            IllegalStateException both = assertThrows(IllegalStateException.class,
                    () -> new Trainer(onDevice, new SoftmaxCrossEntropyLoss(), new Adam(onDevice.parameters(), 0.01))
                            .epochs(1).device("opencl").fit(x, y));
            assertTrue(both.getMessage().contains("this model is on " + gpu.name()), both.getMessage());
        }
    }

    private static History fit(Sequential model, Tensor x, Tensor y, Tensor vx, Tensor vy) {
        try (Adam adam = new Adam(model.parameters(), 0.01)) {
            return new Trainer(model, new SoftmaxCrossEntropyLoss(), adam).epochs(3).batchSize(16).seed(5)
                    .clipGradNorm(1.0).validation(vx, vy).fit(x, y);
        }
    }

    private static void assertClose(String what, List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), TOLERANCE * Math.max(1, Math.abs(expected.get(i))),
                    what + " epoch " + (i + 1));
        }
    }
}
