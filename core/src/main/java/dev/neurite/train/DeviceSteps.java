package dev.neurite.train;

import dev.neurite.device.OpenClNetwork;
import dev.neurite.device.StepResult;
import dev.neurite.tensor.Tensor;

/**
 * Training steps on an OpenCL device ({@link OpenClNetwork}): the training set stays in device
 * memory, each step reads back its loss and correct count. The host model's weights and the
 * optimizer's state go up at the start of every epoch and come back at its end or at a stop; at
 * a divergence the guard throws from {@code onBatchEnd} after putting good weights back on the
 * host, and the device's stay there.
 */
final class DeviceSteps implements EpochSteps {

    private final OpenClNetwork net;

    /** Takes {@code net} over (closed with this) and loads the training set into it. */
    DeviceSteps(OpenClNetwork net, Tensor x, Tensor y) {
        this.net = net;
        try {
            net.loadData(x, y);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    @Override
    public void beginEpoch(MiniBatches batches) {
        net.uploadParameters();
        net.uploadOptimizerState();
        if (batches.shuffled()) {
            net.setOrder(batches.order());
        }
    }

    @Override
    public double step(int epoch, int step, MiniBatches batches, BatchMetrics metrics) {
        int from = step * batches.batchSize();
        StepResult r = net.trainStep(from, Math.min(batches.batchSize(), batches.rows() - from));
        metrics.add(r.meanLoss(), r.correct(), r.rows());
        return r.meanLoss();
    }

    @Override
    public void endEpoch() {
        net.downloadParameters();
        net.downloadOptimizerState();
    }

    @Override
    public void close() {
        net.close();
    }
}
