package dev.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares every metric with the value scikit-learn computed on the fixed inputs of
 * {@code src/test/resources/metrics/make_reference.py} ({@code reference.json}).
 */
class MetricsReferenceTest {

    /** Allowed relative difference from scikit-learn's float64 values. */
    private static final double REL_TOL = 1e-12;
    /** Absolute floor of the tolerance, for values near zero. */
    private static final double ABS_TOL = 1e-12;
    /** Relative tolerance against scikit-learn's float32 log loss, which numpy computes in float32. */
    private static final double FLOAT32_REL_TOL = 1e-5;

    private static Map<String, Object> reference;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (InputStream in = MetricsReferenceTest.class.getResourceAsStream("/metrics/reference.json")) {
            assertTrue(in != null, "reference.json is on the test class path");
            reference = (Map<String, Object>) ReferenceJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void referenceFileHasEveryKindOfCase() {
        for (String kind : List.of("classification", "scores", "binary", "regression")) {
            assertFalse(cases(kind).isEmpty(), kind);
        }
    }

    @Test
    void labelMetricsMatchScikitLearn() {
        for (Map<String, Object> c : cases("classification")) {
            String name = (String) c.get("name");
            int classes = (int) num(c, "num_classes");
            int[] yTrue = ints(c.get("y_true"));
            int[] yPred = ints(c.get("y_pred"));
            ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred, classes);

            double[][] expectedCounts = matrix(c.get("confusion_matrix"));
            long[][] counts = cm.counts();
            for (int t = 0; t < classes; t++) {
                for (int p = 0; p < classes; p++) {
                    assertEquals((long) expectedCounts[t][p], counts[t][p], name + " count[" + t + "][" + p + "]");
                }
            }
            close(num(c, "accuracy"), cm.accuracy(), name + " accuracy");
            close(num(c, "accuracy"), ClassificationMetrics.accuracy(yTrue, yPred), name + " accuracy");
            close(doubles(c.get("precision")), cm.precisionPerClass(), name + " precision");
            close(doubles(c.get("recall")), cm.recallPerClass(), name + " recall");
            close(doubles(c.get("f1")), cm.f1PerClass(), name + " f1");
            close(doubles(c.get("precision")), ClassificationMetrics.precisionPerClass(yTrue, yPred, classes),
                    name + " precision");
            close(doubles(c.get("recall")), ClassificationMetrics.recallPerClass(yTrue, yPred, classes),
                    name + " recall");
            close(doubles(c.get("f1")), ClassificationMetrics.f1PerClass(yTrue, yPred, classes), name + " f1");
            int[] support = ints(c.get("support"));
            for (int k = 0; k < classes; k++) {
                assertEquals(support[k], cm.support(k), name + " support " + k);
            }

            String[] classNames = strings(c.get("class_names"));
            ClassificationReport report = ClassificationReport.of(yTrue, yPred, classNames);
            for (Average a : Average.values()) {
                String suffix = "_" + a.name().toLowerCase(java.util.Locale.ROOT);
                String what = name + " " + a;
                close(num(c, "precision" + suffix), cm.precision(a), what + " precision");
                close(num(c, "recall" + suffix), cm.recall(a), what + " recall");
                close(num(c, "f1" + suffix), cm.f1(a), what + " f1");
                close(num(c, "precision" + suffix), ClassificationMetrics.precision(yTrue, yPred, classes, a), what);
                close(num(c, "recall" + suffix), ClassificationMetrics.recall(yTrue, yPred, classes, a), what);
                close(num(c, "f1" + suffix), ClassificationMetrics.f1(yTrue, yPred, classes, a), what);
                close(num(c, "precision" + suffix), report.precision(a), what + " report precision");
                close(num(c, "recall" + suffix), report.recall(a), what + " report recall");
                close(num(c, "f1" + suffix), report.f1(a), what + " report f1");
            }
            for (int k = 0; k < classes; k++) {
                close(doubles(c.get("f1"))[k], report.f1(k), name + " report f1 " + k);
                assertEquals(support[k], report.support(k), name + " report support " + k);
            }
            assertEquals(integerSupports((String) c.get("report_2")), report.toString(), name + " report text");
            assertEquals(integerSupports((String) c.get("report_4")), report.format(4), name + " report text, 4 digits");
        }
    }

    @Test
    void scoreMetricsMatchScikitLearn() {
        for (Map<String, Object> c : cases("scores")) {
            String name = (String) c.get("name");
            int[] yTrue = ints(c.get("y_true"));
            double[][] scores = matrix(c.get("scores"));
            int rows = scores.length;
            int cols = scores[0].length;
            try (Tensor t64 = Tensor.of(flatten(scores), rows, cols);
                 Tensor t32 = Tensor.of(toFloats(flatten(scores)), rows, cols)) {
                close(num(c, "accuracy_argmax"), ClassificationMetrics.accuracy(yTrue, scores), name + " accuracy");
                close(num(c, "accuracy_argmax"), ClassificationMetrics.accuracy(yTrue, t64), name + " accuracy");
                @SuppressWarnings("unchecked")
                Map<String, Object> topK = (Map<String, Object>) c.get("top_k");
                for (Map.Entry<String, Object> e : topK.entrySet()) {
                    int k = Integer.parseInt(e.getKey());
                    double expected = (Double) e.getValue();
                    close(expected, ClassificationMetrics.topKAccuracy(yTrue, scores, k), name + " top-" + k);
                    close(expected, ClassificationMetrics.topKAccuracy(yTrue, t64, k), name + " top-" + k);
                }
                close(num(c, "log_loss"), ClassificationMetrics.logLoss(yTrue, scores), name + " log loss");
                close(num(c, "log_loss"), ClassificationMetrics.logLoss(yTrue, t64), name + " log loss");
                double expected32 = num(c, "log_loss_float32");
                double actual32 = ClassificationMetrics.logLoss(yTrue, t32);
                assertTrue(Math.abs(actual32 - expected32) <= FLOAT32_REL_TOL * Math.abs(expected32),
                        name + " float32 log loss: expected " + expected32 + ", got " + actual32);
                if (c.get("roc_auc_ovr") == null) {
                    assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.rocAucOvr(yTrue, scores),
                            name + ": rows that do not sum to 1");
                } else {
                    close(num(c, "roc_auc_ovr"), ClassificationMetrics.rocAucOvr(yTrue, scores), name + " OvR AUC");
                    close(num(c, "roc_auc_ovr"), ClassificationMetrics.rocAucOvr(yTrue, t64), name + " OvR AUC");
                }
            }
        }
    }

    @Test
    void rocCurvesMatchScikitLearn() {
        for (Map<String, Object> c : cases("binary")) {
            String name = (String) c.get("name");
            int[] yTrue = ints(c.get("y_true"));
            double[] scores = doubles(c.get("scores"));
            RocCurve roc = RocCurve.of(yTrue, scores);
            double[] fpr = doubles(c.get("roc_fpr"));
            assertEquals(fpr.length, roc.size(), name + " number of ROC points");
            close(fpr, roc.fpr(), name + " fpr");
            close(doubles(c.get("roc_tpr")), roc.tpr(), name + " tpr");
            close(doubles(c.get("roc_thresholds")), roc.thresholds(), name + " thresholds");
            close(num(c, "roc_auc"), roc.auc(), name + " AUC");
            close(num(c, "roc_auc"), ClassificationMetrics.rocAuc(yTrue, scores), name + " AUC");
        }
    }

    @Test
    void regressionMetricsMatchScikitLearn() {
        for (Map<String, Object> c : cases("regression")) {
            String name = (String) c.get("name");
            double[][] yTrue = columnOrMatrix(c.get("y_true"));
            double[][] yPred = columnOrMatrix(c.get("y_pred"));
            int rows = yTrue.length;
            int cols = yTrue[0].length;
            try (Tensor t = Tensor.of(flatten(yTrue), rows, cols); Tensor p = Tensor.of(flatten(yPred), rows, cols)) {
                close(num(c, "mse"), RegressionMetrics.mse(t, p), name + " MSE");
                close(num(c, "rmse"), RegressionMetrics.rmse(t, p), name + " RMSE");
                close(num(c, "mae"), RegressionMetrics.mae(t, p), name + " MAE");
                close(num(c, "r2"), RegressionMetrics.r2(t, p), name + " R2");
            }
            if (cols == 1) {
                double[] yt = flatten(yTrue);
                double[] yp = flatten(yPred);
                close(num(c, "mse"), RegressionMetrics.mse(yt, yp), name + " MSE");
                close(num(c, "rmse"), RegressionMetrics.rmse(yt, yp), name + " RMSE");
                close(num(c, "mae"), RegressionMetrics.mae(yt, yp), name + " MAE");
                close(num(c, "r2"), RegressionMetrics.r2(yt, yp), name + " R2");
            }
        }
    }

    /**
     * scikit-learn 1.2 prints the supports as floats ("4.0") when no prediction at all is correct
     * (its zero-true-positive path counts in float zeros); Neurite always prints integers.
     */
    private static String integerSupports(String sklearnReport) {
        return sklearnReport.replaceAll("(?m)(\\d+)\\.0$", "  $1");
    }

    // ---------------------------------------------------------------------------------------
    // Comparison and conversion

    private static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
            return;
        }
        assertTrue(Math.abs(actual - expected) <= ABS_TOL + REL_TOL * Math.abs(expected),
                what + ": expected " + expected + ", got " + actual);
    }

    private static void close(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            close(expected[i], actual[i], what + "[" + i + "]");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases(String kind) {
        return (List<Map<String, Object>>) reference.get(kind);
    }

    private static double num(Map<String, Object> c, String key) {
        Object v = c.get(key);
        assertTrue(v instanceof Double, key + " is a number in the reference");
        return (Double) v;
    }

    private static double[] doubles(Object list) {
        List<?> l = (List<?>) list;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Double) l.get(i);
        }
        return out;
    }

    private static int[] ints(Object list) {
        double[] d = doubles(list);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    private static String[] strings(Object list) {
        return ((List<?>) list).toArray(String[]::new);
    }

    private static double[][] matrix(Object list) {
        List<?> l = (List<?>) list;
        double[][] out = new double[l.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(l.get(i));
        }
        return out;
    }

    /** A list of numbers as one column, a list of lists as rows. */
    private static double[][] columnOrMatrix(Object list) {
        List<?> l = (List<?>) list;
        if (!l.isEmpty() && l.get(0) instanceof List) {
            return matrix(list);
        }
        double[] v = doubles(list);
        double[][] out = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            out[i][0] = v[i];
        }
        return out;
    }

    private static double[] flatten(double[][] m) {
        double[] out = new double[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
        }
        return out;
    }

    private static float[] toFloats(double[] d) {
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }
}
