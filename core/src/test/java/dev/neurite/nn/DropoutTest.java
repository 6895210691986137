package dev.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Inverted dropout: scaling in training mode, identity in evaluation mode. */
class DropoutTest {

    private static final int ROWS = 200;
    private static final int COLS = 50;
    /** Binomial standard deviation of the dropped fraction is sqrt(0.25 * 0.75 / 10000) ~ 0.0043; this is ~7 of them. */
    private static final double FRACTION_TOLERANCE = 0.03;

    private static Tensor ones(DType dtype) {
        Tensor x = Tensor.managed(dtype, ROWS, COLS);
        x.fill(1);
        return x;
    }

    @Test
    void trainingModeZeroesOrScalesByOneOverKeepProbability() {
        double p = 0.25;
        for (DType dtype : DType.values()) {
            try (Sequential m = new Sequential(COLS, dtype, 3, new Dropout(p))) {
                Tensor x = ones(dtype);
                Tensor y = m.forward(x);
                double scale = 1 / (1 - p);
                int dropped = 0;
                for (int i = 0; i < ROWS; i++) {
                    for (int j = 0; j < COLS; j++) {
                        double v = y.get(i, j);
                        if (v == 0) {
                            dropped++;
                        } else {
                            assertEquals((float) scale, (float) v, 0, "kept elements are scaled by 1 / (1 - p)");
                        }
                    }
                }
                double fraction = dropped / (double) (ROWS * COLS);
                assertEquals(p, fraction, FRACTION_TOLERANCE);
                // backward multiplies by the same mask
                Tensor dX = m.backward(ones(dtype));
                assertArrayEquals(y.toDoubleArray(), dX.toDoubleArray(), 0);
            }
        }
    }

    @Test
    void evaluationModeIsTheIdentity() {
        try (Sequential m = new Sequential(COLS, DType.F64, 3, new Dropout(0.5))) {
            Tensor x = GradientChecks.gaussian(1, ROWS, COLS);
            m.eval();
            assertArrayEquals(x.toDoubleArray(), m.forward(x).toDoubleArray(), 0);
            Tensor dY = GradientChecks.gaussian(2, ROWS, COLS);
            assertArrayEquals(dY.toDoubleArray(), m.backward(dY).toDoubleArray(), 0);
            m.train();
            assertArrayEquals(x.toDoubleArray(), m.predict(x).toDoubleArray(), 0, "predict runs in evaluation mode");
            assertTrue(!java.util.Arrays.equals(x.toDoubleArray(), m.forward(x).toDoubleArray()),
                    "training mode does drop");
        }
    }

    @Test
    void zeroProbabilityKeepsEverythingInTraining() {
        try (Sequential m = new Sequential(COLS, DType.F64, 3, new Dropout(0))) {
            Tensor x = GradientChecks.gaussian(1, ROWS, COLS);
            assertArrayEquals(x.toDoubleArray(), m.forward(x).toDoubleArray(), 0);
        }
    }
}
