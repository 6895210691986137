package dev.neurite.train;

import dev.neurite.nn.Sequential;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/**
 * Running sample-weighted mean loss and, for classification (class-index targets {@code (N, 1)}
 * and a model with several outputs), the fraction of rows whose output argmax equals the target.
 */
final class BatchMetrics {

    /** Distinct batch heights seen in one fit: batch, last batch, validation chunk and its last. */
    private static final int ARGMAX_BUFFERS = 4;

    private final boolean classification;
    private final int[][] argmax = new int[ARGMAX_BUFFERS][];
    private double lossSum;
    private long rows;
    private long correct;

    BatchMetrics(Sequential model, int targetColumns) {
        this.classification = targetColumns == 1 && model.outputFeatures() > 1;
    }

    void reset() {
        lossSum = 0;
        rows = 0;
        correct = 0;
    }

    /** Adds a batch whose mean loss is {@code loss}, with outputs {@code out} and targets {@code y}. */
    void add(double loss, Tensor out, Tensor y) {
        int n = out.rows();
        lossSum += loss * n;
        rows += n;
        if (classification) {
            int[] predicted = argmaxBuffer(n);
            Ops.get().rowArgmax(predicted, out);
            for (int i = 0; i < n; i++) {
                if (predicted[i] == y.get(i, 0)) {
                    correct++;
                }
            }
        }
    }

    /** Adds a batch of {@code n} rows, mean loss {@code loss} and {@code correct} rows counted elsewhere. */
    void add(double loss, int correct, int n) {
        lossSum += loss * n;
        rows += n;
        if (classification) {
            this.correct += correct;
        }
    }

    private int[] argmaxBuffer(int n) {
        for (int i = 0; i < ARGMAX_BUFFERS; i++) {
            if (argmax[i] == null) {
                argmax[i] = new int[n];
                return argmax[i];
            }
            if (argmax[i].length == n) {
                return argmax[i];
            }
        }
        // more heights than expected: replace the last slot
        argmax[ARGMAX_BUFFERS - 1] = new int[n];
        return argmax[ARGMAX_BUFFERS - 1];
    }

    double meanLoss() {
        return rows == 0 ? Double.NaN : lossSum / rows;
    }

    double accuracy() {
        return classification && rows > 0 ? (double) correct / rows : Double.NaN;
    }
}
