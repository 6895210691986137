package dev.neurite.spark;

import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.Loss;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.tensor.Tensor;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * One partition's share of one synchronous step, for per-step gradient averaging: the gradient of
 * the loss over its share of the global batch, times the share's size, so that the sum over
 * partitions divided by the global batch is the gradient one machine computes for the same rows.
 */
final class GradientWorker {

    private GradientWorker() {
    }

    static PartitionTrainer.Result gradient(TrainingState state, boolean classifier, PartitionTrainer.Round round,
                                            int partition, Iterator<Row> rows, FeatureColumns features,
                                            int labelIndex, String labelColumn) {
        PartitionRows data = PartitionRows.read(rows, state, classifier, features, labelIndex, labelColumn);
        int n = data.n();
        if (n == 0) {
            return new PartitionTrainer.Result(new float[0], 0, 0);
        }
        int batch = PartitionRows.localBatch(round, n);
        long g = round.from();
        long epoch = g / round.stepsPerEpoch();
        long i = g % round.stepsPerEpoch();
        long localSteps = (n + batch - 1) / batch;
        if (i >= localSteps) {
            return new PartitionTrainer.Result(new float[0], 0, 0);
        }
        int[] order = PartitionRows.shuffled(n, state.seed(), epoch, partition);
        int from = (int) (i * batch);
        int m = Math.min(batch, n - from);
        int d = state.features();
        try (Sequential model = TrainingState.network(d, state.hidden(), state.outputs(), state.seed(), false);
             Loss loss = classifier ? new SoftmaxCrossEntropyLoss() : new MSELoss();
             Tensor tx = Tensor.of(data.x(), n, d); Tensor ty = Tensor.of(data.y(), n, 1);
             Tensor xb = Tensor.zeros(tx.dtype(), m, d); Tensor yb = Tensor.zeros(ty.dtype(), m, 1)) {
            TrainingState.restoreParameters(model, state.values());
            model.train();
            xb.gatherRows(tx, order, from);
            yb.gatherRows(ty, order, from);
            PartitionRows.gradients(model, loss, xb, yb, partition, g);
            float[] grads = TrainingState.gradients(model);
            // the mean gradient of m rows, reported for m rows: the weighted sum gives the global mean
            return new PartitionTrainer.Result(grads, 0, m);
        }
    }
}
