package dev.neurite.cli;

import dev.neurite.data.Dataset;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Checks that a label read for classification is a class label: at least two classes, and,
 * when the task was not given, not a numeric target in disguise (non-integer values, or more
 * distinct values than a classifier can learn from the rows).
 */
final class TaskDetection {

    /** Below this many distinct values a numeric label is always taken for classes. */
    static final int MIN_CLASS_LIMIT = 20;
    /** Above this fraction of the rows as distinct values, a numeric label is taken for a target. */
    static final double CLASS_FRACTION = 0.05;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private TaskDetection() {
    }

    /** Fails with a one-line message when {@code data}'s label is not a usable class label. */
    static void check(Dataset data, Path file, String label, boolean taskGuessed) {
        int classes = data.classNames().size();
        if (classes < 2) {
            throw new IllegalArgumentException(file + ": the label column '" + label + "' holds a single class "
                    + data.classNames() + "; classification needs at least two classes");
        }
        if (!taskGuessed) {
            return;
        }
        boolean numeric = data.classNames().stream().allMatch(TaskDetection::isNumber);
        if (!numeric) {
            return;
        }
        String fractional = data.classNames().stream().filter(c -> !isWholeNumber(c)).findFirst().orElse(null);
        if (fractional != null) {
            throw new IllegalArgumentException(file + ": the label column '" + label + "' holds non-integer values such as "
                    + fractional + "; for a numeric target give --task regression (or --task classification to "
                    + "treat each value as a class)");
        }
        int limit = limit(data.size());
        if (classes > limit) {
            throw new IllegalArgumentException(file + ": the label column '" + label + "' holds " + classes
                    + " distinct numbers in " + data.size() + " rows, more than " + limit
                    + " classes; for a numeric target give --task regression (or --task classification to keep "
                    + classes + " classes)");
        }
    }

    /** The most distinct numeric labels taken for classes in {@code rows} rows: max(20, 5% of the rows). */
    static int limit(int rows) {
        return Math.max(MIN_CLASS_LIMIT, (int) Math.floor(CLASS_FRACTION * rows));
    }

    private static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }

    private static boolean isWholeNumber(String s) {
        double v = Double.parseDouble(s);
        return v == Math.rint(v);
    }
}
