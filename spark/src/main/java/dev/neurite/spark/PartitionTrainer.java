package dev.neurite.spark;

import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.Loss;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.Tensor;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * One partition's share of a round: the round's state is loaded into a fresh model and Adam, and
 * the partition takes the round's optimizer steps on its own rows, each with its share of the
 * global batch, so an epoch is as many steps on every partition as on one machine. Each epoch
 * visits the partition's rows in an order shuffled from the run's seed, the epoch and the
 * partition: a retried task trains exactly as its first attempt did.
 */
final class PartitionTrainer {

    /** What a partition returns: its state after the round, its optimizer step count and its examples. */
    record Result(float[] values, long step, long examples) implements java.io.Serializable {
    }

    /** The round: global steps {@code [from, to)} of {@code stepsPerEpoch} per epoch, global batch {@code batchSize}. */
    record Round(long from, long to, long stepsPerEpoch, int batchSize, long totalRows) implements java.io.Serializable {
    }

    private PartitionTrainer() {
    }

    static Result train(TrainingState state, boolean classifier, Round round, int partition, Iterator<Row> rows,
                        FeatureColumns features, int labelIndex, String labelColumn) {
        PartitionRows data = PartitionRows.read(rows, state, classifier, features, labelIndex, labelColumn);
        int n = data.n();
        if (n == 0) {
            return new Result(new float[0], 0, 0);
        }
        int d = state.features();
        int batch = PartitionRows.localBatch(round, n);
        long localSteps = (n + batch - 1) / batch; // this partition's steps per epoch
        try (Sequential model = TrainingState.network(d, state.hidden(), state.outputs(), state.seed(), false);
             Adam adam = new Adam(model.parameters(), state.learningRate());
             Loss loss = classifier ? new SoftmaxCrossEntropyLoss() : new MSELoss();
             Tensor tx = Tensor.of(data.x(), n, d); Tensor ty = Tensor.of(data.y(), n, 1);
             Tensor xb = Tensor.zeros(tx.dtype(), batch, d); Tensor yb = Tensor.zeros(ty.dtype(), batch, 1)) {
            TrainingState.restore(model, adam, state.values());
            adam.setStepCount(state.step());
            model.train();
            int[] order = null;
            long orderEpoch = -1;
            for (long g = round.from(); g < round.to(); g++) {
                long epoch = g / round.stepsPerEpoch();
                long i = g % round.stepsPerEpoch();
                if (i >= localSteps) {
                    continue; // the global batch did not divide evenly: this partition has no such step
                }
                if (epoch != orderEpoch) {
                    order = PartitionRows.shuffled(n, state.seed(), epoch, partition);
                    orderEpoch = epoch;
                }
                int from = (int) (i * batch);
                int m = Math.min(batch, n - from);
                Tensor xv = m == batch ? xb : xb.rows(0, m);
                Tensor yv = m == batch ? yb : yb.rows(0, m);
                xv.gatherRows(tx, order, from);
                yv.gatherRows(ty, order, from);
                PartitionRows.gradients(model, loss, xv, yv, partition, g);
                adam.step();
            }
            return new Result(TrainingState.flatten(model, adam), adam.stepCount(), n);
        }
    }
}
