package dev.neurite.nn.loss;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Bad targets and predictions are rejected with messages naming the loss, the shapes or the value. */
class LossValidationTest {

    private static Tensor filled(int rows, int cols, double value) {
        Tensor t = Tensor.managed(DType.F64, rows, cols);
        t.fill(value);
        return t;
    }

    private static void assertRejected(Loss loss, Tensor prediction, Tensor target, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.forward(prediction, target));
        assertTrue(e.getMessage().startsWith(loss.name() + ":"), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void targetsOfTheWrongShape() {
        List<Supplier<Loss>> elementwise = List.of(MAELoss::new, BCELoss::new, BCEWithLogitsLoss::new);
        for (Supplier<Loss> s : elementwise) {
            assertRejected(s.get(), filled(4, 3, 0.5), filled(4, 2, 0.5), "4x2", "4x3");
            assertRejected(s.get(), filled(4, 3, 0.5), filled(3, 3, 0.5), "3x3", "4x3");
        }
        assertRejected(new MultiClassHingeLoss(), filled(4, 3, 0.5), filled(4, 3, 0), "4x3", "4x1");
        assertRejected(new MultiClassHingeLoss(), filled(4, 3, 0.5), filled(5, 1, 0), "5x1", "4x3");
        assertRejected(new MultiClassHingeLoss(), filled(4, 1, 0.5), filled(4, 1, 0), "at least 2 classes");
    }

    @Test
    void labelsOutOfRange() {
        for (double label : new double[] {3, -1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            Tensor t = filled(4, 1, 0);
            t.set(2, 0, label);
            assertRejected(new MultiClassHingeLoss(), filled(4, 3, 0.5), t, "label " + label, "row 2", "[0, 3)");
        }
    }

    @Test
    void nonFiniteTargets() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            for (Loss loss : List.of(new MAELoss(), new BCELoss(), new BCEWithLogitsLoss())) {
                Tensor t = filled(2, 2, 0.5);
                t.set(1, 0, bad);
                assertRejected(loss, filled(2, 2, 0.5), t, String.valueOf(bad), "(1, 0)");
            }
        }
    }

    @Test
    void probabilitiesOutsideTheUnitInterval() {
        Tensor p = filled(2, 2, 0.5);
        p.set(0, 1, 1.2);
        assertRejected(new BCELoss(), p, filled(2, 2, 1), "prediction 1.2", "(0, 1)", "[0, 1]",
                "BCEWithLogitsLoss");
        p.set(0, 1, -0.01);
        assertRejected(new BCELoss(), p, filled(2, 2, 1), "prediction -0.01");
        p.set(0, 1, Double.NaN);
        assertRejected(new BCELoss(), p, filled(2, 2, 1), "prediction NaN");
        for (Loss loss : List.of(new BCELoss(), new BCEWithLogitsLoss())) {
            assertRejected(loss, filled(2, 2, 0.5), filled(2, 2, 2), "target 2.0");
        }
    }

    @Test
    void invalidMarginAndBackwardBeforeForward() {
        assertThrows(IllegalArgumentException.class, () -> new MultiClassHingeLoss(0));
        assertThrows(IllegalArgumentException.class, () -> new MultiClassHingeLoss(Double.NaN));
        for (Loss loss : List.of(new MAELoss(), new BCELoss(), new BCEWithLogitsLoss(), new MultiClassHingeLoss())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
            assertTrue(e.getMessage().startsWith(loss.name()), e.getMessage());
        }
    }
}
