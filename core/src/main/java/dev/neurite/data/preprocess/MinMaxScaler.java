package dev.neurite.data.preprocess;

import dev.neurite.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rescales each column to [0, 1] over the training data: {@code y = (x - min) / (max - min)}.
 * A constant column gets range 1, so its training values map to 0. Values outside the training
 * range map outside [0, 1] (no clipping). State arrays: "min", "max".
 */
public final class MinMaxScaler extends Scaler {

    static final String TYPE = "minmax";

    @Override
    public String typeName() {
        return TYPE;
    }

    /** Fits to {@code x (N, d)}; returns this scaler. */
    @Override
    public MinMaxScaler fit(Tensor x) {
        super.fit(x);
        return this;
    }

    @Override
    Map<String, double[]> fitState(Tensor x) {
        int d = x.cols();
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        int step = ColumnBlocks.rowsPerBlock(d);
        for (int from = 0; from < x.rows(); from += step) {
            double[] block = ColumnBlocks.read(x, from, Math.min(x.rows(), from + step));
            for (int k = 0; k < block.length; k++) {
                int j = k % d;
                double v = block[k];
                if (Double.isNaN(v)) {
                    min[j] = v; // poisons the column, so fitting reports it
                } else if (!Double.isNaN(min[j])) {
                    min[j] = Math.min(min[j], v);
                    max[j] = Math.max(max[j], v);
                }
            }
        }
        Map<String, double[]> state = new LinkedHashMap<>();
        state.put("min", min);
        state.put("max", max);
        return state;
    }

    @Override
    double[][] affine(Map<String, double[]> state) {
        double[][] minMax = entries(TYPE, state, "min", "max");
        double[] min = minMax[0];
        double[] range = new double[min.length];
        for (int j = 0; j < min.length; j++) {
            range[j] = minMax[1][j] - min[j];
            if (range[j] == 0) {
                range[j] = 1;
            } else if (range[j] < 0) {
                throw new IllegalArgumentException(TYPE + " scaler: column " + j + " has max " + minMax[1][j]
                        + " below min " + min[j]);
            }
        }
        return new double[][] {min.clone(), range};
    }

    /** The fitted column minima (a copy). */
    public double[] min() {
        return state().get("min");
    }

    /** The fitted column maxima (a copy). */
    public double[] max() {
        return state().get("max");
    }

    /** A fitted scaler with the given statistics: arrays "min" and "max" (>= min) of equal length. */
    public static MinMaxScaler fromState(Map<String, double[]> state) {
        MinMaxScaler scaler = new MinMaxScaler();
        scaler.install(state, "state");
        return scaler;
    }
}
