package dev.neurite.metrics;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;

/**
 * Classification metrics from true class indices {@code yTrue[N]} and predicted class indices
 * {@code yPred[N]} or scores {@code (N, C)} (a {@link Tensor} or {@code double[N][C]}; the
 * predicted class of a row is its first highest score). Each metric equals scikit-learn 1.2's
 * function of the same name on the same input; where Neurite differs the method says so.
 *
 * <p>Precision, recall and F1 use {@code zero_division=0} and count every class index in
 * {@code [0, C)}; see {@link ConfusionMatrix}. Bad input (null, empty, different lengths, a label
 * outside {@code [0, C)}, a NaN or infinite score) throws {@link IllegalArgumentException}.
 */
public final class ClassificationMetrics {

    /** Agreement of a probability row sum with 1 for {@link #rocAucOvr}: numpy's allclose defaults. */
    private static final double SUM_ABS_TOL = 1e-8;
    private static final double SUM_REL_TOL = 1e-5;

    private ClassificationMetrics() {
    }

    // ---------------------------------------------------------------------------------------
    // Predictions

    /** Row-wise argmax of {@code scores (N, C)}: the first column holding the row's maximum. */
    public static int[] predictions(Tensor scores) {
        return argmax(MetricChecks.scoreMatrix("scores", scores));
    }

    /** Row-wise argmax of {@code scores[N][C]}: the first column holding the row's maximum. */
    public static int[] predictions(double[][] scores) {
        return argmax(MetricChecks.scoreMatrix("scores", scores));
    }

    static int[] argmax(double[][] scores) {
        int[] out = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            int best = 0;
            for (int j = 1; j < scores[i].length; j++) {
                if (scores[i][j] > scores[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------
    // Accuracy, precision, recall, F1

    /** Fraction of samples with {@code yPred[i] == yTrue[i]}. */
    public static double accuracy(int[] yTrue, int[] yPred) {
        MetricChecks.requireLabels("yTrue", yTrue);
        MetricChecks.requireLabels("yPred", yPred);
        MetricChecks.requireSameLength("yTrue", yTrue.length, "yPred", yPred.length);
        long correct = 0;
        for (int i = 0; i < yTrue.length; i++) {
            correct += yTrue[i] == yPred[i] ? 1 : 0;
        }
        return (double) correct / yTrue.length;
    }

    /** Accuracy of the row-wise argmax of {@code scores (N, C)}. */
    public static double accuracy(int[] yTrue, Tensor scores) {
        return ConfusionMatrix.of(yTrue, scores).accuracy();
    }

    /** Accuracy of the row-wise argmax of {@code scores[N][C]}. */
    public static double accuracy(int[] yTrue, double[][] scores) {
        return ConfusionMatrix.of(yTrue, scores).accuracy();
    }

    /** Precision of each of {@code numClasses} classes ({@code zero_division=0}). */
    public static double[] precisionPerClass(int[] yTrue, int[] yPred, int numClasses) {
        return ConfusionMatrix.of(yTrue, yPred, numClasses).precisionPerClass();
    }

    /** Recall of each of {@code numClasses} classes ({@code zero_division=0}). */
    public static double[] recallPerClass(int[] yTrue, int[] yPred, int numClasses) {
        return ConfusionMatrix.of(yTrue, yPred, numClasses).recallPerClass();
    }

    /** F1 of each of {@code numClasses} classes ({@code zero_division=0}). */
    public static double[] f1PerClass(int[] yTrue, int[] yPred, int numClasses) {
        return ConfusionMatrix.of(yTrue, yPred, numClasses).f1PerClass();
    }

    /** Precision over {@code numClasses} classes, averaged as {@code average} says. */
    public static double precision(int[] yTrue, int[] yPred, int numClasses, Average average) {
        return ConfusionMatrix.of(yTrue, yPred, numClasses).precision(average);
    }

    /** Recall over {@code numClasses} classes, averaged as {@code average} says. */
    public static double recall(int[] yTrue, int[] yPred, int numClasses, Average average) {
        return ConfusionMatrix.of(yTrue, yPred, numClasses).recall(average);
    }

    /** F1 over {@code numClasses} classes, averaged as {@code average} says. */
    public static double f1(int[] yTrue, int[] yPred, int numClasses, Average average) {
        return ConfusionMatrix.of(yTrue, yPred, numClasses).f1(average);
    }

    // ---------------------------------------------------------------------------------------
    // Score-based metrics

    /**
     * Fraction of samples whose true class is among the {@code k} highest scores of its row
     * (scikit-learn's {@code top_k_accuracy_score(y_true, y_score, k=k, labels=range(C))}). Ties
     * rank the higher class index first, as scikit-learn's reversed stable sort does. With
     * {@code k >= C} every sample is a hit. For two classes scikit-learn instead thresholds a single
     * score column; here two columns are ranked like any other count.
     */
    public static double topKAccuracy(int[] yTrue, Tensor scores, int k) {
        return topKAccuracy(yTrue, MetricChecks.scoreMatrix("scores", scores), k, "scores");
    }

    /** {@link #topKAccuracy(int[], Tensor, int)} of {@code scores[N][C]}. */
    public static double topKAccuracy(int[] yTrue, double[][] scores, int k) {
        return topKAccuracy(yTrue, MetricChecks.scoreMatrix("scores", scores), k, "scores");
    }

    private static double topKAccuracy(int[] yTrue, double[][] s, int k, String name) {
        MetricChecks.requireLabelsForScores(yTrue, s, name);
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        long hits = 0;
        for (int i = 0; i < s.length; i++) {
            int t = yTrue[i];
            double st = s[i][t];
            int ahead = 0; // classes ranked before the true one
            for (int j = 0; j < s[i].length; j++) {
                if (s[i][j] > st || (s[i][j] == st && j > t)) {
                    ahead++;
                }
            }
            hits += ahead < k ? 1 : 0;
        }
        return (double) hits / s.length;
    }

    /**
     * Mean negative log-probability of the true class (scikit-learn 1.2's
     * {@code log_loss(y_true, y_prob, labels=range(C))}, {@code eps="auto"}): every probability is
     * first clipped to {@code [eps, 1 - eps]} with {@code eps} the machine epsilon of the tensor's
     * type ({@code 2^-52} for F64, {@code 2^-23} for F32), then each row is divided by its sum.
     * The arithmetic is in double; scikit-learn computes float32 input in float32, so for F32 the
     * two agree to float32 precision.
     */
    public static double logLoss(int[] yTrue, Tensor probabilities) {
        double eps = probabilities != null && probabilities.dtype() == DType.F32 ? Math.ulp(1.0f) : Math.ulp(1.0);
        return logLoss(yTrue, MetricChecks.scoreMatrix("probabilities", probabilities), eps);
    }

    /** {@link #logLoss(int[], Tensor)} of {@code probabilities[N][C]}, with {@code eps = 2^-52}. */
    public static double logLoss(int[] yTrue, double[][] probabilities) {
        return logLoss(yTrue, MetricChecks.scoreMatrix("probabilities", probabilities), Math.ulp(1.0));
    }

    private static double logLoss(int[] yTrue, double[][] p, double eps) {
        MetricChecks.requireLabelsForScores(yTrue, p, "probabilities");
        if (p[0].length < 2) {
            throw new IllegalArgumentException("log loss needs probabilities of at least 2 classes, got "
                    + p[0].length + " column");
        }
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            double rowSum = 0;
            for (double v : p[i]) {
                rowSum += clip(v, eps);
            }
            total += -Math.log(clip(p[i][yTrue[i]], eps) / rowSum);
        }
        return total / p.length;
    }

    private static double clip(double p, double eps) {
        return Math.min(Math.max(p, eps), 1 - eps);
    }

    /**
     * Area under the ROC curve of binary labels {0, 1} and scores for class 1 (scikit-learn's
     * {@code roc_auc_score(y_true, y_score)}); see {@link RocCurve}.
     *
     * @throws IllegalArgumentException also when {@code yTrue} holds only one class
     */
    public static double rocAuc(int[] yTrue, double[] scores) {
        return RocCurve.of(yTrue, scores).auc();
    }

    /**
     * One-vs-rest ROC AUC averaged over classes (scikit-learn's {@code roc_auc_score(y_true,
     * y_prob, multi_class='ovr', average='macro')}): the unweighted mean over classes {@code c} of
     * the binary AUC of column {@code c} against "class is {@code c}". As in scikit-learn every row
     * must sum to 1 (within numpy's {@code allclose} tolerance) and every class must occur in
     * {@code yTrue}. With two columns this is the binary AUC of column 1, as scikit-learn computes
     * it for binary labels.
     */
    public static double rocAucOvr(int[] yTrue, Tensor probabilities) {
        return rocAucOvr(yTrue, MetricChecks.scoreMatrix("probabilities", probabilities));
    }

    /** {@link #rocAucOvr(int[], Tensor)} of {@code probabilities[N][C]}. */
    public static double rocAucOvr(int[] yTrue, double[][] probabilities) {
        double[][] p = MetricChecks.scoreMatrix("probabilities", probabilities);
        MetricChecks.requireLabelsForScores(yTrue, p, "probabilities");
        int classes = p[0].length;
        if (classes < 2) {
            throw new IllegalArgumentException("ROC AUC needs at least 2 classes, probabilities have "
                    + classes + " column");
        }
        boolean[] present = new boolean[classes];
        for (int y : yTrue) {
            present[y] = true;
        }
        for (int c = 0; c < classes; c++) {
            if (!present[c]) {
                throw new IllegalArgumentException("class " + c + " does not occur in yTrue: one-vs-rest ROC AUC"
                        + " needs every one of the " + classes + " classes");
            }
        }
        if (classes == 2) {
            return rocAuc(yTrue, column(p, 1));
        }
        for (int i = 0; i < p.length; i++) {
            double sum = 0;
            for (double v : p[i]) {
                sum += v;
            }
            if (!(Math.abs(sum - 1) <= SUM_ABS_TOL + SUM_REL_TOL * Math.abs(sum))) {
                throw new IllegalArgumentException("probabilities row " + i + " sums to " + sum
                        + ": one-vs-rest ROC AUC needs rows that sum to 1");
            }
        }
        double sum = 0;
        int[] isClass = new int[yTrue.length];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < yTrue.length; i++) {
                isClass[i] = yTrue[i] == c ? 1 : 0;
            }
            sum += rocAuc(isClass, column(p, c));
        }
        return sum / classes;
    }

    private static double[] column(double[][] p, int c) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i][c];
        }
        return out;
    }
}
