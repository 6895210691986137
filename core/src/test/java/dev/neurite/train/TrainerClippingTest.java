package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.Parameter;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Tanh;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.optim.GradientClipping;
import dev.neurite.optim.SGD;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The trainer's clipping is GradientClipping between backward and the step, by norm, then by value. */
class TrainerClippingTest {

    private static Sequential model() {
        return new Sequential(3, DType.F64, 4, new Dense(3, 5), new Tanh(), new Dense(5, 2));
    }

    private static Tensor[] data() {
        Tensor x = Tensor.managed(DType.F64, 8, 3);
        x.copyFrom(TrainingTestData.gaussian(8, 3, 2));
        Tensor y = Tensor.managed(DType.F64, 8, 2);
        for (int i = 0; i < 8; i++) {
            y.set(i, 0, 10 * x.get(i, 0));
            y.set(i, 1, -10 * x.get(i, 2));
        }
        return new Tensor[] {x, y};
    }

    @Test
    void aStepClipsByNormThenByValueBeforeTheUpdate() {
        Tensor[] d = data();
        double[] expected;
        try (Sequential model = model(); MSELoss loss = new MSELoss()) {
            SGD sgd = new SGD(model.parameters(), 0.1);
            Tensor out = model.forward(d[0]);
            loss.forward(out, d[1]);
            sgd.zeroGrad();
            model.backward(loss.backward());
            double norm = GradientClipping.clipByGlobalNorm(model.parameters(), 1.0);
            assertTrue(norm > 1.0, "the norm limit binds: " + norm);
            GradientClipping.clipByValue(model.parameters(), 0.1);
            sgd.step();
            expected = weights(model);
        }
        try (Sequential model = model(); MSELoss loss = new MSELoss()) {
            new Trainer(model, loss, new SGD(model.parameters(), 0.1)).epochs(1).batchSize(8)
                    .clipGradNorm(1.0).clipGradValue(0.1).fit(d[0], d[1]);
            assertArrayEquals(expected, weights(model), 0.0);
        }
    }

    @Test
    void limitsMustBeFiniteAndNonNegative() {
        try (Sequential model = model()) {
            Trainer t = new Trainer(model, new MSELoss(), new SGD(model.parameters(), 0.1));
            assertThrows(IllegalArgumentException.class, () -> t.clipGradNorm(-1));
            assertThrows(IllegalArgumentException.class, () -> t.clipGradValue(Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> t.clipGradNorm(Double.POSITIVE_INFINITY));
        }
    }

    private static double[] weights(Sequential model) {
        return model.parameters().stream().map(Parameter::value).flatMapToDouble(
                t -> java.util.Arrays.stream(t.toDoubleArray())).toArray();
    }
}
