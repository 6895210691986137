package dev.neurite.data.preprocess;

import dev.neurite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Standardises each column: {@code y = (x - mean) / std}, with the mean and the population
 * standard deviation (divisor N, as scikit-learn) of the training data. A column with zero std
 * gets std 1, so it maps to {@code x - mean} (0 on the training data) instead of dividing by zero.
 * State arrays: "mean", "std" (the std actually used, so never 0).
 */
public final class StandardScaler extends Scaler {

    static final String TYPE = "standard";

    @Override
    public String typeName() {
        return TYPE;
    }

    /** Fits to {@code x (N, d)}; returns this scaler. */
    @Override
    public StandardScaler fit(Tensor x) {
        super.fit(x);
        return this;
    }

    @Override
    Map<String, double[]> fitState(Tensor x) {
        int d = x.cols();
        double[] mean = new double[d];
        double[] sumSq = new double[d];
        int step = ColumnBlocks.rowsPerBlock(d);
        // two passes (mean, then squared deviations) keep the variance accurate for large offsets
        for (int from = 0; from < x.rows(); from += step) {
            double[] block = ColumnBlocks.read(x, from, Math.min(x.rows(), from + step));
            for (int k = 0; k < block.length; k++) {
                mean[k % d] += block[k];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= x.rows();
        }
        for (int from = 0; from < x.rows(); from += step) {
            double[] block = ColumnBlocks.read(x, from, Math.min(x.rows(), from + step));
            for (int k = 0; k < block.length; k++) {
                double dev = block[k] - mean[k % d];
                sumSq[k % d] += dev * dev;
            }
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(sumSq[j] / x.rows());
            if (std[j] == 0) {
                std[j] = 1;
            }
        }
        Map<String, double[]> state = new LinkedHashMap<>();
        state.put("mean", mean);
        state.put("std", std);
        return state;
    }

    @Override
    double[][] affine(Map<String, double[]> state) {
        return entries(TYPE, state, "mean", "std");
    }

    /** The fitted column means (a copy). */
    public double[] mean() {
        return state().get("mean");
    }

    /** The fitted column standard deviations, zeros replaced by 1 (a copy). */
    public double[] std() {
        return state().get("std");
    }

    /** A fitted scaler with the given statistics: arrays "mean" and "std" (> 0) of equal length. */
    public static StandardScaler fromState(Map<String, double[]> state) {
        StandardScaler scaler = new StandardScaler();
        scaler.install(state, "state");
        return scaler;
    }
}
