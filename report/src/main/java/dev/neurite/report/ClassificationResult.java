package dev.neurite.report;

import dev.neurite.metrics.ClassificationMetrics;
import dev.neurite.metrics.ClassificationReport;
import dev.neurite.metrics.ConfusionMatrix;
import dev.neurite.metrics.RocCurve;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * What a report shows of a classifier's predictions, computed once when the report is built (the
 * score tensor may be closed afterwards): the confusion matrix, the per-class report, one ROC
 * curve per class against the rest (one curve of the positive class for two classes) and the log
 * loss when the scores are probabilities.
 */
final class ClassificationResult {

    /** Rows summing to 1 within this are read as probabilities (for the log loss). */
    private static final double PROBABILITY_SUM_TOLERANCE = 1e-4;

    private final List<String> classNames;
    private final ConfusionMatrix confusion;
    private final ClassificationReport report;
    private final List<RocChart.Entry> rocEntries;
    private final double rocAuc;
    private final double logLoss;

    private ClassificationResult(List<String> classNames, ConfusionMatrix confusion, List<RocChart.Entry> rocEntries,
                                 double rocAuc, double logLoss) {
        this.classNames = classNames;
        this.confusion = confusion;
        this.report = ClassificationReport.of(confusion, classNames.toArray(String[]::new));
        this.rocEntries = rocEntries;
        this.rocAuc = rocAuc;
        this.logLoss = logLoss;
    }

    /**
     * @throws IllegalArgumentException for missing or inconsistent input: lengths, a class index
     *     outside the score columns, non-finite scores, a class-name count other than the columns
     */
    static ClassificationResult of(int[] yTrue, Tensor scores, List<String> classNames) {
        if (yTrue == null || scores == null || classNames == null) {
            throw new IllegalArgumentException("classification needs yTrue, scores and classNames, got "
                    + (yTrue == null ? "no yTrue" : scores == null ? "no scores" : "no classNames"));
        }
        List<String> names = List.copyOf(classNames); // also rejects null names
        if (names.size() != scores.cols()) {
            throw new IllegalArgumentException("scores " + scores.shape() + " have " + scores.cols()
                    + " class columns but " + names.size() + " class names were given");
        }
        ConfusionMatrix cm = ConfusionMatrix.of(yTrue, scores); // validates lengths, labels, finite scores
        int n = yTrue.length;
        int c = scores.cols();
        double[] flat = flatten(scores);

        List<RocChart.Entry> entries = new ArrayList<>();
        double auc = Double.NaN;
        if (c == 2) {
            RocCurve curve = defined(cm.support(1), n) ? RocCurve.of(yTrue, column(flat, n, c, 1)) : null;
            entries.add(new RocChart.Entry(names.get(1), curve));
            auc = curve == null ? Double.NaN : curve.auc();
        } else if (c > 2) {
            int[] isClass = new int[n];
            double sum = 0;
            int defined = 0;
            for (int k = 0; k < c; k++) {
                RocCurve curve = null;
                if (defined(cm.support(k), n)) {
                    for (int i = 0; i < n; i++) {
                        isClass[i] = yTrue[i] == k ? 1 : 0;
                    }
                    curve = RocCurve.of(isClass, column(flat, n, c, k));
                    sum += curve.auc();
                    defined++;
                }
                entries.add(new RocChart.Entry(names.get(k), curve));
            }
            auc = defined == 0 ? Double.NaN : sum / defined;
        }
        double logLoss = c >= 2 && areProbabilities(flat, n, c)
                ? ClassificationMetrics.logLoss(yTrue, scores) : Double.NaN;
        return new ClassificationResult(names, cm, List.copyOf(entries), auc, logLoss);
    }

    /** A one-vs-rest curve needs samples of the class and samples of other classes. */
    private static boolean defined(long support, int n) {
        return support > 0 && support < n;
    }

    private static double[] flatten(Tensor scores) {
        if (scores.dtype() == DType.F32) {
            float[] f = scores.toFloatArray();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        return scores.toDoubleArray();
    }

    private static double[] column(double[] flat, int rows, int cols, int j) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = flat[i * cols + j];
        }
        return out;
    }

    private static boolean areProbabilities(double[] flat, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                double p = flat[i * cols + j];
                if (p < 0 || p > 1) {
                    return false;
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    List<String> classNames() {
        return classNames;
    }

    ConfusionMatrix confusion() {
        return confusion;
    }

    ClassificationReport report() {
        return report;
    }

    /** One entry per class (one for the positive class of a binary problem); empty for one class. */
    List<RocChart.Entry> rocEntries() {
        return rocEntries;
    }

    boolean binary() {
        return classNames.size() == 2;
    }

    /** Binary AUC, or the mean one-vs-rest AUC over the classes whose curve is defined; NaN if none. */
    double rocAuc() {
        return rocAuc;
    }

    /** True when some class has no one-vs-rest curve (no samples of it, or nothing else). */
    boolean someCurveUndefined() {
        return rocEntries.stream().anyMatch(e -> e.curve() == null);
    }

    /** Log loss when every score row is a probability distribution, else NaN. */
    double logLoss() {
        return logLoss;
    }
}
