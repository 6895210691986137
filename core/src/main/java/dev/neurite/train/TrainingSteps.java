package dev.neurite.train;

import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.Loss;
import dev.neurite.optim.GradientClipping;
import dev.neurite.optim.Optimizer;
import dev.neurite.tensor.Tensor;

/**
 * The training step of {@link Trainer}'s one loop, through {@code Ops}: forward, loss, backward,
 * clipping, optimizer step, with the model, loss and optimizer where they are: on the host, or
 * for a model moved to a device there, with each batch copied up first.
 */
final class TrainingSteps {

    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final double clipNorm;
    private final double clipValue;
    private final DeviceBatches placed;

    TrainingSteps(Sequential model, Loss loss, Optimizer optimizer, double clipNorm, double clipValue,
              DeviceBatches placed) {
        this.placed = placed;
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
        this.clipValue = clipValue;
    }

    /** Runs step {@code step} of {@code epoch}, adds it to {@code metrics} and returns the batch's mean loss. */
    double step(int epoch, int step, MiniBatches batches, BatchMetrics metrics) {
        batches.load(step, !placed.gathersInputs());
        Tensor yb = batches.y();
        Tensor out = model.forward(placed.inputs(batches, step));
        double batchLoss = lossForward(out, placed.targets(yb), epoch, step, batches.shuffled());
        optimizer.zeroGrad();
        model.backward(loss.backward(), false);
        if (clipNorm > 0) {
            GradientClipping.clipByGlobalNorm(optimizer.parameters(), clipNorm);
        }
        if (clipValue > 0) {
            GradientClipping.clipByValue(optimizer.parameters(), clipValue);
        }
        optimizer.step();
        // the outputs are still the forward's: on a device, reading their argmax now waits for the
        // whole step at once instead of draining the queue between the loss and the backward pass
        metrics.add(batchLoss, out, yb);
        return batchLoss;
    }

    private double lossForward(Tensor out, Tensor yb, int epoch, int step, boolean shuffled) {
        try {
            return loss.forward(out, yb);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("training epoch " + (epoch + 1) + ", step " + (step + 1)
                    + (shuffled ? " (rows numbered within the shuffled batch)" : "") + ": "
                    + e.getMessage(), e);
        }
    }
}
