package dev.neurite.data.split;

import dev.neurite.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * Expanding-window splits for rows in time order: the rows are cut into {@code nSplits + 1}
 * consecutive blocks of {@code n / (nSplits + 1)} rows (the first block takes the remainder);
 * split {@code i} trains on everything before block {@code i + 1} and validates on that block.
 * Training rows always precede validation rows, so no split trains on rows later than those it
 * validates on, and each split trains on more history than the one before.
 */
public final class TimeSeriesSplit implements FoldSplitter {

    private final int nSplits;

    /** {@code nSplits >= 1} splits. */
    public TimeSeriesSplit(int nSplits) {
        if (nSplits < 1) {
            throw new IllegalArgumentException("time-series split: nSplits must be >= 1, got " + nSplits);
        }
        this.nSplits = nSplits;
    }

    /** Number of splits. */
    public int nSplits() {
        return nSplits;
    }

    @Override
    public List<Fold> split(Dataset data) {
        return split(data.size());
    }

    /** The splits of {@code n} time-ordered rows; needs {@code n >= nSplits + 1}. */
    public List<Fold> split(int n) {
        if (n < nSplits + 1) {
            throw new IllegalArgumentException("time-series split: " + n + " rows cannot make " + nSplits
                    + " splits (need n >= nSplits + 1 = " + (nSplits + 1) + ")");
        }
        int block = n / (nSplits + 1);
        List<Fold> folds = new ArrayList<>(nSplits);
        for (int s = 0; s < nSplits; s++) {
            int validationStart = n - (nSplits - s) * block;
            folds.add(new Fold(s, range(0, validationStart), range(validationStart, validationStart + block)));
        }
        return List.copyOf(folds);
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    @Override
    public String toString() {
        return "TimeSeriesSplit[" + nSplits + " splits]";
    }
}
