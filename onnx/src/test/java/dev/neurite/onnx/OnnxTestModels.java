package dev.neurite.onnx;

import dev.neurite.nn.Layer;
import dev.neurite.nn.Parameter;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.Random;

/** Small models with weights and running statistics away from their initial values. */
final class OnnxTestModels {

    static final int FEATURES = 7;

    private OnnxTestModels() {
    }

    /** A model of {@code layers} after input of {@link #FEATURES} features, trained a few steps so nothing is at its start value. */
    static Sequential trained(DType dtype, long seed, Layer... layers) {
        Sequential m = new Sequential(FEATURES, dtype, seed, layers);
        try (Tensor x = gaussian(dtype, 32, FEATURES, seed + 1); Tensor y = gaussian(dtype, 32, m.outputFeatures(), seed + 2);
             MSELoss loss = new MSELoss(); Adam adam = new Adam(m.parameters(), 0.05)) {
            for (int step = 0; step < 5; step++) {
                loss.forward(m.forward(x), y);
                adam.zeroGrad();
                m.backward(loss.backward(), false);
                adam.step();
            }
        }
        // biases and normalisation shifts away from zero too
        Random r = new Random(seed);
        for (Parameter p : m.parameters()) {
            double[] v = p.value().toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.1 * r.nextGaussian();
            }
            p.value().copyFrom(v);
        }
        m.eval();
        return m;
    }

    static Tensor gaussian(DType dtype, int rows, int cols, long seed) {
        Random r = new Random(seed);
        Tensor t = Tensor.zeros(dtype, rows, cols);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * r.nextGaussian();
        }
        t.copyFrom(v);
        return t;
    }
}
