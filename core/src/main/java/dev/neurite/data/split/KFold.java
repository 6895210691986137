package dev.neurite.data.split;

import dev.neurite.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * K-fold cross-validation: the rows (in order, or shuffled with a seed) are cut into {@code k}
 * consecutive parts whose sizes differ by at most one (the first {@code n % k} parts get the extra
 * row); fold {@code i} validates on part {@code i} and trains on the others. Every row is
 * validated on exactly once.
 */
public final class KFold implements FoldSplitter {

    private final int k;
    private final boolean shuffle;
    private final long seed;

    /** {@code k} folds of consecutive rows, unshuffled. */
    public KFold(int k) {
        this(k, false, 0);
    }

    /** {@code k >= 2} folds; with {@code shuffle} the rows are first shuffled with {@code seed}. */
    public KFold(int k, boolean shuffle, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold: k must be >= 2, got " + k);
        }
        this.k = k;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** Number of folds. */
    public int k() {
        return k;
    }

    @Override
    public List<Fold> split(Dataset data) {
        return split(data.size());
    }

    /** The folds of {@code n} rows; needs {@code n >= k}. */
    public List<Fold> split(int n) {
        if (n < k) {
            throw new IllegalArgumentException("k-fold: " + n + " rows cannot make " + k + " folds (need n >= k)");
        }
        int[] order;
        if (shuffle) {
            order = Splits.shuffled(n, seed);
        } else {
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
        }
        List<Fold> folds = new ArrayList<>(k);
        int start = 0;
        for (int f = 0; f < k; f++) {
            int size = n / k + (f < n % k ? 1 : 0);
            int[] validation = Splits.sorted(order, start, start + size);
            folds.add(new Fold(f, Splits.complement(n, validation), validation));
            start += size;
        }
        return List.copyOf(folds);
    }

    @Override
    public String toString() {
        return "KFold[k=" + k + (shuffle ? ", shuffled, seed " + seed : "") + "]";
    }
}
