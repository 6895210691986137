package dev.neurite.spark;

import dev.neurite.data.split.Splits;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.Loss;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A partition's training rows as float arrays, checked row by row (a null, a vector of the wrong
 * size or a label that is not a class index is an error naming its column), and the batches and
 * shuffled orders both ways of training use.
 */
record PartitionRows(float[] x, float[] y, int n) {

    static PartitionRows read(Iterator<Row> rows, TrainingState state, boolean classifier, FeatureColumns features,
                              int labelIndex, String labelColumn) {
        List<float[]> xs = new ArrayList<>();
        List<Float> ys = new ArrayList<>();
        double[] buffer = new double[state.features()];
        while (rows.hasNext()) {
            Row r = rows.next();
            features.read(r, state.features(), buffer, 0);
            float[] f = new float[buffer.length];
            for (int j = 0; j < f.length; j++) {
                f[j] = (float) buffer[j];
            }
            xs.add(f);
            ys.add(label(r, labelIndex, labelColumn, classifier, state.outputs()));
        }
        int n = xs.size();
        int d = state.features();
        float[] x = new float[n * d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(xs.get(i), 0, x, i * d, d);
            y[i] = ys.get(i);
        }
        return new PartitionRows(x, y, n);
    }

    /** The partition's share of the global batch: as many steps per epoch here as on one machine. */
    static int localBatch(PartitionTrainer.Round round, int n) {
        return (int) Math.max(1, Math.min(n, Math.round((double) round.batchSize() * n / round.totalRows())));
    }

    /** Rows {@code 0..n} in a shuffled order seeded by the run, the epoch and the partition. */
    static int[] shuffled(int n, long seed, long epoch, int partition) {
        return Splits.shuffled(n, seed * 1_000_003L + epoch * 8_191L + partition);
    }

    /**
     * The batch's loss and the parameters' gradients: forward, loss, backward, the gradients
     * zeroed first; a loss that is not finite stops the run naming the partition and the step.
     */
    static void gradients(Sequential model, Loss loss, Tensor x, Tensor y, int partition, long step) {
        double value = loss.forward(model.forward(x), y);
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("training diverged on partition " + partition + " at step " + step
                    + ": the loss is " + value + " (lower the learning rate)");
        }
        model.zeroGrad();
        model.backward(loss.backward(), false);
    }

    private static float label(Row r, int index, String column, boolean classifier, int classes) {
        if (r.isNullAt(index)) {
            throw new IllegalArgumentException("column " + column + ": a row has no label (null)");
        }
        double label = ((Number) r.get(index)).doubleValue();
        if (classifier && (label != Math.rint(label) || label < 0 || label >= classes)) {
            throw new IllegalArgumentException("column " + column + ": label " + label
                    + " is not a class index in [0, " + classes + ")");
        }
        if (!classifier && !Double.isFinite(label)) {
            throw new IllegalArgumentException("column " + column + ": label " + label + " is not finite");
        }
        return (float) label;
    }
}
