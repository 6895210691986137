package dev.neurite.io;

import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Dropout;
import dev.neurite.nn.Identity;
import dev.neurite.nn.LayerNorm;
import dev.neurite.nn.LeakyReLU;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Sigmoid;
import dev.neurite.nn.Softmax;
import dev.neurite.nn.Tanh;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.optim.Optimizer;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.Random;

/** Models and data shared by the model-file tests. */
final class IoTestModels {

    static final int INPUTS = 6;
    static final int ROWS = 16;

    private IoTestModels() {
    }

    /** Every layer type a model file holds, with non-default arguments where there are any. */
    static Sequential everyLayer(DType dtype, long seed) {
        return new Sequential(INPUTS, dtype, seed,
                new Dense(INPUTS, 12), new BatchNorm(12, 0.2, 1e-4), new ReLU(), new Dropout(0.3),
                new Dense(12, 10, false), new LayerNorm(10, 1e-6), new LeakyReLU(0.05),
                new Dense(10, 8), new Tanh(), new Dense(8, 8), new Sigmoid(), new Dense(8, 5), new Identity(),
                new Dense(5, 4), new Softmax());
    }

    /** A small regression model with batch norm and dropout, for training tests. */
    static Sequential trainable(long seed) {
        return new Sequential(INPUTS, seed, new Dense(INPUTS, 16), new BatchNorm(16), new ReLU(), new Dropout(0.25),
                new Dense(16, 3));
    }

    static Tensor random(DType dtype, int rows, int cols, long seed) {
        Random r = new Random(seed);
        Tensor t = Tensor.managed(dtype, rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t.set(i, j, r.nextGaussian());
            }
        }
        return t;
    }

    /** {@code steps} training steps on batches drawn from {@code dataSeed} onwards; returns the next seed. */
    static long train(Sequential model, Optimizer optimizer, int steps, long dataSeed) {
        model.train();
        try (MSELoss loss = new MSELoss()) {
            for (int s = 0; s < steps; s++) {
                Tensor x = random(model.dtype(), ROWS, model.inputFeatures(), dataSeed);
                Tensor y = random(model.dtype(), ROWS, model.outputFeatures(), dataSeed + 1_000_000);
                dataSeed++;
                optimizer.zeroGrad();
                loss.forward(model.forward(x), y);
                model.backward(loss.backward());
                optimizer.step();
            }
        }
        return dataSeed;
    }

    /** Trains a few steps so weights and batch-norm statistics are no longer their initial values. */
    static void perturb(Sequential model, Optimizer optimizer) {
        train(model, optimizer, 3, 11);
    }
}
