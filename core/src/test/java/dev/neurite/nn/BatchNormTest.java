package dev.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Batch statistics in training mode, running statistics in evaluation mode. */
class BatchNormTest {

    /** Hand-computed values below are exact decimals; float64 arithmetic reproduces them to a few ulps. */
    private static final double TOLERANCE = 1e-12;
    private static final double EPS = BatchNorm.DEFAULT_EPS;

    @Test
    void trainingModeNormalisesEachColumnWithBatchStatistics() {
        try (Sequential m = new Sequential(3, DType.F64, 1, new BatchNorm(3))) {
            Tensor x = GradientChecks.uniform(4, 16, 3, -5, 20);
            Tensor y = m.forward(x);
            for (int j = 0; j < 3; j++) {
                double mean = 0;
                double xMean = 0;
                for (int i = 0; i < 16; i++) {
                    mean += y.get(i, j) / 16;
                    xMean += x.get(i, j) / 16;
                }
                double var = 0;
                double xVar = 0;
                for (int i = 0; i < 16; i++) {
                    var += Math.pow(y.get(i, j) - mean, 2) / 16;
                    xVar += Math.pow(x.get(i, j) - xMean, 2) / 16;
                }
                assertEquals(0, mean, TOLERANCE);
                assertEquals(xVar / (xVar + EPS), var, TOLERANCE, "biased batch variance normalises");
            }
        }
    }

    /**
     * Two training batches, then evaluation. With momentum 0.1 and the running estimates starting
     * at mean 0, variance 1:
     * <pre>
     * batch 1 = [[1, 2], [3, 6]]: mean (2, 4), unbiased var (2, 8)
     *   running mean = 0.9 * (0, 0) + 0.1 * (2, 4) = (0.2, 0.4)
     *   running var  = 0.9 * (1, 1) + 0.1 * (2, 8) = (1.1, 1.7)
     * batch 2 = [[0, 0], [4, 2], [2, 4]]: mean (2, 2), unbiased var (8/2, 8/2) = (4, 4)
     *   running mean = 0.9 * (0.2, 0.4) + 0.1 * (2, 2) = (0.38, 0.56)
     *   running var  = 0.9 * (1.1, 1.7) + 0.1 * (4, 4) = (1.39, 1.93)
     * </pre>
     */
    @Test
    void evaluationUsesRunningStatisticsAndLeavesThemAlone() {
        try (Sequential m = new Sequential(2, DType.F64, 1, new BatchNorm(2))) {
            BatchNorm bn = (BatchNorm) m.layers().get(0);
            assertArrayEquals(new double[] {0, 0}, bn.runningMean().toDoubleArray(), 0);
            assertArrayEquals(new double[] {1, 1}, bn.runningVar().toDoubleArray(), 0);

            m.forward(Tensor.of(new double[] {1, 2, 3, 6}, 2, 2));
            assertArrayEquals(new double[] {0.2, 0.4}, bn.runningMean().toDoubleArray(), TOLERANCE);
            assertArrayEquals(new double[] {1.1, 1.7}, bn.runningVar().toDoubleArray(), TOLERANCE);
            m.forward(Tensor.of(new double[] {0, 0, 4, 2, 2, 4}, 3, 2));
            double[] mean = {0.38, 0.56};
            double[] var = {1.39, 1.93};
            assertArrayEquals(mean, bn.runningMean().toDoubleArray(), TOLERANCE);
            assertArrayEquals(var, bn.runningVar().toDoubleArray(), TOLERANCE);

            double[] gamma = {2, 0.5};
            double[] beta = {0.1, -0.3};
            bn.gamma().value().copyFrom(gamma);
            bn.beta().value().copyFrom(beta);
            m.eval();
            double[] x = {1, -1, 2, 3};
            Tensor y = m.forward(Tensor.of(x, 2, 2));
            Tensor predicted = m.predict(Tensor.of(x, 2, 2));
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    double expected = gamma[j] * (x[2 * i + j] - mean[j]) / Math.sqrt(var[j] + EPS) + beta[j];
                    assertEquals(expected, y.get(i, j), TOLERANCE);
                    assertEquals(expected, predicted.get(i, j), TOLERANCE);
                }
            }
            // evaluation forwards (and a single-row batch, fine in evaluation) change nothing
            m.forward(Tensor.of(new double[] {100, -100}, 1, 2));
            assertArrayEquals(mean, bn.runningMean().toDoubleArray(), TOLERANCE);
            assertArrayEquals(var, bn.runningVar().toDoubleArray(), TOLERANCE);

            m.train();
            m.forward(Tensor.of(new double[] {1, 2, 3, 6}, 2, 2));
            assertTrue(bn.runningMean().get(0, 0) != mean[0], "training forwards update the running mean again");
        }
    }

    @Test
    void runningStatisticsAreStateNotParameters() {
        try (Sequential m = new Sequential(3, DType.F64, 1, new BatchNorm(3))) {
            assertEquals(6, m.parameterCount());
            assertEquals("batchnorm1.gamma", m.parameters().get(0).name());
            assertEquals("batchnorm1.beta", m.parameters().get(1).name());
            assertArrayEquals(new double[] {1, 1, 1}, m.parameters().get(0).value().toDoubleArray(), 0);
            assertArrayEquals(new double[] {0, 0, 0}, m.parameters().get(1).value().toDoubleArray(), 0);
        }
    }

    @Test
    void trainingModeRejectsASingleRow() {
        try (Sequential m = new Sequential(2, DType.F64, 1, new BatchNorm(2))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.forward(Tensor.of(new double[] {1, 2}, 1, 2)));
            assertTrue(e.getMessage().contains("batchnorm1"), e.getMessage());
        }
    }
}
