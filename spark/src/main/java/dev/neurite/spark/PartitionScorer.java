package dev.neurite.spark;

import dev.neurite.pipeline.Pipeline;
import dev.neurite.pipeline.Task;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition: rows are read in batches of {@link #BATCH}, their feature vectors go
 * through the pipeline's thread-safe prediction, and each row comes back with its prediction
 * (the class index, or the value) and, for a classifier, its class probabilities appended.
 */
final class PartitionScorer implements Iterator<Row> {

    static final int BATCH = 512;

    private final Iterator<Row> rows;
    private final Pipeline pipeline;
    private final FeatureColumns features;
    private final List<Row> batch = new ArrayList<>(BATCH);
    private final List<Row> scored = new ArrayList<>(BATCH);
    private int next;

    PartitionScorer(Iterator<Row> rows, Pipeline pipeline, FeatureColumns features) {
        this.rows = rows;
        this.pipeline = pipeline;
        this.features = features;
    }

    @Override
    public boolean hasNext() {
        if (next < scored.size()) {
            return true;
        }
        scored.clear();
        next = 0;
        batch.clear();
        while (batch.size() < BATCH && rows.hasNext()) {
            batch.add(rows.next());
        }
        if (batch.isEmpty()) {
            return false;
        }
        score();
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return scored.get(next++);
    }

    private void score() {
        int d = pipeline.model().inputFeatures();
        double[] values = new double[batch.size() * d];
        for (int i = 0; i < batch.size(); i++) {
            features.read(batch.get(i), d, values, i * d);
        }
        try (Tensor x = Tensor.zeros(pipeline.dtype(), batch.size(), d)) {
            x.copyFrom(values);
            if (pipeline.task() == Task.CLASSIFICATION) {
                double[][] p = pipeline.predictProba(x);
                for (int i = 0; i < batch.size(); i++) {
                    scored.add(append(batch.get(i), (double) argmax(p[i]), Vectors.dense(p[i])));
                }
            } else {
                double[] y = pipeline.predictValues(x);
                for (int i = 0; i < batch.size(); i++) {
                    scored.add(append(batch.get(i), y[i], null));
                }
            }
        }
    }

    /** The first index of the largest value, as {@code predictClasses} picks. */
    private static int argmax(double[] p) {
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            if (p[j] > p[best]) {
                best = j;
            }
        }
        return best;
    }

    private static Row append(Row row, double prediction, Vector probability) {
        int n = row.size();
        Object[] values = new Object[n + (probability == null ? 1 : 2)];
        for (int i = 0; i < n; i++) {
            values[i] = row.get(i);
        }
        values[n] = prediction;
        if (probability != null) {
            values[n + 1] = probability;
        }
        return RowFactory.create(values);
    }
}
