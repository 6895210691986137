package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.data.split.HoldOut;
import dev.neurite.data.split.Splits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded hold-out splits, stratified by class for classification. */
final class Splitting {

    private Splitting() {
    }

    /** Rows {@code [0, min(limit, n))}: the first rows only (limit 0: all). */
    static Dataset first(Dataset data, int limit) {
        if (limit <= 0 || limit >= data.size()) {
            return data;
        }
        int[] rows = new int[limit];
        Arrays.setAll(rows, i -> i);
        return data.subset(rows);
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

    private static int[][] plain(int n, double fraction, long seed) {
        HoldOut h = Splits.holdOut(n, 1 - fraction, fraction, 0, seed);
        return new int[][] {h.train(), h.validation()};
    }

    static int[][] stratified(int[] labels, double fraction, long seed) {
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        List<Integer> kept = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (List<Integer> rows : byClass) {
            java.util.Collections.shuffle(rows, random);
            int out = (int) Math.round(rows.size() * fraction);
            held.addAll(rows.subList(0, out));
            kept.addAll(rows.subList(out, rows.size()));
        }
        return new int[][] {sorted(kept), sorted(held)};
    }

    private static int[] sorted(List<Integer> rows) {
        int[] a = rows.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(a);
        return a;
    }

    /** The class indices of an {@code (N, 1)} target tensor. */
    static int[] labels(Dataset data) {
        float[] y = data.y().toFloatArray();
        int[] labels = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            labels[i] = (int) y[i];
        }
        return labels;
    }

    /** The values of an {@code (N, 1)} tensor. */
    static double[] values(dev.neurite.tensor.Tensor t) {
        return t.toDoubleArray();
    }
}
