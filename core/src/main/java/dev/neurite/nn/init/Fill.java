package dev.neurite.nn.init;

import dev.neurite.tensor.Tensor;
import java.util.Random;

/** Random fills in row-major order, so a seed gives the same tensor on every backend. */
final class Fill {

    private Fill() {
    }

    static void uniform(Tensor t, Random r, double low, double high) {
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                t.set(i, j, low + (high - low) * r.nextDouble());
            }
        }
    }

    static void normal(Tensor t, Random r, double mean, double std) {
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                t.set(i, j, mean + std * r.nextGaussian());
            }
        }
    }
}
