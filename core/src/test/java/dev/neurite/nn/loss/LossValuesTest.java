package dev.neurite.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Loss values and gradients on small hand-computed cases. */
class LossValuesTest {

    /** Hand values are short decimals; float64 reproduces them to a few ulps. */
    private static final double EXACT = 1e-12;

    /**
     * The cs231n linear-SVM example (three images, classes cat/car/frog, margin 1):
     * cat scores (3.2, 5.1, -1.7) give max(0, 5.1 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1) = 2.9;
     * car scores (1.3, 4.9, 2.0) give 0 + max(0, 2.0 - 4.9 + 1) = 0;
     * frog scores (2.2, 2.5, -3.1) give (2.2 + 3.1 + 1) + (2.5 + 3.1 + 1) = 12.9; mean 15.8 / 3 (cs231n rounds it to 5.27).
     */
    @Test
    void hingeOnTheCs231nExample() {
        Tensor scores = Tensor.of(new double[] {3.2, 5.1, -1.7, 1.3, 4.9, 2.0, 2.2, 2.5, -3.1}, 3, 3);
        Tensor labels = Tensor.of(new double[] {0, 1, 2}, 3, 1);
        try (MultiClassHingeLoss loss = new MultiClassHingeLoss()) {
            assertEquals((2.9 + 0 + 12.9) / 3, loss.forward(scores, labels), EXACT);
            double w = 1.0 / 3;
            // cat: only the car term is active; car: none; frog: both others active
            assertArrayEquals(new double[] {-w, w, 0, 0, 0, 0, w, w, -2 * w}, loss.backward().toDoubleArray(), EXACT);
        }
    }

    @Test
    void maeAndItsSubgradient() {
        Tensor p = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor t = Tensor.of(new double[] {0, 2, 5, 3.5}, 2, 2);
        try (MAELoss loss = new MAELoss()) {
            assertEquals((1 + 0 + 2 + 0.5) / 4, loss.forward(p, t), EXACT);
            assertArrayEquals(new double[] {0.25, 0, -0.25, 0.25}, loss.backward().toDoubleArray(), 0);
        }
    }

    @Test
    void bceClampsItsLogsLikePyTorch() {
        try (BCELoss loss = new BCELoss()) {
            // a confident wrong answer costs -log clamped at -100, not infinity
            assertEquals(100, loss.forward(Tensor.of(new double[] {0}, 1, 1), Tensor.of(new double[] {1}, 1, 1)), 0);
            assertTrue(Double.isFinite(loss.backward().get(0, 0)));
            assertEquals(0, loss.forward(Tensor.of(new double[] {1}, 1, 1), Tensor.of(new double[] {1}, 1, 1)), 0);
            double p = 0.3;
            double t = 0.8;
            assertEquals(-(t * Math.log(p) + (1 - t) * Math.log(1 - p)),
                    loss.forward(Tensor.of(new double[] {p}, 1, 1), Tensor.of(new double[] {t}, 1, 1)), EXACT);
            assertEquals((p - t) / (p * (1 - p)), loss.backward().get(0, 0), EXACT);
        }
    }

    @Test
    void bceWithLogitsIsStableForLargeLogits() {
        try (BCEWithLogitsLoss loss = new BCEWithLogitsLoss()) {
            Tensor z = Tensor.of(new double[] {1000, -1000}, 1, 2);
            // z = 1000, t = 0 costs 1000; z = -1000, t = 0 costs log(1 + e^-1000) = 0
            assertEquals(500, loss.forward(z, Tensor.of(new double[] {0, 0}, 1, 2)), EXACT);
            assertArrayEquals(new double[] {0.5, 0}, loss.backward().toDoubleArray(), EXACT);
            // equals BCE on sigmoid(z) for moderate logits
            double zv = -1.3;
            double s = 1 / (1 + Math.exp(-zv));
            double t = 0.25;
            assertEquals(-(t * Math.log(s) + (1 - t) * Math.log(1 - s)),
                    loss.forward(Tensor.of(new double[] {zv}, 1, 1), Tensor.of(new double[] {t}, 1, 1)), EXACT);
            assertEquals(s - t, loss.backward().get(0, 0), EXACT);
        }
    }
}
