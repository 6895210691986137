package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    @Test
    void matchesTheRawNormalEquationsOnNoisyData() {
        Random random = new Random(11);
        int n = 200;
        int d = 4;
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                // columns of different scales and offsets: the fit must not depend on them
                x[i][j] = (j + 1) * 100 * random.nextGaussian() + 50 * j;
            }
            y[i] = 7 - 0.02 * x[i][0] + 0.003 * x[i][1] + 0.01 * x[i][3] + random.nextGaussian();
        }
        LeastSquares fit = LeastSquares.fit(tensor(x), Tensor.of(y, n, 1));
        double[] reference = ordinaryLeastSquares(x, y);
        assertEquals(reference[0], fit.intercept(), 1e-6);
        double[] w = fit.weights();
        for (int j = 0; j < d; j++) {
            assertEquals(reference[j + 1], w[j], 1e-8, "weight " + j);
        }
    }

    @Test
    void constantAndDuplicateColumnsStillGiveExactPredictions() {
        int n = 50;
        double[][] x = new double[n][4];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = Math.sin(i);
            double b = Math.cos(3 * i);
            x[i] = new double[] {a, 5, b, a}; // a constant column and a copy of the first
            y[i] = 2 + 3 * a - 0.5 * b;
        }
        LeastSquares fit = LeastSquares.fit(tensor(x), Tensor.of(y, n, 1));
        double[] predicted = fit.predict(tensor(x));
        for (int i = 0; i < n; i++) {
            assertEquals(y[i], predicted[i], 1e-6, "row " + i);
        }
        double[] w = fit.weights();
        assertEquals(0, w[1], 1e-12, "the constant column carries nothing");
        assertEquals(3, w[0] + w[3], 1e-6, "the copies share the slope");
        assertEquals(w[0], w[3], 1e-6, "the ridge splits it evenly");
        assertEquals(2, fit.intercept(), 1e-6);
    }

    @Test
    void rejectsMismatchedShapes() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LeastSquares.fit(x, Tensor.of(new double[] {1, 2, 3, 4}, 2, 2))).getMessage().contains("one target column"));
        assertThrows(IllegalArgumentException.class, () -> LeastSquares.fit(x, Tensor.of(new double[] {1, 2, 3}, 3, 1)));
        LeastSquares fit = LeastSquares.fit(x, Tensor.of(new double[] {1, 2}, 2, 1));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> fit.predict(Tensor.of(new double[] {1, 2, 3}, 1, 3))).getMessage().contains("fitted on 2 features"));
    }

    /**
     * {@code [b, w_1 .. w_d]} minimizing the squared error of {@code y ~ b + w . x}: the raw normal
     * equations (no centring, no scaling, no ridge) by Gauss-Jordan elimination with partial pivoting.
     */
    static double[] ordinaryLeastSquares(double[][] x, double[] y) {
        int p = x[0].length + 1;
        double[][] m = new double[p][p + 1];
        for (int r = 0; r < x.length; r++) {
            double[] z = new double[p];
            z[0] = 1;
            System.arraycopy(x[r], 0, z, 1, p - 1);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    m[i][j] += z[i] * z[j];
                }
                m[i][p] += z[i] * y[r];
            }
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int i = col + 1; i < p; i++) {
                if (Math.abs(m[i][col]) > Math.abs(m[pivot][col])) {
                    pivot = i;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int i = 0; i < p; i++) {
                if (i != col) {
                    double f = m[i][col] / m[col][col];
                    for (int j = col; j <= p; j++) {
                        m[i][j] -= f * m[col][j];
                    }
                }
            }
        }
        double[] w = new double[p];
        for (int i = 0; i < p; i++) {
            w[i] = m[i][p] / m[i][i];
        }
        return w;
    }

    private static Tensor tensor(double[][] rows) {
        double[] flat = new double[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[i].length, rows[i].length);
        }
        return Tensor.of(flat, rows.length, rows[0].length);
    }
}
