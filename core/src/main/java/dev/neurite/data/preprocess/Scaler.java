package dev.neurite.data.preprocess;

import dev.neurite.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A per-column affine map {@code y[i][j] = (x[i][j] - shift[j]) / scale[j]}, whose statistics are
 * fitted on training data only ({@link #fit}) and then applied unchanged to any data
 * ({@link #transform}), so validation and test rows never influence the training features.
 *
 * <p>The fitted statistics are exported by {@link #state()} as named {@code double[]}s and a
 * scaler is rebuilt from them by {@link #fromState(String, Map)}, which is how model files save
 * and restore the preprocessing with the model.
 */
public abstract sealed class Scaler permits StandardScaler, MinMaxScaler {

    private Map<String, double[]> state; // null until fitted
    private double[] shift;
    private double[] scale;

    /** The name saved with the state: "standard" or "minmax". */
    public abstract String typeName();

    /** The state arrays fitted to {@code x}, in saving order. */
    abstract Map<String, double[]> fitState(Tensor x);

    /** {@code {shift, scale}} per column for {@code state}; checks the arrays it needs. */
    abstract double[][] affine(Map<String, double[]> state);

    /** Fits the statistics to {@code x (N, d)}, the training data; returns this scaler. */
    public Scaler fit(Tensor x) {
        Objects.requireNonNull(x, "x");
        if (x.rows() == 0) {
            throw new IllegalArgumentException(typeName() + " scaler: cannot fit to " + x.shape() + ", it has no rows");
        }
        install(fitState(x), "fitted to " + x.shape());
        return this;
    }

    /** Makes {@code newState} this scaler's statistics once they are checked. */
    final void install(Map<String, double[]> newState, String origin) {
        double[][] map = affine(newState);
        for (int j = 0; j < map[0].length; j++) {
            if (!Double.isFinite(map[0][j]) || !(map[1][j] > 0) || !Double.isFinite(map[1][j])) {
                throw new IllegalArgumentException(typeName() + " scaler " + origin + ": column " + j
                        + " has statistics " + describe(newState, j) + "; need finite statistics (no NaN or infinity) and a positive scale");
            }
        }
        Map<String, double[]> copy = new LinkedHashMap<>();
        newState.forEach((name, values) -> copy.put(name, values.clone()));
        state = copy;
        shift = map[0];
        scale = map[1];
    }

    private static String describe(Map<String, double[]> state, int j) {
        StringBuilder text = new StringBuilder();
        state.forEach((name, values) -> text.append(text.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(values[j]));
        return text.toString();
    }

    /** True once fitted (or rebuilt from a state). */
    public boolean isFitted() {
        return state != null;
    }

    /** Number of columns fitted. */
    public int features() {
        requireFitted("features");
        return shift.length;
    }

    /**
     * The fitted shift per column (a copy): {@link #transform} computes
     * {@code (x - shift) / scale}, for an export to other runtimes.
     */
    public double[] shift() {
        requireFitted("shift");
        return shift.clone();
    }

    /** The fitted scale per column (a copy), never 0; see {@link #shift()}. */
    public double[] scale() {
        requireFitted("scale");
        return scale.clone();
    }

    /** The fitted statistics as named arrays (copies), for saving; see {@link #fromState}. */
    public Map<String, double[]> state() {
        requireFitted("state");
        Map<String, double[]> copy = new LinkedHashMap<>();
        state.forEach((name, values) -> copy.put(name, values.clone()));
        return copy;
    }

    /**
     * Rebuilds a fitted scaler from {@link #typeName()} and {@link #state()}: "standard" needs
     * arrays "mean" and "std", "minmax" needs "min" and "max".
     */
    public static Scaler fromState(String typeName, Map<String, double[]> state) {
        return switch (typeName) {
            case StandardScaler.TYPE -> StandardScaler.fromState(state);
            case MinMaxScaler.TYPE -> MinMaxScaler.fromState(state);
            default -> throw new IllegalArgumentException("unknown scaler type '" + typeName
                    + "': expected " + StandardScaler.TYPE + " or " + MinMaxScaler.TYPE);
        };
    }

    /** The arrays {@code first} and {@code second} of {@code state}, which must be there with equal lengths. */
    static double[][] entries(String type, Map<String, double[]> state, String first, String second) {
        Objects.requireNonNull(state, "state");
        double[] a = state.get(first);
        double[] b = state.get(second);
        if (a == null || b == null) {
            throw new IllegalArgumentException(type + " scaler state needs arrays '" + first + "' and '" + second
                    + "', it has " + state.keySet());
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException(type + " scaler state: '" + first + "' has " + a.length
                    + " values, '" + second + "' has " + b.length);
        }
        return new double[][] {a.clone(), b.clone()};
    }

    /** Fits to {@code x} and returns the transformed copy; the caller closes it. */
    public Tensor fitTransform(Tensor x) {
        return fit(x).transform(x);
    }

    /** A new tensor holding {@code in} transformed; the caller closes it. */
    public Tensor transform(Tensor in) {
        return Tensor.computed(in.dtype(), in.rows(), in.cols(), out -> transform(out, in));
    }

    /** Writes {@code in} transformed into {@code out} of the same shape; {@code out} may be {@code in}. */
    public void transform(Tensor out, Tensor in) {
        apply("transform", out, in, false);
    }

    /** A new tensor holding {@code in} mapped back to the original units; the caller closes it. */
    public Tensor inverseTransform(Tensor in) {
        return Tensor.computed(in.dtype(), in.rows(), in.cols(), out -> inverseTransform(out, in));
    }

    /** Writes {@code in} mapped back to the original units into {@code out}; {@code out} may be {@code in}. */
    public void inverseTransform(Tensor out, Tensor in) {
        apply("inverseTransform", out, in, true);
    }

    private void apply(String op, Tensor out, Tensor in, boolean inverse) {
        requireFitted(op);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(in, "in");
        if (in.cols() != shift.length) {
            throw new IllegalArgumentException(typeName() + " scaler " + op + ": fitted to " + shift.length
                    + " columns, input " + in.shape() + " has " + in.cols());
        }
        if (out.rows() != in.rows() || out.cols() != in.cols()) {
            throw new IllegalArgumentException(typeName() + " scaler " + op + ": out " + out.shape()
                    + " does not match in " + in.shape());
        }
        int d = shift.length;
        double[] factor = new double[d];
        for (int j = 0; j < d; j++) {
            factor[j] = inverse ? scale[j] : 1.0 / scale[j];
        }
        int step = ColumnBlocks.rowsPerBlock(d);
        for (int from = 0; from < in.rows(); from += step) {
            int to = Math.min(in.rows(), from + step);
            double[] block = ColumnBlocks.read(in, from, to);
            for (int k = 0; k < block.length; k++) {
                int j = k % d;
                block[k] = inverse ? block[k] * factor[j] + shift[j] : (block[k] - shift[j]) * factor[j];
            }
            ColumnBlocks.write(out, from, to, block);
        }
    }

    private void requireFitted(String op) {
        if (state == null) {
            throw new IllegalStateException(typeName() + " scaler " + op + ": not fitted; call fit(training x) first");
        }
    }

    @Override
    public String toString() {
        return typeName() + " scaler" + (shift == null ? " (not fitted)"
                : " over " + shift.length + " columns, shift " + abbreviate(shift) + ", scale " + abbreviate(scale));
    }

    private static String abbreviate(double[] values) {
        return values.length <= 4 ? Arrays.toString(values) : Arrays.toString(Arrays.copyOf(values, 4)) + "...";
    }
}
