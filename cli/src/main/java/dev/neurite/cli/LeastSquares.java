package dev.neurite.cli;

import dev.neurite.tensor.Tensor;

/**
 * Linear least squares {@code y ~ X w + b} in closed form, in float64: the normal equations of the
 * standardized features with a tiny ridge (so that constant or collinear columns still give a
 * unique answer), solved by Cholesky. The intercept is not penalized.
 */
final class LeastSquares {

    /** Ridge, relative to the row count (the diagonal of the standardized Gram matrix). */
    static final double RIDGE = 1e-8;

    private final double[] weights;
    private final double intercept;

    private LeastSquares(double[] weights, double intercept) {
        this.weights = weights;
        this.intercept = intercept;
    }

    /** Fits {@code y (N, 1)} on {@code x (N, D)}. */
    static LeastSquares fit(Tensor x, Tensor y) {
        int n = x.rows();
        int d = x.cols();
        if (y.rows() != n || y.cols() != 1) {
            throw new IllegalArgumentException("least squares needs one target column with a value per row, got "
                    + y.shape() + " for features " + x.shape());
        }
        if (n < 1) {
            throw new IllegalArgumentException("least squares needs at least one row");
        }
        double[] mean = new double[d];
        double[] scale = new double[d];
        double yMean = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x.get(i, j);
            }
            yMean += y.get(i, 0);
        }
        yMean /= n;
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = x.get(i, j) - mean[j];
                scale[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j] / n);
            scale[j] = sd > 0 ? sd : 1; // a constant column is all zeros once centred
        }
        // upper triangle of Z^T Z and Z^T (y - mean(y)) for the standardized rows Z
        double[][] gram = new double[d][d];
        double[] rhs = new double[d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = (x.get(i, j) - mean[j]) / scale[j];
            }
            double r = y.get(i, 0) - yMean;
            for (int j = 0; j < d; j++) {
                double zj = z[j];
                rhs[j] += zj * r;
                double[] row = gram[j];
                for (int k = j; k < d; k++) {
                    row[k] += zj * z[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            gram[j][j] += RIDGE * n;
        }
        double[] w = solveCholesky(gram, rhs);
        double b = yMean;
        for (int j = 0; j < d; j++) {
            w[j] /= scale[j];
            b -= w[j] * mean[j];
        }
        if (!Double.isFinite(b)) {
            throw new IllegalArgumentException("least squares: the features or targets are too large to fit in float64");
        }
        return new LeastSquares(w, b);
    }

    /** Solves {@code A w = b} for the symmetric positive definite {@code A} given by its upper triangle. */
    private static double[] solveCholesky(double[][] a, double[] b) {
        int d = b.length;
        double[][] l = new double[d][d]; // A = L L^T, L lower
        for (int j = 0; j < d; j++) {
            double diag = a[j][j];
            for (int k = 0; k < j; k++) {
                diag -= l[j][k] * l[j][k];
            }
            // the ridge keeps the matrix positive definite; anything else is not a finite input
            if (!(diag > 0) || Double.isInfinite(diag)) {
                throw new IllegalArgumentException("least squares: the normal equations are not solvable "
                        + "(non-finite or too large feature values)");
            }
            l[j][j] = Math.sqrt(diag);
            for (int i = j + 1; i < d; i++) {
                double s = a[j][i]; // A[i][j] from the upper triangle
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * v[k];
            }
            v[i] = s / l[i][i];
        }
        for (int i = d - 1; i >= 0; i--) {
            double s = v[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k][i] * v[k];
            }
            v[i] = s / l[i][i];
        }
        return v;
    }

    /** Coefficients per feature, in the units of the raw features. */
    double[] weights() {
        return weights.clone();
    }

    double intercept() {
        return intercept;
    }

    /** Predictions for the rows of {@code x}. */
    double[] predict(Tensor x) {
        if (x.cols() != weights.length) {
            throw new IllegalArgumentException("least squares was fitted on " + weights.length + " features, got "
                    + x.cols());
        }
        double[] out = new double[x.rows()];
        for (int i = 0; i < out.length; i++) {
            double s = intercept;
            for (int j = 0; j < weights.length; j++) {
                s += weights[j] * x.get(i, j);
            }
            out[i] = s;
        }
        return out;
    }
}
