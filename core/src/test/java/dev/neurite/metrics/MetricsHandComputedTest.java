package dev.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Metrics on inputs small enough to work out by hand, independent of the scikit-learn reference. */
class MetricsHandComputedTest {

    /** Room for the rounding of a few double operations. */
    private static final double TOL = 1e-15;

    // 2 classes: true 1 at 0,1,2,7; predicted 1 at 0,2,4,5,7
    private static final int[] Y_TRUE = {1, 1, 1, 0, 0, 0, 0, 1};
    private static final int[] Y_PRED = {1, 0, 1, 0, 1, 1, 0, 1};

    @Test
    void twoByTwoConfusionMatrixByHand() {
        ConfusionMatrix cm = ConfusionMatrix.of(Y_TRUE, Y_PRED, 2);
        // rows = true, columns = predicted: TN=2 FP=2 / FN=1 TP=3
        assertArrayEquals(new long[] {2, 2}, cm.counts()[0]);
        assertArrayEquals(new long[] {1, 3}, cm.counts()[1]);
        assertEquals(8, cm.total());
        assertEquals(5.0 / 8, cm.accuracy(), TOL);
        // class 1: P = 3/5, R = 3/4, F1 = 2 * 0.6 * 0.75 / 1.35 = 2/3
        assertEquals(3.0 / 5, cm.precision(1), TOL);
        assertEquals(3.0 / 4, cm.recall(1), TOL);
        assertEquals(2.0 / 3, cm.f1(1), TOL);
        // class 0: P = 2/3, R = 2/4, F1 = 4/7
        assertEquals(2.0 / 3, cm.precision(0), TOL);
        assertEquals(1.0 / 2, cm.recall(0), TOL);
        assertEquals(4.0 / 7, cm.f1(0), TOL);
        assertEquals((4.0 / 7 + 2.0 / 3) / 2, cm.f1(Average.MACRO), TOL);
        assertEquals((2.0 / 3 + 3.0 / 5) / 2, cm.precision(Average.MACRO), TOL);
        // equal supports: weighted equals macro
        assertEquals(cm.f1(Average.MACRO), cm.f1(Average.WEIGHTED), TOL);
        // single-label micro averages are the accuracy
        assertEquals(5.0 / 8, cm.precision(Average.MICRO), TOL);
        assertEquals(5.0 / 8, cm.recall(Average.MICRO), TOL);
        assertEquals(5.0 / 8, cm.f1(Average.MICRO), TOL);
    }

    @Test
    void confusionMatrixTableHasTrueRowsAndPredictedColumns() {
        String table = ConfusionMatrix.of(Y_TRUE, Y_PRED, 2).format("neg", "pos");
        String expected = ""
                + "true \\ pred  neg  pos\n"
                + "        neg    2    2\n"
                + "        pos    1    3\n";
        assertEquals(expected, table);
    }

    @Test
    void weightedAverageUsesSupport() {
        // class 0: support 3, all right; class 1: support 1, predicted as 0
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 0, 0, 1}, new int[] {0, 0, 0, 0}, 2);
        // class 0: P = 3/4, R = 1, F1 = 6/7; class 1: never predicted, so P = R = F1 = 0
        assertEquals(0.0, cm.precision(1));
        assertEquals(6.0 / 7, cm.f1(0), TOL);
        assertEquals((6.0 / 7 * 3 + 0 * 1) / 4, cm.f1(Average.WEIGHTED), TOL);
        assertEquals(3.0 / 7, cm.f1(Average.MACRO), TOL);
    }

    @Test
    void zeroDivisionGivesZero() {
        // class 2 never predicted (precision 0/0) and class 1 never true (recall 0/0)
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 2, 2}, new int[] {0, 1, 0}, 3);
        assertEquals(0.0, cm.precision(2));
        assertEquals(0.0, cm.recall(1));
        assertEquals(0.0, cm.f1(1));
        assertEquals(0.0, cm.f1(2));
        assertEquals(1.0 / 2, cm.precision(0), TOL);
    }

    @Test
    void rocCurveOfTheTextbookExample() {
        RocCurve roc = RocCurve.of(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8});
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, roc.fpr(), TOL);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, roc.tpr(), TOL);
        assertArrayEquals(new double[] {1.8, 0.8, 0.4, 0.35, 0.1}, roc.thresholds(), TOL);
        assertEquals(0.75, roc.auc(), TOL);
    }

    @Test
    void rocCurveDropsPointsOnStraightRuns() {
        // scores 4, 3, 2 positive then 1 negative: points (0,1/3), (0,2/3), (0,1), (1,1); (0,2/3) lies
        // inside the vertical run and goes; the first distinct-score point always stays
        RocCurve roc = RocCurve.of(new int[] {1, 1, 1, 0}, new double[] {4, 3, 2, 1});
        assertArrayEquals(new double[] {0, 0, 0, 1}, roc.fpr(), TOL);
        assertArrayEquals(new double[] {0, 1.0 / 3, 1, 1}, roc.tpr(), TOL);
        assertArrayEquals(new double[] {5, 4, 2, 1}, roc.thresholds(), TOL);
        assertEquals(1.0, roc.auc(), TOL);
    }

    @Test
    void rocCurveOfATensorColumn() {
        try (Tensor p = Tensor.of(new double[] {0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8}, 4, 2)) {
            RocCurve fromColumn = RocCurve.of(new int[] {0, 0, 1, 1}, p, 1);
            RocCurve fromArray = RocCurve.of(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8});
            assertArrayEquals(fromArray.fpr(), fromColumn.fpr());
            assertArrayEquals(fromArray.tpr(), fromColumn.tpr());
            assertEquals(0.75, fromColumn.auc(), TOL);
        }
    }

    @Test
    void reportNamesClassesByIndexByDefault() {
        int[] t = {0, 1, 2, 2};
        int[] p = {0, 2, 2, 1};
        ClassificationReport byIndex = ClassificationReport.of(t, p, 3);
        assertEquals(ClassificationReport.of(t, p, "0", "1", "2").toString(), byIndex.toString());
        assertEquals(4, byIndex.total());
        assertEquals(0.5, byIndex.accuracy(), TOL);
        assertEquals(1.0 / 2, byIndex.recall(2), TOL);
    }

    @Test
    void tiedScoresMakeOnePoint() {
        // one positive and one negative tied: the diagonal, AUC 1/2
        assertEquals(0.5, ClassificationMetrics.rocAuc(new int[] {0, 1}, new double[] {0.3, 0.3}), TOL);
    }

    @Test
    void logLossByHand() {
        double[][] p = {{0.9, 0.1}, {0.2, 0.8}};
        assertEquals(-(Math.log(0.9) + Math.log(0.8)) / 2, ClassificationMetrics.logLoss(new int[] {0, 1}, p), TOL);
        // rows are renormalised: {0.1, 0.3} is {1/4, 3/4}
        assertEquals(-Math.log(0.25), ClassificationMetrics.logLoss(new int[] {0}, new double[][] {{0.1, 0.3}}), TOL);
        // ... after clipping to [eps, 1 - eps]: {1, 3} is clipped to {1 - eps, 1 - eps}, then {1/2, 1/2}
        assertEquals(Math.log(2), ClassificationMetrics.logLoss(new int[] {0}, new double[][] {{1, 3}}), TOL);
    }

    @Test
    void logLossClipsAtMachineEpsilon() {
        // p(true) = 0 becomes eps = 2^-52 and the other 1 - eps, a row sum of 1: loss 52 ln 2
        double loss = ClassificationMetrics.logLoss(new int[] {1}, new double[][] {{1.0, 0.0}});
        assertEquals(52 * Math.log(2), loss, 1e-12);
        try (Tensor p32 = Tensor.of(new float[] {1f, 0f}, 1, 2)) {
            // float32: eps = 2^-23
            assertEquals(23 * Math.log(2), ClassificationMetrics.logLoss(new int[] {1}, p32), 1e-6);
        }
    }

    @Test
    void topKRanksTiesByHigherIndexFirst() {
        double[][] s = {{0.5, 0.5, 0.0}};
        assertEquals(0.0, ClassificationMetrics.topKAccuracy(new int[] {0}, s, 1));
        assertEquals(1.0, ClassificationMetrics.topKAccuracy(new int[] {1}, s, 1));
        assertEquals(1.0, ClassificationMetrics.topKAccuracy(new int[] {0}, s, 2));
        assertEquals(0.0, ClassificationMetrics.topKAccuracy(new int[] {2}, s, 2));
        assertEquals(1.0, ClassificationMetrics.topKAccuracy(new int[] {2}, s, 3));
    }

    @Test
    void predictionsTakeTheFirstMaximum() {
        assertArrayEquals(new int[] {1, 0, 2}, ClassificationMetrics.predictions(
                new double[][] {{0.1, 0.7, 0.2}, {0.4, 0.4, 0.2}, {-3, -2, -1}}));
    }

    @Test
    void oneVsRestAucOfSeparableClassesIsOne() {
        double[][] p = {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8}, {0.7, 0.2, 0.1}};
        assertEquals(1.0, ClassificationMetrics.rocAucOvr(new int[] {0, 1, 2, 0}, p), TOL);
        // swap the scores of classes 1 and 2 on their rows: those two one-vs-rest AUCs drop
        double[][] q = {{0.8, 0.1, 0.1}, {0.1, 0.1, 0.8}, {0.1, 0.8, 0.1}, {0.7, 0.2, 0.1}};
        // AUC = fraction of (positive, negative) pairs ranked right, ties counting 1/2.
        // class 0: 0.8 and 0.7 above all 0.1: 1. class 1: positive 0.1 against 0.1 (tie), 0.8, 0.2: 1/6.
        // class 2: positive 0.1 against 0.1 (tie), 0.8, 0.1 (tie): 1/3.
        assertEquals((1.0 + 1.0 / 6 + 1.0 / 3) / 3, ClassificationMetrics.rocAucOvr(new int[] {0, 1, 2, 0}, q), TOL);
    }

    @Test
    void regressionByHand() {
        double[] t = {0, 0};
        double[] p = {3, -4};
        assertEquals(12.5, RegressionMetrics.mse(t, p), TOL);
        assertEquals(Math.sqrt(12.5), RegressionMetrics.rmse(t, p), TOL);
        assertEquals(3.5, RegressionMetrics.mae(t, p), TOL);
        // SS_res = 1, mean 2, SS_tot = 2
        assertEquals(0.5, RegressionMetrics.r2(new double[] {1, 2, 3}, new double[] {1, 2, 4}), TOL);
    }

    @Test
    void r2OfAConstantTarget() {
        double[] constant = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
        assertEquals(1.0, RegressionMetrics.r2(constant, constant.clone()));
        // imperfect predictions of a constant give 0, even where the mean of the constant rounds
        assertEquals(0.0, RegressionMetrics.r2(constant, new double[] {0.1, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1}));
        assertEquals(Double.NaN, RegressionMetrics.r2(new double[] {1}, new double[] {2}));
    }

    @Test
    void multiOutputRmseAveragesPerColumnRoots() {
        try (Tensor t = Tensor.of(new double[] {0, 0, 0, 0}, 2, 2);
             Tensor p = Tensor.of(new double[] {1, 3, 1, 3}, 2, 2)) {
            // column RMSEs 1 and 3
            assertEquals(2.0, RegressionMetrics.rmse(t, p), TOL);
            assertEquals(5.0, RegressionMetrics.mse(t, p), TOL);
        }
    }
}
