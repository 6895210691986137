package dev.neurite.data.split;

import dev.neurite.data.Dataset;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Stratified k-fold cross-validation for classification: every validation fold holds each class
 * in (nearly) its overall proportion. The rows of each class are shuffled with the seed and dealt
 * round-robin to the folds, continuing from fold to fold across classes (in class order), so a
 * class of {@code c} rows gives every fold {@code floor(c/k)} or {@code ceil(c/k)} of them (within
 * one of its proportional share {@code c/k}) and the fold sizes differ by at most one.
 */
public final class StratifiedKFold implements FoldSplitter {

    private final int k;
    private final long seed;

    /** {@code k >= 2} folds, shuffling within classes with {@code seed}. */
    public StratifiedKFold(int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("stratified k-fold: k must be >= 2, got " + k);
        }
        this.k = k;
        this.seed = seed;
    }

    /** Number of folds. */
    public int k() {
        return k;
    }

    /** The folds for the class indices in {@code data.y()}, which must be {@code (N, 1)}. */
    @Override
    public List<Fold> split(Dataset data) {
        return split(labels(data.y()));
    }

    /** The class labels of a {@code (N, 1)} tensor of integral values. */
    static int[] labels(Tensor y) {
        if (y.cols() != 1) {
            throw new IllegalArgumentException("stratified k-fold: needs (N, 1) class labels, got targets " + y.shape()
                    + " (one-hot targets: stratify on the class indices before encoding)");
        }
        double[] values = y.toDoubleArray();
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i]) || Math.abs(values[i]) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("stratified k-fold: label " + values[i] + " in row " + i
                        + " is not a class index");
            }
            labels[i] = (int) values[i];
        }
        return labels;
    }

    /** The folds for the class labels {@code labels} (any integers, one per row). */
    public List<Fold> split(int[] labels) {
        int n = labels.length;
        if (n < k) {
            throw new IllegalArgumentException("stratified k-fold: " + n + " rows cannot make " + k
                    + " folds (need n >= k)");
        }
        Map<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<List<Integer>> validation = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            validation.add(new ArrayList<>());
        }
        int next = 0; // the fold that receives the next row, carried across classes
        for (List<Integer> rows : byClass.values()) {
            int[] members = rows.stream().mapToInt(Integer::intValue).toArray();
            Splits.shuffle(members, random);
            for (int row : members) {
                validation.get(next).add(row);
                next = (next + 1) % k;
            }
        }
        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] v = validation.get(f).stream().mapToInt(Integer::intValue).sorted().toArray();
            folds.add(new Fold(f, Splits.complement(n, v), v));
        }
        return List.copyOf(folds);
    }

    @Override
    public String toString() {
        return "StratifiedKFold[k=" + k + ", seed " + seed + "]";
    }
}
