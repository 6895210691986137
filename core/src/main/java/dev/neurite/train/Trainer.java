package dev.neurite.train;

import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.Loss;
import dev.neurite.optim.GradientClipping;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.schedule.LRScheduler;
import dev.neurite.tensor.Device;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Mini-batch training of a {@link Sequential} model: a plain loop of forward, loss, zero grad,
 * backward and optimizer step, with {@link Callback}s around it.
 *
 * <p>Data are tensors whose rows are samples: inputs {@code X (N, features)} and targets
 * {@code Y}, either {@code (N, 1)} class indices or {@code (N, k)} values, as the loss expects.
 * Every epoch visits the rows in an order shuffled by a Fisher-Yates pass seeded from
 * {@link #seed}, in batches of {@link #batchSize} (1 is stochastic gradient descent; {@code N}
 * or more is full-batch gradient descent, which uses the data in place without shuffling). The
 * rows of a batch are copied into two batch buffers allocated once per {@link #fit}, so a
 * steady-state step allocates nothing that grows with the batch.
 *
 * <p>Memory: everything a fit allocates besides the model's and the optimizer's own state (batch
 * buffers, weight snapshots of its callbacks, the loss's buffers, device buffers) is freed when
 * {@code fit} returns or throws; the model and optimizer free the rest on their {@code close()}.
 *
 * <p>The model runs in training mode during epochs and in evaluation mode for validation; its
 * mode before {@code fit} is restored afterwards. With the same seed, backend and kernel thread
 * count, training is bit-for-bit repeatable.
 *
 * <p>{@link #backend(Ops)} trains on a chosen backend instead of the JVM-wide one (see
 * {@link Ops#run(Runnable)}). A model moved to a device ({@code Sequential.to}) trains there, each
 * host batch copied up; {@link #device(String)} does that move for one fit: the model and its
 * optimizer state go to the OpenCL device, train through the same loop (the layers, losses and
 * optimizers are the host's, written once against {@code Ops}) and come back to the host when
 * {@code fit} returns or throws. Callbacks then see the model on the device; what they read or
 * save of it is copied back.
 *
 * <p>A diverging run does not end normally: a {@link NanGuard} (the one among the callbacks, else
 * a default one {@code fit} adds) puts back the last good weights and {@code fit} throws a
 * {@link TrainingDivergedException}, on the host and on a device alike.
 *
 * <pre>{@code
 * History h = new Trainer(model, new SoftmaxCrossEntropyLoss(), new SGD(model.parameters(), 0.1))
 *         .epochs(20).batchSize(32).seed(7).validation(xVal, yVal)
 *         .callbacks(new EarlyStopping(3), new ProgressBar(System.out))
 *         .fit(x, y);
 * }</pre>
 */
public final class Trainer {

    private static final Logger LOG = Logger.getLogger(Trainer.class.getName());

    /** Rows per forward pass when validating, at least; validation needs no small batches. */
    private static final int MIN_EVALUATION_CHUNK = 256;

    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final List<Callback> callbacks = new ArrayList<>();
    private int epochs = 1;
    private int batchSize = 32;
    private long seed;
    private Tensor validationX;
    private Tensor validationY;
    private LRScheduler scheduler;
    private Ops backend;
    private String device;
    private double clipNorm;
    private double clipValue;

    private int trainingRows;
    private String stopReason;

    /** A trainer of {@code model} minimising {@code loss} with {@code optimizer}. */
    public Trainer(Sequential model, Loss loss, Optimizer optimizer) {
        if (model == null || loss == null || optimizer == null) {
            throw new IllegalArgumentException("a trainer needs a model, a loss and an optimizer");
        }
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
    }

    /** Number of passes over the training data (default 1). */
    public Trainer epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("invalid number of epochs: " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /** Samples per optimizer step (default 32); values above the row count mean full batch. */
    public Trainer batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("invalid batch size: " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** Seed of the shuffling (default 0). */
    public Trainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Data evaluated after every epoch, in evaluation mode; {@code null}s to remove. */
    public Trainer validation(Tensor x, Tensor y) {
        if ((x == null) != (y == null)) {
            throw new IllegalArgumentException("validation data needs both inputs and targets");
        }
        this.validationX = x;
        this.validationY = y;
        return this;
    }

    /** A learning-rate schedule stepped after every epoch (after the other callbacks). */
    public Trainer scheduler(LRScheduler scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    /** Adds callbacks, run in the order added. */
    public Trainer callbacks(Callback... added) {
        for (Callback c : added) {
            if (c == null) {
                throw new IllegalArgumentException("null callback");
            }
            callbacks.add(c);
        }
        return this;
    }

    /**
     * Clips the gradients to this global L2 norm before every optimizer step, on the host and on
     * a device alike ({@link GradientClipping#clipByGlobalNorm}, PyTorch's
     * {@code clip_grad_norm_}); 0 (the default) for none.
     *
     * @throws IllegalArgumentException when {@code maxNorm} is negative, infinite or NaN
     */
    public Trainer clipGradNorm(double maxNorm) {
        this.clipNorm = GradientClipping.checkLimit("max gradient norm", maxNorm);
        return this;
    }

    /**
     * Clamps every gradient element into {@code [-clipValue, clipValue]} before every optimizer
     * step, after any norm clipping ({@link GradientClipping#clipByValue}, PyTorch's
     * {@code clip_grad_value_}); 0 (the default) for none.
     *
     * @throws IllegalArgumentException when {@code clipValue} is negative, infinite or NaN
     */
    public Trainer clipGradValue(double clipValue) {
        this.clipValue = GradientClipping.checkLimit("gradient clip value", clipValue);
        return this;
    }

    /** Trains (and validates) on this backend instead of the JVM-wide one; {@code null} for that one. */
    public Trainer backend(Ops ops) {
        this.backend = ops;
        return this;
    }

    /**
     * Where training steps run: {@code "cpu"} (default, the kernel backend), {@code "opencl"} (the
     * OpenCL device {@code -Dneurite.opencl.device} selects, else the first) or
     * {@code "opencl:<index or name>"}. A requested device that is missing fails {@code fit}
     * with the reason; it never falls back to the CPU.
     */
    public Trainer device(String device) {
        String d = device == null ? "cpu" : device.strip();
        if (!d.equals("cpu") && !d.equals("opencl") && !d.startsWith("opencl:")) {
            throw new IllegalArgumentException("unknown training device '" + device
                    + "': expected cpu, opencl or opencl:<device index or name>");
        }
        this.device = d.equals("cpu") ? null : d;
        return this;
    }

    /** The training device: {@code cpu}, {@code opencl} or {@code opencl:<selector>}. */
    public String device() {
        return device == null ? "cpu" : device;
    }

    /** The model being trained. */
    public Sequential model() {
        return model;
    }

    /** The loss being minimised. */
    public Loss loss() {
        return loss;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Number of epochs of a fit. */
    public int epochs() {
        return epochs;
    }

    /** The configured batch size. */
    public int batchSize() {
        return batchSize;
    }

    /** Training rows of the current (or last) fit. */
    public int trainingRows() {
        return trainingRows;
    }

    /** True when validation data is set. */
    public boolean hasValidation() {
        return validationX != null;
    }

    /**
     * Ends training: called from {@link Callback#onBatchEnd} it abandons the epoch at once; from
     * {@link Callback#onEpochEnd} it ends training after that epoch. The first reason is kept and
     * becomes {@link History#stopReason()}.
     */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** True once a stop was requested in the current fit. */
    public boolean stopRequested() {
        return stopReason != null;
    }

    // ---------------------------------------------------------------------------------------

    /**
     * Trains on {@code (x, y)} for {@link #epochs} epochs or until a callback stops it.
     *
     * @throws IllegalArgumentException for data that does not fit the model (row counts, feature
     *     count, dtype), non-finite values (naming the row and column), or targets the loss
     *     rejects (with the epoch and step)
     * @throws TrainingDivergedException when a loss is not finite or exceeds the {@link NanGuard}'s
     *     bound, or a step leaves a weight non-finite; the last good weights are back in the model
     */
    public History fit(Tensor x, Tensor y) {
        return backend == null ? fitHere(x, y) : backend.call(() -> fitHere(x, y));
    }

    private History fitHere(Tensor x, Tensor y) {
        TrainingData.check("training", model, x, y); // before a device is opened
        if (validationX != null) {
            TrainingData.check("validation", model, validationX, validationY);
        }
        if (device == null) {
            return fitWhereTheModelIs(x, y);
        }
        if (!model.device().isHost()) {
            throw new IllegalStateException("device(\"" + device + "\") moves a host model for the fit, but this"
                    + " model is on " + model.device().name() + "; leave device() unset to train it there");
        }
        Device gpu = device.equals("opencl") ? Device.opencl() : Device.opencl(device.substring("opencl:".length()));
        Throwable failure = null;
        try {
            LOG.info("Neurite training device: " + gpu.describe());
            optimizer.to(gpu); // its state first: a parameter moves only to where its state is
            model.to(gpu);
            return fitWhereTheModelIs(x, y);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            // back to the host, as the caller gave them, whatever happened; then free the device
            try {
                optimizer.to(Device.HOST);
                model.to(Device.HOST);
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            } finally {
                gpu.close();
            }
        }
    }

    /** The fit itself, the data checked: on the host, or on the device the model lives on. */
    private History fitWhereTheModelIs(Tensor x, Tensor y) {
        List<Callback> all = new ArrayList<>(callbacks);
        if (all.stream().noneMatch(c -> c instanceof NanGuard)) {
            all.add(new NanGuard()); // a diverged run must never end normally
        }
        if (scheduler != null) {
            all.add(new LRSchedulerCallback(scheduler));
        }
        int n = x.rows();
        int batch = Math.min(batchSize, n);
        trainingRows = n;
        stopReason = null;
        boolean wasTraining = model.isTraining();
        History history = new History();
        try {
            try (MiniBatches batches = new MiniBatches(x, y, batch, seed);
                 DeviceBatches placed = new DeviceBatches(model.device(), y.cols() == 1 && model.outputFeatures() > 1)) {
                TrainingSteps steps = new TrainingSteps(model, loss, optimizer, clipNorm, clipValue, placed);
                BatchMetrics metrics = new BatchMetrics(model, y.cols());
                for (Callback c : all) {
                    c.onTrainBegin(this);
                }
                for (int epoch = 0; epoch < epochs && stopReason == null; epoch++) {
                    EpochLogs logs = runEpoch(epoch, batches, metrics, all, steps, placed);
                    if (logs == null) {
                        break; // stopped within the epoch
                    }
                    history.add(logs);
                    boolean stop = false;
                    for (Callback c : all) {
                        stop |= c.onEpochEnd(epoch, logs);
                    }
                    if (stop) {
                        stop("stopped by a callback after epoch " + (epoch + 1));
                    }
                }
                history.stopReason(stopReason);
            } finally {
                if (wasTraining) {
                    model.train();
                } else {
                    model.eval();
                }
            }
            for (Callback c : all) {
                c.onTrainEnd(history);
            }
        } finally {
            release(all);
        }
        return history;
    }

    /**
     * Frees what this fit allocated outside the model and optimizer: the callbacks' snapshots and
     * the loss's buffers (it makes them again if used later). Every part is released even if one
     * fails; a failure here never hides the one that ended training.
     */
    private void release(List<Callback> all) {
        for (Callback c : all) {
            try {
                c.teardown();
            } catch (RuntimeException e) {
                LOG.warning("Neurite: a callback failed to release its memory: " + e.getMessage());
            }
        }
        loss.close();
    }

    /** One epoch; null when a callback stopped training in the middle of it. */
    private EpochLogs runEpoch(int epoch, MiniBatches batches, BatchMetrics metrics, List<Callback> all,
                               TrainingSteps steps, DeviceBatches placed) {
        long start = System.nanoTime();
        double learningRate = optimizer.learningRate();
        for (Callback c : all) {
            c.onEpochBegin(epoch);
        }
        model.train();
        batches.shuffle();
        metrics.reset();
        for (int step = 0; step < batches.steps(); step++) {
            double batchLoss = steps.step(epoch, step, batches, metrics);
            for (Callback c : all) {
                c.onBatchEnd(epoch, step, batchLoss);
            }
            if (stopReason != null) {
                return null;
            }
        }
        return finishEpoch(epoch, batches, metrics, start, learningRate, placed);
    }

    /** Validation and the epoch's logs, once its steps are done. */
    private EpochLogs finishEpoch(int epoch, MiniBatches batches, BatchMetrics metrics, long start,
                                  double learningRate, DeviceBatches placed) {
        double trainLoss = metrics.meanLoss();
        double trainAccuracy = metrics.accuracy();
        double validationLoss = Double.NaN;
        double validationAccuracy = Double.NaN;
        if (validationX != null) {
            model.eval();
            evaluate(validationX, validationY, metrics, Math.max(batches.batchSize(), MIN_EVALUATION_CHUNK), placed);
            model.train();
            validationLoss = metrics.meanLoss();
            validationAccuracy = metrics.accuracy();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochLogs(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy,
                learningRate, seconds, batches.rows());
    }

    /** Mean loss and accuracy of the model's current mode on {@code (x, y)}, in row chunks (views). */
    private void evaluate(Tensor x, Tensor y, BatchMetrics metrics, int chunk, DeviceBatches placed) {
        metrics.reset();
        for (int from = 0; from < x.rows(); from += chunk) {
            int to = Math.min(x.rows(), from + chunk);
            Tensor yc = y.rows(from, to);
            Tensor out = model.forward(placed.inputs(x.rows(from, to)));
            double chunkLoss;
            try {
                chunkLoss = loss.forward(out, placed.targets(yc));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("validation rows [" + from + ", " + to + "): "
                        + e.getMessage(), e);
            }
            metrics.add(chunkLoss, out, yc);
        }
    }
}
