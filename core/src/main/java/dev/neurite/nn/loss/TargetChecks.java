package dev.neurite.nn.loss;

import dev.neurite.tensor.Tensor;

/** Element checks shared by the losses; each error names the loss, the value and its position. */
final class TargetChecks {

    private TargetChecks() {
    }

    /** Every element of {@code t} must be finite. */
    static void requireFinite(String loss, String what, Tensor t) {
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                double v = t.get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(loss + ": " + what + " " + t.shape() + " holds " + v
                            + " at (" + i + ", " + j + ")");
                }
            }
        }
    }

    /** Every element of {@code t} must lie in {@code [0, 1]} (NaN does not). */
    static void requireProbabilities(String loss, String what, Tensor t, String hint) {
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                double v = t.get(i, j);
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(loss + ": " + what + " " + v + " at (" + i + ", " + j
                            + ") is not a probability in [0, 1]" + hint);
                }
            }
        }
    }
}
