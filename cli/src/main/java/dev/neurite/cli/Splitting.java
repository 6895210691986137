package dev.neurite.cli;

import dev.neurite.pipeline.Task;
import dev.neurite.data.Dataset;
import dev.neurite.data.split.HoldOut;
import dev.neurite.data.split.Splits;
import java.util.Arrays;

/** Seeded hold-out splits, stratified by class for classification. */
final class Splitting {

    private Splitting() {
    }

    /** Rows {@code [0, min(limit, n))}: the first rows only (limit 0: all); consumes {@code data}. */
    static Dataset first(Dataset data, int limit) {
        if (limit <= 0 || limit >= data.size()) {
            return data;
        }
        int[] rows = new int[limit];
        Arrays.setAll(rows, i -> i);
        try {
            return data.subset(rows);
        } finally {
            data.close(); // consumed: only the first rows are kept
        }
    }

    /**
     * Splits {@code data} into {@code {kept, heldOut}} with about {@code fraction} of the rows held
     * out: per class for classification (each class split in proportion), else over all rows.
     */
    static Dataset[] holdOut(Dataset data, double fraction, Task task, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("a held-out fraction must be in (0, 1), got " + fraction);
        }
        int[][] parts = task == Task.CLASSIFICATION ? stratified(labels(data), fraction, seed) : plain(data.size(), fraction, seed);
        if (parts[0].length == 0 || parts[1].length == 0) {
            int classes = data.classNames().size();
            if (task == Task.CLASSIFICATION && classes * 2 > data.size()) {
                throw new IllegalArgumentException("cannot hold out " + fraction + " of " + data.size() + " rows stratified "
                        + "by class: " + classes + " classes leave about one row per class; is the label column a class "
                        + "label? (for a numeric target give --task regression)");
            }
            throw new IllegalArgumentException("cannot hold out " + fraction + " of " + data.size()
                    + " rows: one side would be empty");
        }
        return new Dataset[] {data.subset(parts[0]), data.subset(parts[1])};
    }

    private static int[][] stratified(int[] labels, double fraction, long seed) {
        try {
            HoldOut h = Splits.stratifiedHoldOut(labels, fraction, seed);
            return new int[][] {h.train(), h.test()};
        } catch (IllegalArgumentException e) {
            return new int[][] {new int[0], new int[0]}; // explained by the caller
        }
    }

    private static int[][] plain(int n, double fraction, long seed) {
        HoldOut h = Splits.holdOut(n, 1 - fraction, fraction, 0, seed);
        return new int[][] {h.train(), h.validation()};
    }

    /** The class indices of an {@code (N, 1)} target tensor. */
    static int[] labels(Dataset data) {
        return data.classLabels();
    }

    /** The values of an {@code (N, 1)} tensor. */
    static double[] values(dev.neurite.tensor.Tensor t) {
        return t.toDoubleArray();
    }
}
