package dev.neurite.spark;

import java.io.Serializable;

/**
 * The sum over partitions of each value times the partition's example count, for the weighted
 * mean of a round. Once two partitions are added, each sum is kept as an unevaluated pair of
 * doubles (Knuth's two-sum), so that the partitions' contributions, each exact in double, add up
 * without rounding in practice: the mean does not depend on the order in which
 * {@code treeAggregate} combines the partitions. Until then it holds the one partition's floats
 * as they are, a quarter of the size, which is what a partition sends back.
 */
final class WeightedSum implements Serializable {

    private static final long serialVersionUID = 2L;

    /** The values of the only partition added so far, or null. */
    private float[] single;
    private double[] hi;
    private double[] lo;
    private long examples;
    private double steps;

    /** Adds one partition's {@code values} and optimizer {@code step} count, weighted by its {@code n} examples. */
    WeightedSum add(float[] values, long step, long n) {
        if (n == 0) {
            return this;
        }
        if (examples == 0) {
            single = values;
        } else {
            expand();
            for (int i = 0; i < values.length; i++) {
                twoSum(i, (double) values[i] * n, 0);
            }
        }
        examples += n;
        steps += (double) step * n;
        return this;
    }

    WeightedSum merge(WeightedSum other) {
        if (other.examples == 0) {
            return this;
        }
        if (examples == 0) {
            return other;
        }
        expand();
        other.expand();
        for (int i = 0; i < hi.length; i++) {
            twoSum(i, other.hi[i], other.lo[i]);
        }
        examples += other.examples;
        steps += other.steps;
        return this;
    }

    /** From the one partition's floats to the pairs of doubles, weighted. */
    private void expand() {
        if (single == null) {
            return;
        }
        hi = new double[single.length];
        lo = new double[single.length];
        for (int i = 0; i < single.length; i++) {
            hi[i] = (double) single[i] * examples; // exact: 24 bits times a count below 2^29
        }
        single = null;
    }

    /** {@code (hi, lo)[i] += (h, l)}, keeping the rounding error of the high part in the low part. */
    private void twoSum(int i, double h, double l) {
        double a = hi[i];
        double s = a + h;
        double bb = s - a;
        double err = (a - (s - bb)) + (h - bb);
        hi[i] = s;
        lo[i] += err + l;
    }

    long examples() {
        return examples;
    }

    /** The weighted mean of the values, rounded once to float. */
    float[] mean() {
        if (single != null) {
            return single.clone();
        }
        float[] out = new float[hi.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((hi[i] + lo[i]) / examples);
        }
        return out;
    }

    /** The weighted mean step count, rounded. */
    long meanStep() {
        return Math.round(steps / examples);
    }
}
