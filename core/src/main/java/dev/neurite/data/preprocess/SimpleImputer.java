package dev.neurite.data.preprocess;

import dev.neurite.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fills missing values, marked as NaN, per column: with the column's mean over the training data
 * ({@link #mean()}, fitted on training data only) or with a constant ({@link #constant(double)}).
 *
 * <p>The fill values are exported by {@link #state()} (array "fill") and restored by
 * {@link #fromState(Map)}, like the scalers'.
 */
public final class SimpleImputer {

    /** How the fill value of a column is chosen. */
    public enum Strategy {
        /** The mean of the column's present values in the training data. */
        MEAN,
        /** A given constant. */
        CONSTANT
    }

    private final Strategy strategy;
    private final double constant;
    private double[] fill; // per column; null until fitted

    private SimpleImputer(Strategy strategy, double constant) {
        this.strategy = strategy;
        this.constant = constant;
    }

    /** An imputer that fills with each column's training mean; fit it before transforming. */
    public static SimpleImputer mean() {
        return new SimpleImputer(Strategy.MEAN, Double.NaN);
    }

    /** An imputer that fills with {@code value} (finite); usable without fitting. */
    public static SimpleImputer constant(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("imputer constant must be finite, got " + value);
        }
        return new SimpleImputer(Strategy.CONSTANT, value);
    }

    /** A fitted imputer with the given per-column fill values (array "fill", finite). */
    public static SimpleImputer fromState(Map<String, double[]> state) {
        double[] values = Objects.requireNonNull(state, "state").get("fill");
        if (values == null) {
            throw new IllegalArgumentException("imputer state needs an array 'fill', it has " + state.keySet());
        }
        SimpleImputer imputer = new SimpleImputer(Strategy.MEAN, Double.NaN);
        imputer.setFill(values.clone());
        return imputer;
    }

    /** The strategy. */
    public Strategy strategy() {
        return strategy;
    }

    /** True once fitted (or rebuilt from a state). */
    public boolean isFitted() {
        return fill != null;
    }

    /**
     * Fits the fill values to {@code x (N, d)}, the training data with NaN for missing values;
     * a column without any present value cannot have a mean and is an error. Returns this.
     */
    public SimpleImputer fit(Tensor x) {
        Objects.requireNonNull(x, "x");
        int d = x.cols();
        double[] values = new double[d];
        if (strategy == Strategy.CONSTANT) {
            Arrays.fill(values, constant);
        } else {
            long[] counts = new long[d];
            int step = ColumnBlocks.rowsPerBlock(d);
            for (int from = 0; from < x.rows(); from += step) {
                double[] block = ColumnBlocks.read(x, from, Math.min(x.rows(), from + step));
                for (int k = 0; k < block.length; k++) {
                    if (!Double.isNaN(block[k])) {
                        values[k % d] += block[k];
                        counts[k % d]++;
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                if (counts[j] == 0) {
                    throw new IllegalArgumentException("mean imputer: column " + j + " of " + x.shape()
                            + " has no values, so it has no mean to fill with");
                }
                values[j] /= counts[j];
            }
        }
        setFill(values);
        return this;
    }

    private void setFill(double[] values) {
        for (int j = 0; j < values.length; j++) {
            if (!Double.isFinite(values[j])) {
                throw new IllegalArgumentException("imputer: fill value " + values[j] + " of column " + j
                        + " is not finite");
            }
        }
        fill = values;
    }

    /** The per-column fill values (a copy). */
    public double[] fillValues() {
        requireFitted();
        return fill.clone();
    }

    /** The fill values as named arrays, for saving: "fill". */
    public Map<String, double[]> state() {
        requireFitted();
        Map<String, double[]> state = new LinkedHashMap<>();
        state.put("fill", fill.clone());
        return state;
    }

    /** Fits to {@code x} and fills it in place; returns {@code x}. */
    public Tensor fitTransform(Tensor x) {
        fit(x).transform(x, x);
        return x;
    }

    /** A new tensor holding {@code in} with its NaNs filled; the caller closes it. */
    public Tensor transform(Tensor in) {
        return Tensor.computed(in.dtype(), in.rows(), in.cols(), out -> transform(out, in));
    }

    /** Writes {@code in} with its NaNs filled into {@code out} of the same shape; {@code out} may be {@code in}. */
    public void transform(Tensor out, Tensor in) {
        if (fill == null && strategy == Strategy.MEAN) {
            requireFitted();
        }
        int d = in.cols();
        if (fill != null && fill.length != d) {
            throw new IllegalArgumentException("imputer: fitted to " + fill.length + " columns, input "
                    + in.shape() + " has " + d);
        }
        if (out.rows() != in.rows() || out.cols() != d) {
            throw new IllegalArgumentException("imputer: out " + out.shape() + " does not match in " + in.shape());
        }
        int step = ColumnBlocks.rowsPerBlock(d);
        for (int from = 0; from < in.rows(); from += step) {
            int to = Math.min(in.rows(), from + step);
            double[] block = ColumnBlocks.read(in, from, to);
            for (int k = 0; k < block.length; k++) {
                if (Double.isNaN(block[k])) {
                    block[k] = fill != null ? fill[k % d] : constant;
                }
            }
            ColumnBlocks.write(out, from, to, block);
        }
    }

    private void requireFitted() {
        if (fill == null) {
            throw new IllegalStateException(strategy.name().toLowerCase() + " imputer: not fitted; call fit(training x) first");
        }
    }

    @Override
    public String toString() {
        return strategy.name().toLowerCase() + " imputer" + (strategy == Strategy.CONSTANT ? " (" + constant + ")" : "")
                + (fill == null ? ", not fitted" : ", fitted to " + fill.length + " columns");
    }
}
