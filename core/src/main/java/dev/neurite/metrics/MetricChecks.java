package dev.neurite.metrics;

import dev.neurite.tensor.Tensor;

/**
 * Input checks shared by the metrics: every failure is an {@link IllegalArgumentException} that
 * names the argument, the position and the offending value or lengths.
 */
final class MetricChecks {

    private MetricChecks() {
    }

    /** Rejects a null or empty label array. */
    static void requireLabels(String name, int[] labels) {
        if (labels == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException(name + " is empty: a metric needs at least one sample");
        }
    }

    /** Rejects two arrays of different lengths, naming both. */
    static void requireSameLength(String nameA, int lengthA, String nameB, int lengthB) {
        if (lengthA != lengthB) {
            throw new IllegalArgumentException(nameA + " has " + lengthA + " samples but " + nameB + " has "
                    + lengthB);
        }
    }

    /** Rejects a class count below one. */
    static void requireClassCount(int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
    }

    /** Rejects a label outside {@code [0, numClasses)}, naming the first one's index. */
    static void requireInRange(String name, int[] labels, int numClasses) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + labels[i]
                        + " is not a class index in [0, " + numClasses + ")");
            }
        }
    }

    /** One more than the largest label of either array: the class count when none is given. */
    static int inferClassCount(int[] yTrue, int[] yPred) {
        int max = -1;
        for (int v : yTrue) {
            max = Math.max(max, v);
        }
        for (int v : yPred) {
            max = Math.max(max, v);
        }
        return max + 1;
    }

    /** Rejects a null, empty or non-finite value array. */
    static void requireFinite(String name, double[] values) {
        if (values == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " is empty: a metric needs at least one sample");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + values[i]
                        + ": scores and values must be finite");
            }
        }
    }

    /**
     * A checked copy of a score matrix: at least one row and one column, all rows the same length,
     * all values finite.
     */
    static double[][] scoreMatrix(String name, double[][] scores) {
        if (scores == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException(name + " has no rows: a metric needs at least one sample");
        }
        int cols = -1;
        double[][] copy = new double[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            double[] row = scores[i];
            if (row == null) {
                throw new IllegalArgumentException(name + " row " + i + " is null");
            }
            if (cols < 0) {
                cols = row.length;
                if (cols == 0) {
                    throw new IllegalArgumentException(name + " has no columns: it needs one per class");
                }
            } else if (row.length != cols) {
                throw new IllegalArgumentException(name + " row " + i + " has " + row.length
                        + " columns but row 0 has " + cols);
            }
            copy[i] = row.clone();
            requireFiniteRow(name, copy[i], i);
        }
        return copy;
    }

    /** The rows of a {@code (N, C)} tensor as a checked {@code double[N][C]}. */
    static double[][] scoreMatrix(String name, Tensor scores) {
        if (scores == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (scores.rows() == 0) {
            throw new IllegalArgumentException(name + " " + scores.shape()
                    + " has no rows: a metric needs at least one sample");
        }
        if (scores.cols() == 0) {
            throw new IllegalArgumentException(name + " " + scores.shape() + " has no columns: it needs one per class");
        }
        double[] flat = scores.toDoubleArray();
        int cols = scores.cols();
        double[][] out = new double[scores.rows()][cols];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
            requireFiniteRow(name, out[i], i);
        }
        return out;
    }

    private static void requireFiniteRow(String name, double[] row, int i) {
        for (int j = 0; j < row.length; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException(name + "[" + i + ", " + j + "] is " + row[j]
                        + ": scores must be finite");
            }
        }
    }

    /** Checks {@code yTrue} against an {@code (N, C)} score matrix: same N, labels in {@code [0, C)}. */
    static void requireLabelsForScores(int[] yTrue, double[][] scores, String scoresName) {
        requireLabels("yTrue", yTrue);
        requireSameLength("yTrue", yTrue.length, scoresName, scores.length);
        requireInRange("yTrue", yTrue, scores[0].length);
    }
}
