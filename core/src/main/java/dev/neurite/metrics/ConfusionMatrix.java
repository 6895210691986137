package dev.neurite.metrics;

import dev.neurite.tensor.Tensor;
import java.util.Arrays;

/**
 * Counts of (true class, predicted class) pairs: row = true class, column = predicted class, as
 * scikit-learn's {@code confusion_matrix(y_true, y_pred, labels=range(C))}.
 *
 * <p>Precision, recall and F1 come from the counts as in scikit-learn's
 * {@code precision_recall_fscore_support(..., labels=range(C), zero_division=0)}: a ratio whose
 * denominator is zero (precision of a class never predicted, recall of a class with no true
 * samples, F1 when precision + recall is zero) is 0. Every class index in {@code [0, C)} takes part
 * in the averages, including classes that occur in neither array (they score 0 with support 0).
 *
 * <p>Immutable.
 */
public final class ConfusionMatrix {

    private final long[][] counts;
    private final long total;

    private ConfusionMatrix(long[][] counts, long total) {
        this.counts = counts;
        this.total = total;
    }

    /**
     * The matrix of {@code numClasses} classes.
     *
     * @throws IllegalArgumentException on null or empty input, different lengths, or a label
     *     outside {@code [0, numClasses)}
     */
    public static ConfusionMatrix of(int[] yTrue, int[] yPred, int numClasses) {
        MetricChecks.requireLabels("yTrue", yTrue);
        MetricChecks.requireLabels("yPred", yPred);
        MetricChecks.requireSameLength("yTrue", yTrue.length, "yPred", yPred.length);
        MetricChecks.requireClassCount(numClasses);
        MetricChecks.requireInRange("yTrue", yTrue, numClasses);
        MetricChecks.requireInRange("yPred", yPred, numClasses);
        long[][] counts = new long[numClasses][numClasses];
        for (int i = 0; i < yTrue.length; i++) {
            counts[yTrue[i]][yPred[i]]++;
        }
        return new ConfusionMatrix(counts, yTrue.length);
    }

    /** The matrix of classes {@code 0 .. max label}, the largest label of either array. */
    public static ConfusionMatrix of(int[] yTrue, int[] yPred) {
        MetricChecks.requireLabels("yTrue", yTrue);
        MetricChecks.requireLabels("yPred", yPred);
        return of(yTrue, yPred, Math.max(1, MetricChecks.inferClassCount(yTrue, yPred)));
    }

    /** The matrix of the row-wise argmax of {@code scores (N, C)}, with {@code C} classes. */
    public static ConfusionMatrix of(int[] yTrue, Tensor scores) {
        double[][] s = MetricChecks.scoreMatrix("scores", scores);
        return of(yTrue, ClassificationMetrics.argmax(s), s[0].length);
    }

    /** The matrix of the row-wise argmax of {@code scores[N][C]}, with {@code C} classes. */
    public static ConfusionMatrix of(int[] yTrue, double[][] scores) {
        double[][] s = MetricChecks.scoreMatrix("scores", scores);
        return of(yTrue, ClassificationMetrics.argmax(s), s[0].length);
    }

    /** Number of classes {@code C}. */
    public int numClasses() {
        return counts.length;
    }

    /** Number of samples counted. */
    public long total() {
        return total;
    }

    /** Samples of true class {@code trueClass} predicted as {@code predictedClass}. */
    public long count(int trueClass, int predictedClass) {
        return counts[checkClass(trueClass)][checkClass(predictedClass)];
    }

    /** A copy of the counts, {@code [true][predicted]}. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** Correct predictions of class {@code c}: the diagonal entry. */
    public long truePositives(int c) {
        return counts[checkClass(c)][c];
    }

    /** Samples predicted as class {@code c}: the column sum. */
    public long predicted(int c) {
        checkClass(c);
        long sum = 0;
        for (long[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    /** Samples whose true class is {@code c}: the row sum. */
    public long support(int c) {
        return Arrays.stream(counts[checkClass(c)]).sum();
    }

    /** Fraction of samples on the diagonal. */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return (double) correct / total;
    }

    /** {@code TP / predicted} of class {@code c}; 0 when the class is never predicted. */
    public double precision(int c) {
        return ratio(truePositives(c), predicted(c));
    }

    /** {@code TP / support} of class {@code c}; 0 when the class has no true samples. */
    public double recall(int c) {
        return ratio(truePositives(c), support(c));
    }

    /** Harmonic mean of precision and recall of class {@code c}; 0 when both are 0. */
    public double f1(int c) {
        return f1(precision(c), recall(c));
    }

    /** Precision of every class, indexed by class. */
    public double[] precisionPerClass() {
        double[] out = new double[counts.length];
        Arrays.setAll(out, this::precision);
        return out;
    }

    /** Recall of every class, indexed by class. */
    public double[] recallPerClass() {
        double[] out = new double[counts.length];
        Arrays.setAll(out, this::recall);
        return out;
    }

    /** F1 of every class, indexed by class. */
    public double[] f1PerClass() {
        double[] out = new double[counts.length];
        Arrays.setAll(out, this::f1);
        return out;
    }

    /** Support of every class, indexed by class. */
    public long[] supportPerClass() {
        long[] out = new long[counts.length];
        Arrays.setAll(out, this::support);
        return out;
    }

    /** Precision averaged as {@code average} says. */
    public double precision(Average average) {
        return average == Average.MICRO ? ratio(diagonalSum(), total) : combine(precisionPerClass(), average);
    }

    /** Recall averaged as {@code average} says. */
    public double recall(Average average) {
        return average == Average.MICRO ? ratio(diagonalSum(), total) : combine(recallPerClass(), average);
    }

    /**
     * F1 averaged as {@code average} says: MACRO and WEIGHTED average the per-class F1 values (not
     * the F1 of averaged precision and recall); MICRO is the F1 of micro precision and recall.
     */
    public double f1(Average average) {
        if (average == Average.MICRO) {
            return f1(precision(Average.MICRO), recall(Average.MICRO));
        }
        return combine(f1PerClass(), average);
    }

    private double combine(double[] perClass, Average average) {
        if (average == null) {
            throw new IllegalArgumentException("average is null");
        }
        double sum = 0;
        if (average == Average.MACRO) {
            for (double v : perClass) {
                sum += v;
            }
            return sum / perClass.length;
        }
        // WEIGHTED: the supports add up to total, which is positive
        for (int c = 0; c < perClass.length; c++) {
            sum += perClass[c] * support(c);
        }
        return sum / total;
    }

    private long diagonalSum() {
        long sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += counts[c][c];
        }
        return sum;
    }

    /** {@code 2 p r / (p + r)}, evaluated in scikit-learn's order; 0 when {@code p + r} is 0. */
    static double f1(double precision, double recall) {
        double denominator = precision + recall;
        return denominator == 0 ? 0.0 : 2 * precision * recall / denominator;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    private int checkClass(int c) {
        if (c < 0 || c >= counts.length) {
            throw new IllegalArgumentException("class " + c + " is not in [0, " + counts.length + ")");
        }
        return c;
    }

    /**
     * A text table with one row per true class and one column per predicted class, headed by
     * {@code classNames} (one per class).
     */
    public String format(String... classNames) {
        if (classNames == null || classNames.length != counts.length) {
            throw new IllegalArgumentException("format needs " + counts.length + " class names, got "
                    + (classNames == null ? "null" : classNames.length));
        }
        String corner = "true \\ pred";
        int nameWidth = corner.length();
        long max = 0;
        for (int c = 0; c < counts.length; c++) {
            nameWidth = Math.max(nameWidth, classNames[c].length());
            for (long v : counts[c]) {
                max = Math.max(max, v);
            }
        }
        int countWidth = Long.toString(max).length();
        StringBuilder sb = new StringBuilder();
        sb.append(pad(corner, nameWidth));
        for (String name : classNames) {
            sb.append("  ").append(pad(name, Math.max(countWidth, name.length())));
        }
        sb.append('\n');
        for (int t = 0; t < counts.length; t++) {
            sb.append(pad(classNames[t], nameWidth));
            for (int p = 0; p < counts.length; p++) {
                sb.append("  ").append(pad(Long.toString(counts[t][p]), Math.max(countWidth, classNames[p].length())));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The table of {@link #format(String...)} with the class indices as names. */
    @Override
    public String toString() {
        String[] names = new String[counts.length];
        Arrays.setAll(names, Integer::toString);
        return format(names);
    }

    /** {@code text} right-aligned in {@code width} characters. */
    static String pad(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
