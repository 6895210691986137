package dev.neurite.spark;

import java.io.Serializable;

/**
 * The sum over partitions of each value times the partition's example count, for the weighted
 * mean of a round. Each sum is kept as an unevaluated pair of doubles (Knuth's two-sum), so that
 * the partitions' contributions, each exact in double, add up without rounding in practice: the
 * mean does not depend on the order in which {@code treeAggregate} combines the partitions.
 */
final class WeightedSum implements Serializable {

    private static final long serialVersionUID = 1L;

    private double[] hi;
    private double[] lo;
    private long examples;
    private double steps;

    /** Adds one partition's {@code values} and optimizer {@code step} count, weighted by its {@code n} examples. */
    WeightedSum add(float[] values, long step, long n) {
        if (n == 0) {
            return this;
        }
        if (hi == null) {
            hi = new double[values.length];
            lo = new double[values.length];
        }
        for (int i = 0; i < values.length; i++) {
            twoSum(i, (double) values[i] * n, 0);
        }
        examples += n;
        steps += (double) step * n;
        return this;
    }

    WeightedSum merge(WeightedSum other) {
        if (other.hi == null) {
            return this;
        }
        if (hi == null) {
            return other;
        }
        for (int i = 0; i < hi.length; i++) {
            twoSum(i, other.hi[i], other.lo[i]);
        }
        examples += other.examples;
        steps += other.steps;
        return this;
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
