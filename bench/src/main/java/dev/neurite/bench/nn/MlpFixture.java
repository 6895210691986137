package dev.neurite.bench.nn;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.Random;

/** The benchmarked model, the 784-256-128-10 ReLU MLP, and its inputs, all from fixed seeds. */
final class MlpFixture {

    static final int INPUTS = 784;
    static final int CLASSES = 10;
    static final long SEED = 20240611L;

    private MlpFixture() {
    }

    static Sequential model() {
        return new Sequential(INPUTS, SEED, new Dense(INPUTS, 256), new ReLU(), new Dense(256, 128), new ReLU(),
                new Dense(128, CLASSES));
    }

    /** A batch of pixel-like inputs in [0, 1). */
    static Tensor inputs(int rows) {
        Random random = new Random(SEED + rows);
        float[] data = new float[rows * INPUTS];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        return Tensor.of(data, rows, INPUTS);
    }

    /** {@code (rows, 1)} class indices. */
    static Tensor labels(int rows) {
        Random random = new Random(SEED - rows);
        float[] data = new float[rows];
        for (int i = 0; i < rows; i++) {
            data[i] = random.nextInt(CLASSES);
        }
        return Tensor.of(data, rows, 1);
    }

    /**
     * Fails unless {@code Ops.get()} is the backend the case names: the forks choose it with
     * {@code -Dneurite.backend}, so that the measured calls bind nothing per call.
     */
    static void requireBackend(String backend) {
        String actual = Ops.get().backend();
        if (!actual.equals(backend)) {
            throw new IllegalStateException("the fork runs backend " + actual + ", the case wants " + backend
                    + " (run through BenchMain, which sets -Dneurite.backend)");
        }
    }
}
