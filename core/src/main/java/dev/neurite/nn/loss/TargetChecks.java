package dev.neurite.nn.loss;

import dev.neurite.tensor.Tensor;

/**
 * Element checks shared by the losses; each error names the loss, the value and its position.
 * The losses run them only when a kernel reported a value outside the loss's domain (a NaN sum),
 * so a tensor on a device is read back once, on the error path.
 */
final class TargetChecks {

    private TargetChecks() {
    }

    /** Every element of {@code t} must be finite. */
    static void requireFinite(String loss, String what, Tensor t) {
        double[] values = t.toDoubleArray();
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                double v = values[i * t.cols() + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(loss + ": " + what + " " + t.shape() + " holds " + v
                            + " at (" + i + ", " + j + ")");
                }
            }
        }
    }

    /** Every element of {@code t} must lie in {@code [0, 1]} (NaN does not). */
    static void requireProbabilities(String loss, String what, Tensor t, String hint) {
        double[] values = t.toDoubleArray();
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                double v = values[i * t.cols() + j];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(loss + ": " + what + " " + v + " at (" + i + ", " + j
                            + ") is not a probability in [0, 1]" + hint);
                }
            }
        }
    }
}
