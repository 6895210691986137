package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurite.nn.Parameter;
import dev.neurite.optim.SGD;
import dev.neurite.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClippingOptimizerTest {

    private static final double TOLERANCE = 1e-6;

    @Test
    void clipsTheGradientNormBeforeTheWrappedStepAndPassesLearningRatesOn() {
        Parameter p = new Parameter("w", DType.F64, 1, 2);
        p.grad().set(0, 0, 30);
        p.grad().set(0, 1, 40); // norm 50
        SGD sgd = new SGD(List.of(p), 1);
        ClippingOptimizer clipped = new ClippingOptimizer(sgd, 5, 0);
        clipped.step();
        // plain SGD with lr 1 moves by -grad: the clipped gradient has norm 5 in the same direction
        assertEquals(-3, p.value().get(0, 0), TOLERANCE);
        assertEquals(-4, p.value().get(0, 1), TOLERANCE);

        clipped.setLearningRate(0.5);
        assertEquals(0.5, sgd.learningRate());
    }

    @Test
    void clipsEachValue() {
        Parameter p = new Parameter("w", DType.F64, 1, 2);
        p.grad().set(0, 0, 3);
        p.grad().set(0, 1, -0.5);
        new ClippingOptimizer(new SGD(List.of(p), 1), 0, 1).step();
        assertEquals(-1, p.value().get(0, 0), TOLERANCE);
        assertEquals(0.5, p.value().get(0, 1), TOLERANCE);
    }
}
