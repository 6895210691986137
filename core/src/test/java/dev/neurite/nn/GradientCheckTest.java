package dev.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.loss.Loss;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Analytical gradients against central differences, in float64, for networks of 3+ layers. */
class GradientCheckTest {

    /** The course's standard for float64 gradient checks. */
    static final double MAX_RELATIVE_ERROR = 1e-7;

    static Tensor randomBatch(Random r, int rows, int cols) {
        Tensor t = Tensor.managed(DType.F64, rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t.set(i, j, r.nextGaussian());
            }
        }
        return t;
    }

    static Tensor randomLabels(Random r, int rows, int classes) {
        Tensor t = Tensor.managed(DType.F64, rows, 1);
        for (int i = 0; i < rows; i++) {
            t.set(i, 0, r.nextInt(classes));
        }
        return t;
    }

    static void assertGradientsMatch(Supplier<Layer[]> layers, int in, Loss loss, Tensor target) {
        try (Sequential model = new Sequential(in, DType.F64, 11, layers.get())) {
            Tensor x = randomBatch(new Random(5), target.rows(), in);
            GradientCheck.Report report = GradientCheck.check(model, loss, x, target);
            assertTrue(report.passed() && report.maxRelativeError() < MAX_RELATIVE_ERROR,
                    () -> "gradient check failed:\n" + report.format());
        }
    }

    @Test
    void tanhNetworkWithSoftmaxCrossEntropyOnLabels() {
        assertGradientsMatch(() -> new Layer[] {new Dense(5, 4), new Tanh(), new Dense(4, 4), new Sigmoid(),
            new Dense(4, 3)}, 5, new SoftmaxCrossEntropyLoss(), randomLabels(new Random(1), 6, 3));
    }

    @Test
    void leakyReluNetworkWithSoftmaxCrossEntropyOnProbabilities() {
        Random r = new Random(2);
        Tensor t = Tensor.managed(DType.F64, 4, 3);
        for (int i = 0; i < 4; i++) {
            double a = r.nextDouble();
            double b = r.nextDouble() * (1 - a);
            t.set(i, 0, a);
            t.set(i, 1, b);
            t.set(i, 2, 1 - a - b);
        }
        assertGradientsMatch(() -> new Layer[] {new Dense(3, 6), new LeakyReLU(0.1), new Dense(6, 5),
            new ReLU(), new Dense(5, 3)}, 3, new SoftmaxCrossEntropyLoss(), t);
    }

    @Test
    void mseRegressionNetwork() {
        assertGradientsMatch(() -> new Layer[] {new Dense(4, 8), new Tanh(), new Dense(8, 3), new Identity(),
            new Dense(3, 2)}, 4, new MSELoss(), randomBatch(new Random(3), 5, 2));
    }
}
