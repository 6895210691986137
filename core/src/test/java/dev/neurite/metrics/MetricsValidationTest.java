package dev.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input gives an IllegalArgumentException whose message names the problem. */
class MetricsValidationTest {

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
        }
    }

    @Test
    void lengthMismatchNamesBothLengths() {
        assertMessage(() -> ClassificationMetrics.accuracy(new int[] {0, 1, 1, 0, 1}, new int[] {0, 1, 1, 0}),
                "yTrue has 5", "yPred has 4");
        assertMessage(() -> ConfusionMatrix.of(new int[] {0, 1, 1}, new int[] {0, 1}, 2), "3", "2");
        assertMessage(() -> RocCurve.of(new int[] {0, 1, 1}, new double[] {0.1, 0.2}), "yTrue has 3", "scores has 2");
        assertMessage(() -> ClassificationMetrics.logLoss(new int[] {0, 1, 1}, new double[][] {{0.5, 0.5}}),
                "yTrue has 3", "probabilities has 1");
        assertMessage(() -> RegressionMetrics.mse(new double[] {1, 2}, new double[] {1, 2, 3}), "yTrue has 2",
                "yPred has 3");
    }

    @Test
    void tensorShapeMismatchNamesBothShapes() {
        try (Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2); Tensor b = Tensor.of(new double[] {1, 2, 3, 4}, 4, 1)) {
            assertMessage(() -> RegressionMetrics.r2(a, b), a.shape(), b.shape());
        }
    }

    @Test
    void labelOutOfRangeNamesItsIndexAndValue() {
        assertMessage(() -> ConfusionMatrix.of(new int[] {0, 1, 3}, new int[] {0, 1, 2}, 3), "yTrue[2] = 3", "[0, 3)");
        assertMessage(() -> ConfusionMatrix.of(new int[] {0, 1, 2}, new int[] {0, -1, 2}, 3), "yPred[1] = -1");
        assertMessage(() -> ClassificationMetrics.topKAccuracy(new int[] {0, 4}, new double[][] {{1, 2}, {3, 4}}, 1),
                "yTrue[1] = 4", "[0, 2)");
        assertMessage(() -> RocCurve.of(new int[] {0, 2}, new double[] {0.1, 0.2}), "yTrue[1] = 2");
    }

    @Test
    void nonFiniteScoresAreRejected() {
        assertMessage(() -> ClassificationMetrics.logLoss(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {Double.NaN, 1}}),
                "probabilities[1, 0] is NaN");
        assertMessage(() -> RocCurve.of(new int[] {0, 1}, new double[] {0.1, Double.NaN}), "scores[1] is NaN");
        try (Tensor s = Tensor.of(new double[] {0.2, Double.POSITIVE_INFINITY}, 1, 2)) {
            assertMessage(() -> ClassificationMetrics.predictions(s), "scores[0, 1] is Infinity");
        }
        assertMessage(() -> RegressionMetrics.mae(new double[] {1, Double.NaN}, new double[] {1, 2}), "yTrue[1] is NaN");
    }

    @Test
    void emptyInputIsRejected() {
        assertMessage(() -> ClassificationMetrics.accuracy(new int[0], new int[0]), "yTrue is empty");
        assertMessage(() -> ClassificationMetrics.topKAccuracy(new int[0], new double[0][], 1), "no rows");
        assertMessage(() -> RegressionMetrics.mse(new double[0], new double[0]), "yTrue is empty");
        assertMessage(() -> RocCurve.of(new int[0], new double[0]), "yTrue is empty");
        try (Tensor empty = Tensor.zeros(dev.neurite.tensor.DType.F64, 0, 3)) {
            assertMessage(() -> ClassificationMetrics.rocAucOvr(new int[0], empty), "no rows");
        }
    }

    @Test
    void undefinedAucsAreRejected() {
        assertMessage(() -> RocCurve.of(new int[] {1, 1}, new double[] {0.1, 0.2}), "only class 1");
        double[][] p = {{0.6, 0.3, 0.1}, {0.2, 0.7, 0.1}};
        assertMessage(() -> ClassificationMetrics.rocAucOvr(new int[] {0, 1}, p), "class 2 does not occur");
        double[][] unnormalised = {{0.6, 0.6, 0.1}, {0.2, 0.7, 0.1}, {0.1, 0.1, 0.8}};
        assertMessage(() -> ClassificationMetrics.rocAucOvr(new int[] {0, 1, 2}, unnormalised), "row 0 sums to");
    }

    @Test
    void badArgumentsAreRejected() {
        assertMessage(() -> ClassificationMetrics.topKAccuracy(new int[] {0}, new double[][] {{1, 2}}, 0), "k must be");
        assertMessage(() -> ClassificationMetrics.predictions(new double[][] {{1, 2}, {3}}), "row 1 has 1 columns");
        assertMessage(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, 0), "numClasses");
        assertMessage(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, 2).format("only one"), "2 class names");
        assertMessage(() -> ClassificationMetrics.logLoss(new int[] {0}, new double[][] {{1.0}}), "at least 2 classes");
    }
}
