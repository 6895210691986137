package dev.neurite.metrics;

import dev.neurite.tensor.Tensor;

/**
 * The receiver operating characteristic of binary scores: for each threshold {@code t} in
 * decreasing order, the false and true positive rates of predicting "positive" when
 * {@code score >= t}. Matches scikit-learn 1.2's {@code roc_curve(y_true, y_score,
 * drop_intermediate=True)}:
 * <ul>
 *   <li>the thresholds are the distinct scores, highest first, with tied scores making one point;</li>
 *   <li>points collinear with their neighbours along a horizontal or vertical run are dropped
 *       (scikit-learn's second-difference rule; they never change the area);</li>
 *   <li>a first point {@code (0, 0)} is added with threshold {@code highest score + 1}
 *       (scikit-learn 1.3 and later use {@code +infinity} there instead).</li>
 * </ul>
 * Unlike scikit-learn, which warns and returns NaN rates, a curve needs both classes present.
 *
 * <p>Immutable; the accessors return copies.
 */
public final class RocCurve {

    private final double[] thresholds;
    private final double[] fpr;
    private final double[] tpr;

    private RocCurve(double[] thresholds, double[] fpr, double[] tpr) {
        this.thresholds = thresholds;
        this.fpr = fpr;
        this.tpr = tpr;
    }

    /**
     * The curve of {@code scores} (higher = more likely positive) against labels in {0, 1}.
     *
     * @throws IllegalArgumentException on empty input, different lengths, a label other than 0 or
     *     1, a non-finite score, or labels of only one class
     */
    public static RocCurve of(int[] yTrue, double[] scores) {
        MetricChecks.requireLabels("yTrue", yTrue);
        MetricChecks.requireFinite("scores", scores);
        MetricChecks.requireSameLength("yTrue", yTrue.length, "scores", scores.length);
        MetricChecks.requireInRange("yTrue", yTrue, 2);
        int n = yTrue.length;
        long positives = 0;
        for (int y : yTrue) {
            positives += y;
        }
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("yTrue holds only class " + yTrue[0]
                    + ": a ROC curve needs both negative (0) and positive (1) samples");
        }

        // samples by decreasing score; the order within ties does not matter, ties form one point
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));

        // one point per distinct score: cumulative false and true positives at its last sample
        long[] fps = new long[n];
        long[] tps = new long[n];
        double[] thr = new double[n];
        int points = 0;
        long tp = 0;
        for (int k = 0; k < n; k++) {
            tp += yTrue[order[k]];
            double s = scores[order[k]];
            // == rather than compare: 0.0 and -0.0 are one threshold, as in numpy's diff
            if (k == n - 1 || scores[order[k + 1]] != s) {
                tps[points] = tp;
                fps[points] = k + 1 - tp;
                thr[points] = s;
                points++;
            }
        }

        // keep the ends and every corner: a point whose second difference is zero in both rates lies
        // on a straight run and is dropped
        boolean[] keep = new boolean[points];
        for (int p = 0; p < points; p++) {
            keep[p] = points <= 2 || p == 0 || p == points - 1
                    || fps[p - 1] - 2 * fps[p] + fps[p + 1] != 0
                    || tps[p - 1] - 2 * tps[p] + tps[p + 1] != 0;
        }
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }

        double[] thresholds = new double[kept + 1];
        double[] fpr = new double[kept + 1];
        double[] tpr = new double[kept + 1];
        long negatives = n - positives;
        thresholds[0] = thr[0] + 1;
        for (int p = 0, q = 1; p < points; p++) {
            if (keep[p]) {
                thresholds[q] = thr[p];
                fpr[q] = (double) fps[p] / negatives;
                tpr[q] = (double) tps[p] / positives;
                q++;
            }
        }
        return new RocCurve(thresholds, fpr, tpr);
    }

    /** The curve of column {@code column} of {@code scores (N, C)}, e.g. column 1 of two-class probabilities. */
    public static RocCurve of(int[] yTrue, Tensor scores, int column) {
        double[][] s = MetricChecks.scoreMatrix("scores", scores);
        if (column < 0 || column >= s[0].length) {
            throw new IllegalArgumentException("column " + column + " is not in [0, " + s[0].length
                    + ") of scores " + scores.shape());
        }
        double[] c = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            c[i] = s[i][column];
        }
        return of(yTrue, c);
    }

    /** Number of points. */
    public int size() {
        return fpr.length;
    }

    /** Decreasing thresholds; the first is the highest score plus 1. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** False positive rates {@code FP / negatives}, non-decreasing from 0 to 1. */
    public double[] fpr() {
        return fpr.clone();
    }

    /** True positive rates {@code TP / positives}, non-decreasing from 0 to 1. */
    public double[] tpr() {
        return tpr.clone();
    }

    /** Area under the curve by the trapezoidal rule (scikit-learn's {@code auc(fpr, tpr)}). */
    public double auc() {
        return trapezoid(fpr, tpr);
    }

    /** {@code sum (x[i+1] - x[i]) (y[i] + y[i+1]) / 2} over the points, in order. */
    static double trapezoid(double[] x, double[] y) {
        double area = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            area += (x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2.0;
        }
        return area;
    }
}
