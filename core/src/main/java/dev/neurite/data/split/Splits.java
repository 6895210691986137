package dev.neurite.data.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Random splits of row indices, and the seeded shuffling the fold splitters share. */
public final class Splits {

    /** How far the fractions may sum from 1 (rounding in decimal literals). */
    static final double FRACTION_SUM_TOLERANCE = 1e-9;

    private Splits() {
    }

    /**
     * Shuffles {@code 0..n-1} with {@code seed} and cuts them into training, validation and test
     * sets of {@code round(n * trainFrac)}, {@code round(n * (trainFrac + valFrac)) - train} and the
     * rest. The fractions are each in [0, 1] and sum to 1; each set is returned sorted.
     */
    public static HoldOut holdOut(int n, double trainFrac, double valFrac, double testFrac, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("hold-out split: n must be >= 0, got " + n);
        }
        for (double f : new double[] {trainFrac, valFrac, testFrac}) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("hold-out split: fractions must be in [0, 1], got train "
                        + trainFrac + ", validation " + valFrac + ", test " + testFrac);
            }
        }
        if (Math.abs(trainFrac + valFrac + testFrac - 1) > FRACTION_SUM_TOLERANCE) {
            throw new IllegalArgumentException("hold-out split: fractions must sum to 1, got train " + trainFrac
                    + " + validation " + valFrac + " + test " + testFrac + " = " + (trainFrac + valFrac + testFrac));
        }
        int[] order = shuffled(n, seed);
        // cumulative rounding: the three sizes always add up to n
        int trainEnd = (int) Math.round(n * trainFrac);
        int valEnd = Math.max(trainEnd, Math.min(n, (int) Math.round(n * (trainFrac + valFrac))));
        if (testFrac == 0) {
            valEnd = n;
        }
        return new HoldOut(sorted(order, 0, trainEnd), sorted(order, trainEnd, valEnd), sorted(order, valEnd, n));
    }

    /**
     * A stratified hold-out split: the rows of each class (by {@code labels}, class indices
     * {@code >= 0}) are shuffled with {@code seed} and {@code round(count * heldOut)} of them go to
     * the test set, so every class keeps its share on both sides. The validation set is empty;
     * both sets are sorted.
     *
     * @throws IllegalArgumentException for a fraction outside (0, 1), a negative label, or a
     *     split that leaves either side empty
     */
    public static HoldOut stratifiedHoldOut(int[] labels, double heldOut, long seed) {
        if (!(heldOut > 0 && heldOut < 1)) {
            throw new IllegalArgumentException("stratified hold-out: the held-out fraction must be in (0, 1), got " + heldOut);
        }
        int classes = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("stratified hold-out: label " + labels[i] + " at row " + i
                        + " is not a class index");
            }
            classes = Math.max(classes, labels[i] + 1);
        }
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
            Collections.shuffle(rows, random);
            int out = (int) Math.round(rows.size() * heldOut);
            held.addAll(rows.subList(0, out));
            kept.addAll(rows.subList(out, rows.size()));
        }
        if (kept.isEmpty() || held.isEmpty()) {
            throw new IllegalArgumentException("stratified hold-out: holding out " + heldOut + " of " + labels.length
                    + " rows in " + classes + " classes leaves one side empty");
        }
        return new HoldOut(sortedArray(kept), new int[0], sortedArray(held));
    }

    private static int[] sortedArray(List<Integer> rows) {
        int[] a = rows.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(a);
        return a;
    }

    /** {@code 0..n-1} in an order shuffled by a Fisher-Yates pass seeded with {@code seed}. */
    public static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, new Random(seed));
        return order;
    }

    static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    static int[] sorted(int[] values, int from, int to) {
        int[] part = Arrays.copyOfRange(values, from, to);
        Arrays.sort(part);
        return part;
    }

    /** The indices {@code 0..n-1} not in {@code excluded} (which must be within range), ascending. */
    static int[] complement(int n, int[] excluded) {
        boolean[] out = new boolean[n];
        for (int i : excluded) {
            out[i] = true;
        }
        int[] rest = new int[n - excluded.length];
        for (int i = 0, k = 0; i < n; i++) {
            if (!out[i]) {
                rest[k++] = i;
            }
        }
        return rest;
    }
}
