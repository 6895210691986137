package dev.neurite.metrics;

import dev.neurite.tensor.Tensor;

/**
 * Regression metrics of targets {@code yTrue} and predictions {@code yPred}, equal to
 * scikit-learn 1.2's {@code mean_squared_error}, {@code mean_squared_error(squared=False)},
 * {@code mean_absolute_error} and {@code r2_score}.
 *
 * <p>Arrays are single outputs. A tensor {@code (N, K)} holds N samples of K outputs; each metric
 * is computed per output column and the K values are averaged (scikit-learn's
 * {@code multioutput='uniform_average'}), so RMSE of several outputs is the mean of the
 * per-column RMSEs, not the root of the overall MSE. Empty input, different lengths or shapes and
 * NaN or infinite values throw {@link IllegalArgumentException}.
 */
public final class RegressionMetrics {

    private enum Kind { MSE, RMSE, MAE, R2 }

    private RegressionMetrics() {
    }

    /** Mean squared error {@code mean((yTrue - yPred)^2)}. */
    public static double mse(double[] yTrue, double[] yPred) {
        check(yTrue, yPred);
        return meanSquaredError(yTrue, yPred);
    }

    /** Root mean squared error {@code sqrt(mse)}. */
    public static double rmse(double[] yTrue, double[] yPred) {
        return Math.sqrt(mse(yTrue, yPred));
    }

    /** Mean absolute error {@code mean(|yTrue - yPred|)}. */
    public static double mae(double[] yTrue, double[] yPred) {
        check(yTrue, yPred);
        double sum = 0;
        for (int i = 0; i < yTrue.length; i++) {
            sum += Math.abs(yTrue[i] - yPred[i]);
        }
        return sum / yTrue.length;
    }

    /**
     * Coefficient of determination {@code 1 - SS_res / SS_tot}, with
     * {@code SS_res = sum((yTrue - yPred)^2)} and {@code SS_tot = sum((yTrue - mean(yTrue))^2)}.
     * Edge cases as scikit-learn's default {@code force_finite=True}:
     * <ul>
     *   <li>perfect predictions ({@code SS_res == 0}) give 1, even for a constant target;</li>
     *   <li>a constant target ({@code SS_tot == 0}) with imperfect predictions gives 0 rather than
     *       {@code -infinity};</li>
     *   <li>fewer than two samples give NaN (R^2 is not defined there).</li>
     * </ul>
     * A target is constant when all its values are equal; then {@code SS_tot} is exactly 0.
     * scikit-learn instead subtracts a rounded mean, so for a constant such as 0.1 (whose mean
     * over 7 samples is not exactly 0.1) it sees a tiny {@code SS_tot} and returns a huge negative
     * number; the two agree whenever the mean of the constant is exact.
     */
    public static double r2(double[] yTrue, double[] yPred) {
        check(yTrue, yPred);
        return rSquared(yTrue, yPred);
    }

    /** {@link #mse(double[], double[])} per column of {@code (N, K)} tensors, averaged over columns. */
    public static double mse(Tensor yTrue, Tensor yPred) {
        return perColumn(yTrue, yPred, Kind.MSE);
    }

    /** {@link #rmse(double[], double[])} per column of {@code (N, K)} tensors, averaged over columns. */
    public static double rmse(Tensor yTrue, Tensor yPred) {
        return perColumn(yTrue, yPred, Kind.RMSE);
    }

    /** {@link #mae(double[], double[])} per column of {@code (N, K)} tensors, averaged over columns. */
    public static double mae(Tensor yTrue, Tensor yPred) {
        return perColumn(yTrue, yPred, Kind.MAE);
    }

    /** {@link #r2(double[], double[])} per column of {@code (N, K)} tensors, averaged over columns. */
    public static double r2(Tensor yTrue, Tensor yPred) {
        return perColumn(yTrue, yPred, Kind.R2);
    }

    private static double perColumn(Tensor yTrue, Tensor yPred, Kind kind) {
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException("yTrue and yPred must not be null");
        }
        if (yTrue.rows() != yPred.rows() || yTrue.cols() != yPred.cols()) {
            throw new IllegalArgumentException("yTrue " + yTrue.shape() + " and yPred " + yPred.shape()
                    + " differ in shape");
        }
        if (yTrue.size() == 0) {
            throw new IllegalArgumentException("yTrue " + yTrue.shape()
                    + " is empty: a metric needs at least one sample");
        }
        int n = yTrue.rows();
        int k = yTrue.cols();
        double[] t = yTrue.toDoubleArray();
        double[] p = yPred.toDoubleArray();
        double sum = 0;
        double[] tc = new double[n];
        double[] pc = new double[n];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                tc[i] = t[i * k + j];
                pc[i] = p[i * k + j];
            }
            sum += switch (kind) {
                case MSE -> mse(tc, pc);
                case RMSE -> rmse(tc, pc);
                case MAE -> mae(tc, pc);
                case R2 -> r2(tc, pc);
            };
        }
        return sum / k;
    }

    private static void check(double[] yTrue, double[] yPred) {
        MetricChecks.requireFinite("yTrue", yTrue);
        MetricChecks.requireFinite("yPred", yPred);
        MetricChecks.requireSameLength("yTrue", yTrue.length, "yPred", yPred.length);
    }

    private static double meanSquaredError(double[] yTrue, double[] yPred) {
        return sumSquaredError(yTrue, yPred) / yTrue.length;
    }

    private static double sumSquaredError(double[] yTrue, double[] yPred) {
        double sum = 0;
        for (int i = 0; i < yTrue.length; i++) {
            double d = yTrue[i] - yPred[i];
            sum += d * d;
        }
        return sum;
    }

    private static double rSquared(double[] yTrue, double[] yPred) {
        int n = yTrue.length;
        if (n < 2) {
            return Double.NaN;
        }
        double residual = sumSquaredError(yTrue, yPred);
        double total = 0;
        if (!isConstant(yTrue)) {
            double mean = 0;
            for (double v : yTrue) {
                mean += v;
            }
            mean /= n;
            for (double v : yTrue) {
                total += (v - mean) * (v - mean);
            }
        }
        if (residual == 0) {
            return 1.0;
        }
        return total == 0 ? 0.0 : 1 - residual / total;
    }

    private static boolean isConstant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }
}
