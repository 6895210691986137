package dev.neurite.train;

import dev.neurite.nn.Parameter;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.Random;

/** Small seeded data sets and helpers shared by the training tests. */
final class TrainingTestData {

    private TrainingTestData() {
    }

    /** The four XOR inputs, {@code (4, 2)}. */
    static Tensor xorInputs() {
        return Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
    }

    /** XOR of the inputs as {@code (4, 1)} values. */
    static Tensor xorTargets() {
        return Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
    }

    /** Inputs and class labels of two interleaved spirals, {@code perClass} points each. */
    static Tensor[] spirals(int perClass, long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.managed(DType.F32, 2 * perClass, 2);
        Tensor y = Tensor.managed(DType.F32, 2 * perClass, 1);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < perClass; i++) {
                int row = c * perClass + i;
                double t = (double) i / perClass;
                double radius = 0.1 + 0.9 * t;
                double angle = c * Math.PI + 3 * Math.PI * t + 0.05 * r.nextGaussian();
                x.set(row, 0, radius * Math.cos(angle));
                x.set(row, 1, radius * Math.sin(angle));
                y.set(row, 0, c);
            }
        }
        return new Tensor[] {x, y};
    }

    /**
     * {@code n} evenly spaced points {@code t} on [-pi, pi] and their sines, {@code (n, 1)} each.
     * The input feature is {@code t / pi}, scaled to [-1, 1] as inputs usually are: plain SGD on
     * raw [-pi, pi] inputs needs a learning rate about ten times smaller.
     */
    static Tensor[] sine(int n) {
        Tensor x = Tensor.managed(DType.F32, n, 1);
        Tensor y = Tensor.managed(DType.F32, n, 1);
        for (int i = 0; i < n; i++) {
            double t = -Math.PI + 2 * Math.PI * i / (n - 1);
            x.set(i, 0, t / Math.PI);
            y.set(i, 0, Math.sin(t));
        }
        return new Tensor[] {x, y};
    }

    /** Gaussian inputs, {@code (rows, cols)}. */
    static Tensor gaussian(int rows, int cols, long seed) {
        Random r = new Random(seed);
        Tensor t = Tensor.managed(DType.F32, rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t.set(i, j, r.nextGaussian());
            }
        }
        return t;
    }

    /** Fraction of rows whose output argmax is the label. */
    static double accuracy(Sequential model, Tensor x, Tensor labels) {
        int[] predicted = dev.neurite.tensor.Ops.get().rowArgmax(model.predict(x));
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == labels.get(i, 0) ? 1 : 0;
        }
        return (double) correct / predicted.length;
    }

    /** All parameter values of a model, concatenated. */
    static float[] weights(Sequential model) {
        int total = Math.toIntExact(model.parameterCount());
        float[] out = new float[total];
        int k = 0;
        for (Parameter p : model.parameters()) {
            float[] v = p.value().toFloatArray();
            System.arraycopy(v, 0, out, k, v.length);
            k += v.length;
        }
        return out;
    }
}
