package dev.neurite.data.preprocess;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.Objects;

/** One-hot encoding of class indices: label {@code c} becomes a row with 1 in column {@code c}, 0 elsewhere. */
public final class OneHot {

    private OneHot() {
    }

    /**
     * Encodes {@code labels (N, 1)} of class indices 0..classes-1 as a new (garbage-collected)
     * {@code (N, classes)} tensor of the same dtype.
     */
    public static Tensor encode(Tensor labels, int classes) {
        Objects.requireNonNull(labels, "labels");
        if (labels.cols() != 1) {
            throw new IllegalArgumentException("one-hot: labels must be (N, 1) class indices, got " + labels.shape());
        }
        double[] values = labels.toDoubleArray();
        int[] indices = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new IllegalArgumentException("one-hot: label " + v + " in row " + i
                        + " is not a class index 0.." + (classes - 1));
            }
            indices[i] = (int) v;
        }
        return encode(indices, classes, labels.dtype());
    }

    /** Encodes class indices 0..classes-1 as a new (garbage-collected) {@code (N, classes)} tensor. */
    public static Tensor encode(int[] labels, int classes, DType dtype) {
        Objects.requireNonNull(labels, "labels");
        if (classes < 1) {
            throw new IllegalArgumentException("one-hot: need at least 1 class, got " + classes);
        }
        double[] rows = new double[Math.multiplyExact(labels.length, classes)];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("one-hot: label " + labels[i] + " in row " + i
                        + " is not a class index 0.." + (classes - 1));
            }
            rows[i * classes + labels[i]] = 1;
        }
        Tensor out = Tensor.zeros(dtype, labels.length, classes);
        out.copyFrom(rows);
        return out;
    }
}
