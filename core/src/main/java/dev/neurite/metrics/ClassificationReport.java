package dev.neurite.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Per-class precision, recall, F1 and support with their macro, weighted and micro averages and
 * the accuracy, as scikit-learn's {@code classification_report(y_true, y_pred, labels=range(C),
 * target_names=names, zero_division=0)}. {@link #format(int)} writes the same text table,
 * character for character (numbers rounded half-to-even from their exact binary value, as Python
 * does).
 *
 * <p>Immutable.
 */
public final class ClassificationReport {

    /** Label of the widest summary row; the name column is at least this wide. */
    private static final String WIDEST_HEADING = "weighted avg";
    private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};
    private static final int COLUMN_WIDTH = 9;

    private final String[] classNames;
    private final double[] precision;
    private final double[] recall;
    private final double[] f1;
    private final long[] support;
    private final Map<Average, double[]> averages = new EnumMap<>(Average.class); // {p, r, f1}
    private final double accuracy;
    private final long total;
    private final boolean everyClassSeen;

    private ClassificationReport(ConfusionMatrix cm, String[] classNames) {
        this.classNames = classNames.clone();
        this.precision = cm.precisionPerClass();
        this.recall = cm.recallPerClass();
        this.f1 = cm.f1PerClass();
        this.support = cm.supportPerClass();
        for (Average a : Average.values()) {
            averages.put(a, new double[] {cm.precision(a), cm.recall(a), cm.f1(a)});
        }
        this.accuracy = cm.accuracy();
        this.total = cm.total();
        boolean seen = true;
        for (int c = 0; c < cm.numClasses(); c++) {
            seen &= cm.support(c) > 0 || cm.predicted(c) > 0;
        }
        this.everyClassSeen = seen;
    }

    /** The report of {@code numClasses} classes named by their indices. */
    public static ClassificationReport of(int[] yTrue, int[] yPred, int numClasses) {
        return of(ConfusionMatrix.of(yTrue, yPred, numClasses));
    }

    /** The report of as many classes as {@code classNames}, named by them. */
    public static ClassificationReport of(int[] yTrue, int[] yPred, String... classNames) {
        if (classNames == null || classNames.length == 0) {
            throw new IllegalArgumentException("a report needs at least one class name");
        }
        return of(ConfusionMatrix.of(yTrue, yPred, classNames.length), classNames);
    }

    /** The report of a confusion matrix, classes named by their indices. */
    public static ClassificationReport of(ConfusionMatrix cm) {
        String[] names = new String[cm.numClasses()];
        Arrays.setAll(names, Integer::toString);
        return new ClassificationReport(cm, names);
    }

    /** The report of a confusion matrix with one name per class. */
    public static ClassificationReport of(ConfusionMatrix cm, String... classNames) {
        if (classNames == null || classNames.length != cm.numClasses()) {
            throw new IllegalArgumentException("the report needs " + cm.numClasses() + " class names, got "
                    + (classNames == null ? "null" : classNames.length));
        }
        return new ClassificationReport(cm, classNames);
    }

    /** Number of classes. */
    public int numClasses() {
        return classNames.length;
    }

    /** Name of class {@code c}. */
    public String className(int c) {
        return classNames[c];
    }

    /** Precision of class {@code c}. */
    public double precision(int c) {
        return precision[c];
    }

    /** Recall of class {@code c}. */
    public double recall(int c) {
        return recall[c];
    }

    /** F1 of class {@code c}. */
    public double f1(int c) {
        return f1[c];
    }

    /** True samples of class {@code c}. */
    public long support(int c) {
        return support[c];
    }

    /** Averaged precision. */
    public double precision(Average average) {
        return averages.get(average)[0];
    }

    /** Averaged recall. */
    public double recall(Average average) {
        return averages.get(average)[1];
    }

    /** Averaged F1. */
    public double f1(Average average) {
        return averages.get(average)[2];
    }

    /** Fraction of correct predictions. */
    public double accuracy() {
        return accuracy;
    }

    /** Number of samples. */
    public long total() {
        return total;
    }

    /**
     * The text table with {@code digits} decimals: a header, one row per class, then "accuracy",
     * "macro avg" and "weighted avg" rows. When some class occurs in neither the true nor the
     * predicted labels, a "micro avg" row replaces the accuracy row, as in scikit-learn.
     */
    public String format(int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("digits must be non-negative, got " + digits);
        }
        int width = WIDEST_HEADING.length();
        for (String name : classNames) {
            width = Math.max(width, name.length());
        }
        width = Math.max(width, digits);

        StringBuilder sb = new StringBuilder();
        sb.append(" ".repeat(width)).append(' ');
        for (String h : HEADERS) {
            sb.append(' ').append(ConfusionMatrix.pad(h, COLUMN_WIDTH));
        }
        sb.append("\n\n");
        for (int c = 0; c < classNames.length; c++) {
            row(sb, classNames[c], width, digits, precision[c], recall[c], f1[c], support[c]);
        }
        sb.append('\n');
        if (everyClassSeen) {
            sb.append(ConfusionMatrix.pad("accuracy", width)).append(' ');
            sb.append(' ').append(" ".repeat(COLUMN_WIDTH)).append(' ').append(" ".repeat(COLUMN_WIDTH));
            sb.append(' ').append(ConfusionMatrix.pad(fixed(f1(Average.MICRO), digits), COLUMN_WIDTH));
            sb.append(' ').append(ConfusionMatrix.pad(Long.toString(total), COLUMN_WIDTH)).append('\n');
        } else {
            averageRow(sb, "micro avg", Average.MICRO, width, digits);
        }
        averageRow(sb, "macro avg", Average.MACRO, width, digits);
        averageRow(sb, "weighted avg", Average.WEIGHTED, width, digits);
        return sb.toString();
    }

    private void averageRow(StringBuilder sb, String heading, Average a, int width, int digits) {
        row(sb, heading, width, digits, precision(a), recall(a), f1(a), total);
    }

    private static void row(StringBuilder sb, String name, int width, int digits, double p, double r, double f,
                            long s) {
        sb.append(ConfusionMatrix.pad(name, width)).append(' ');
        for (double v : new double[] {p, r, f}) {
            sb.append(' ').append(ConfusionMatrix.pad(fixed(v, digits), COLUMN_WIDTH));
        }
        sb.append(' ').append(ConfusionMatrix.pad(Long.toString(s), COLUMN_WIDTH)).append('\n');
    }

    /** {@code value} with {@code digits} decimals, rounded half-to-even from its exact binary value. */
    static String fixed(double value, int digits) {
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The table with 2 decimals. */
    @Override
    public String toString() {
        return format(2);
    }
}
