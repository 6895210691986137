package dev.neurite.nn;

import static dev.neurite.nn.GradientChecks.assertGradientsMatch;
import static dev.neurite.nn.GradientChecks.gaussian;
import static dev.neurite.nn.GradientChecks.labels;
import static dev.neurite.nn.GradientChecks.model;
import static dev.neurite.nn.GradientChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.loss.BCELoss;
import dev.neurite.nn.loss.BCEWithLogitsLoss;
import dev.neurite.nn.loss.MAELoss;
import dev.neurite.nn.loss.MultiClassHingeLoss;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Float64 gradient checks of the losses at the end of 3+ layer networks. */
class LossGradientCheckTest {

    /**
     * How far every point where a loss has a kink must stay from the checked values: the check
     * moves a parameter by up to 2e-4, which moves an output by far less than this.
     */
    private static final double KINK_CLEARANCE = 1e-2;

    @Test
    void bceAfterSigmoid() {
        try (Sequential m = model(4, new Dense(4, 5), new Tanh(), new Dense(5, 3), new Sigmoid())) {
            // soft targets, with some hard 0/1 ones
            Tensor target = uniform(10, 6, 3, 0, 1);
            target.set(0, 0, 0);
            target.set(1, 1, 1);
            assertGradientsMatch("Dense-Tanh-Dense-Sigmoid + bce", m, new BCELoss(), gaussian(5, 6, 4), target);
        }
    }

    @Test
    void bceWithLogits() {
        try (Sequential m = model(4, new Dense(4, 5), new Tanh(), new Dense(5, 3))) {
            Tensor target = uniform(11, 6, 3, 0, 1);
            target.set(2, 0, 1);
            target.set(3, 2, 0);
            assertGradientsMatch("Dense-Tanh-Dense + bce-with-logits", m, new BCEWithLogitsLoss(),
                    gaussian(5, 6, 4), target);
        }
    }

    /**
     * Targets sit 0.5 to 1.5 above or below each prediction, far from the kink at p == t. The
     * batch has an odd number of rows: the last bias's gradient is a sum of +-1/(N d) over the
     * rows, which an even batch can cancel to exactly 0, where a relative error means nothing.
     */
    @Test
    void maeAwayFromTheKinks() {
        int n = 7;
        try (Sequential m = model(4, new Dense(4, 5), new Tanh(), new Dense(5, 3))) {
            Tensor x = gaussian(5, n, 4);
            Tensor prediction = m.forward(x).copy();
            Random r = new Random(12);
            Tensor target = Tensor.managed(DType.F64, n, 3);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 3; j++) {
                    double offset = (0.5 + r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
                    target.set(i, j, prediction.get(i, j) + offset);
                }
            }
            assertGradientsMatch("Dense-Tanh-Dense + mae", m, new MAELoss(), x, target);
        }
    }

    /**
     * Weston-Watkins hinge. With these seeds no margin term sits near its kink (asserted below, so
     * a change of seeds that lands on one fails loudly instead of passing by luck); some terms are
     * active and some are not, so both branches of the gradient are checked.
     */
    @Test
    void multiClassHinge() {
        int n = 8;
        int classes = 4;
        try (Sequential m = model(4, new Dense(4, 6), new Tanh(), new Dense(6, classes))) {
            Tensor x = gaussian(5, n, 4);
            Tensor target = labels(4, n, classes);
            Tensor scores = m.forward(x).copy();
            int active = 0;
            int inactive = 0;
            for (int i = 0; i < n; i++) {
                int y = (int) target.get(i, 0);
                for (int j = 0; j < classes; j++) {
                    if (j != y) {
                        double term = scores.get(i, j) - scores.get(i, y) + MultiClassHingeLoss.DEFAULT_MARGIN;
                        assertTrue(Math.abs(term) > KINK_CLEARANCE, "margin term " + term + " is near its kink");
                        if (term > 0) {
                            active++;
                        } else {
                            inactive++;
                        }
                    }
                }
            }
            assertTrue(active > 0, "some margin terms are active");
            assertTrue(inactive > 0, "some margin terms are inactive");
            assertGradientsMatch("Dense-Tanh-Dense + multiclass-hinge", m, new MultiClassHingeLoss(), x, target);
        }
    }
}
