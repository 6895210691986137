package dev.neurite.train;

import dev.neurite.nn.Sequential;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/** Up-front checks of training and validation data, with messages naming the data and the place. */
final class TrainingData {

    private TrainingData() {
    }

    /** Checks {@code (x, y)} against {@code model}; {@code what} is "training" or "validation". */
    static void check(String what, Sequential model, Tensor x, Tensor y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(what + " data needs inputs and targets");
        }
        if (x.rows() == 0) {
            throw new IllegalArgumentException(what + " data has no rows");
        }
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException(what + " data: X has " + x.rows() + " rows but Y has "
                    + y.rows() + " (X " + x.shape() + ", Y " + y.shape() + ")");
        }
        if (x.cols() != model.inputFeatures()) {
            throw new IllegalArgumentException(what + " data: the model takes " + model.inputFeatures()
                    + " features, X " + x.shape() + " has " + x.cols());
        }
        if (x.dtype() != model.dtype() || y.dtype() != model.dtype()) {
            throw new IllegalArgumentException(what + " data: the model is " + model.dtype().label()
                    + ", got X " + x.shape() + " and Y " + y.shape());
        }
        requireFinite(what + " X", x);
        requireFinite(what + " Y", y);
    }

    /** Rejects NaN and infinities, naming the first one's row and column. */
    static void requireFinite(String what, Tensor t) {
        // a finite sum proves every element finite; only a non-finite one needs the element scan
        if (Double.isFinite(Ops.get().sum(t))) {
            return;
        }
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                double v = t.get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(what + " has a non-finite value " + v
                            + " at row " + i + ", column " + j);
                }
            }
        }
    }
}
