package dev.neurite.device;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.opencl.ClType;
import dev.neurite.kernel.opencl.OpenClBuffer;
import dev.neurite.kernel.opencl.OpenClContext;
import dev.neurite.kernel.opencl.OpenClDevice;
import dev.neurite.kernel.opencl.OpenClGemm;
import dev.neurite.kernel.opencl.OpenClOps;
import dev.neurite.kernel.opencl.OpenClRowOps;
import dev.neurite.kernel.opencl.OpenClTrainingOps;
import dev.neurite.nn.ActivationLayer;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Identity;
import dev.neurite.nn.Layer;
import dev.neurite.nn.Parameter;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.Loss;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Optimizer;
import dev.neurite.tensor.DeviceCopies;
import dev.neurite.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Sequential} model mirrored in OpenCL device memory: weights, gradients, optimizer
 * state, activations and (for training) the whole data set stay on the device. A training step
 * gathers its mini-batch rows on the device, runs forward, loss, backward and the optimizer
 * update there, and reads back two numbers: the batch loss and, for classification, the count of
 * correct rows. Weights and optimizer state move between host and device only when asked.
 *
 * <p>Supported: {@link Dense}, the element-wise {@link ActivationLayer}s (ReLU, LeakyReLU,
 * Sigmoid, Tanh) and {@link Identity}; {@link SoftmaxCrossEntropyLoss} on class indices and
 * {@link MSELoss}; SGD, Adam, AdamW and RMSProp; float32, and float64 on devices with fp64.
 * Anything else is rejected when the network is built, naming the layer, loss or optimizer.
 *
 * <p>Methods are {@code synchronized}: one device queue serves one caller at a time.
 */
public final class OpenClNetwork implements AutoCloseable {

    private final Sequential model;
    private final ClType type;
    private final int maxRows;
    private final OpenClContext context;
    private final OpenClOps ops;
    private final OpenClRowOps rowOps;
    private final OpenClTrainingOps trainingOps;
    private final OpenClGemm gemm;
    private final List<DeviceStage> stages = new ArrayList<>();
    private final Map<Parameter, OpenClBuffer[]> parameterBuffers = new HashMap<>(); // value, grad
    private final OpenClBuffer batchX;
    private final List<OpenClBuffer> owned = new ArrayList<>();
    private final Arena arena = Arena.ofShared(); // host scratch, freed by close()
    private final MemorySegment hostStats;

    // training only
    private final Loss loss;
    private final boolean classification;
    private final DeviceOptimizer optimizer;
    private OpenClBuffer dataX;
    private OpenClBuffer dataTargets; // INT32 labels for classification, real values otherwise
    private OpenClBuffer order;
    private int dataRows;
    private OpenClBuffer batchTargets;
    private OpenClBuffer rowLoss; // per-row loss (classification) or differences (regression)
    private OpenClBuffer stats; // [loss sum, correct rows]
    private DeviceClipping clipping; // null: no gradient clipping

    /** An inference-only network on the default device ({@code -Dneurite.opencl.device}). */
    public OpenClNetwork(Sequential model, int maxRows) {
        this(null, model, null, null, maxRows);
    }

    /**
     * A network on {@code device} (null: the default device) for batches of up to
     * {@code maxRows} rows; with a loss and optimizer it can train.
     *
     * @throws IllegalArgumentException for a layer, loss or optimizer the device path lacks
     * @throws dev.neurite.kernel.opencl.OpenClException when OpenCL or the device is missing,
     *     lacks fp64 for a float64 model, or runs out of memory
     */
    public OpenClNetwork(OpenClDevice device, Sequential model, Loss loss, Optimizer optimizer, int maxRows) {
        if (model == null) {
            throw new IllegalArgumentException("OpenClNetwork needs a model");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("OpenClNetwork: invalid maximum batch rows " + maxRows);
        }
        if ((loss == null) != (optimizer == null)) {
            throw new IllegalArgumentException("OpenClNetwork: training needs both a loss and an optimizer");
        }
        if (loss != null && !(loss instanceof SoftmaxCrossEntropyLoss) && !(loss instanceof MSELoss)) {
            throw new IllegalArgumentException("the OpenCL device path supports the softmax cross-entropy and MSE "
                    + "losses, not " + loss.getClass().getSimpleName());
        }
        List<Layer> layers = model.layers();
        checkLayers(layers);
        if (optimizer != null) {
            DeviceOptimizer.slotsOf(optimizer); // rejects unsupported optimizers before any device work
        }
        this.model = model;
        this.loss = loss;
        this.classification = loss instanceof SoftmaxCrossEntropyLoss;
        this.type = DeviceCopies.deviceType(model.dtype());
        this.maxRows = maxRows;
        this.context = device == null ? OpenClContext.open() : new OpenClContext(device);
        try {
            ops = new OpenClOps(context);
            rowOps = new OpenClRowOps(context);
            trainingOps = new OpenClTrainingOps(context);
            gemm = new OpenClGemm(context);
            hostStats = arena.allocate(16, 8);
            batchX = own(context.buffer(type, (long) maxRows * model.inputFeatures()));
            buildStages(layers);
            this.optimizer = optimizer == null ? null : deviceOptimizer(optimizer);
            uploadParameters();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static void checkLayers(List<Layer> layers) {
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (!(layer instanceof Dense) && !(layer instanceof ActivationLayer)) {
                throw new IllegalArgumentException("the OpenCL device path supports Dense, ReLU, LeakyReLU, Sigmoid, "
                        + "Tanh and Identity layers; layer " + (i + 1) + " (" + layer.describe() + ") is not supported");
            }
        }
    }

    /** Dense layers with the activation after them fused; lone activations; identities dropped. */
    private void buildStages(List<Layer> layers) {
        int features = model.inputFeatures();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Dense dense) {
                Activation f = null;
                double slope = 0;
                if (i + 1 < layers.size() && layers.get(i + 1) instanceof ActivationLayer next
                        && next.function() != Activation.IDENTITY) {
                    f = next.function();
                    slope = next.slope();
                    i++;
                }
                DeviceStage stage = new DeviceStage(context, type, dense, f, slope, dense.in(), dense.out(), maxRows);
                stages.add(stage);
                parameterBuffers.put(dense.weight(), new OpenClBuffer[] {stage.weight, stage.weightGrad});
                if (dense.hasBias()) {
                    parameterBuffers.put(dense.bias(), new OpenClBuffer[] {stage.bias, stage.biasGrad});
                }
                features = dense.out();
            } else if (layer instanceof ActivationLayer a && a.function() != Activation.IDENTITY) {
                stages.add(new DeviceStage(context, type, null, a.function(), a.slope(), features, features, maxRows));
            }
        }
        if (stages.isEmpty()) {
            // a model of identities only: one identity stage copies the input through
            stages.add(new DeviceStage(context, type, null, Activation.IDENTITY, 0, features, features, maxRows));
        }
    }

    private DeviceOptimizer deviceOptimizer(Optimizer opt) {
        List<OpenClBuffer> values = new ArrayList<>();
        List<OpenClBuffer> grads = new ArrayList<>();
        List<Parameter> params = opt.parameters();
        long[] sizes = new long[params.size()];
        for (int i = 0; i < params.size(); i++) {
            OpenClBuffer[] buffers = parameterBuffers.get(params.get(i));
            if (buffers == null) {
                throw new IllegalArgumentException("optimizer parameter " + params.get(i).name()
                        + " is not a parameter of the model");
            }
            values.add(buffers[0]);
            grads.add(buffers[1]);
            sizes[i] = params.get(i).size();
        }
        DeviceOptimizer deviceOptimizer = new DeviceOptimizer(context, type, ops, opt, values, grads, sizes);
        deviceOptimizer.upload();
        return deviceOptimizer;
    }

    private OpenClBuffer own(OpenClBuffer buffer) {
        owned.add(buffer);
        return buffer;
    }

    /** One line naming the device. */
    public String deviceDescription() {
        return context.device().describe();
    }

    /** Copies the model's parameters (host) to the device. */
    public synchronized void uploadParameters() {
        for (Map.Entry<Parameter, OpenClBuffer[]> e : parameterBuffers.entrySet()) {
            DeviceCopies.upload(e.getKey().value(), e.getValue()[0], 0);
        }
    }

    /** Copies the device's parameters into the model's (host) parameter tensors. */
    public synchronized void downloadParameters() {
        for (Map.Entry<Parameter, OpenClBuffer[]> e : parameterBuffers.entrySet()) {
            DeviceCopies.download(e.getValue()[0], 0, e.getKey().value());
        }
    }

    /** Copies the host optimizer's state to the device (zeros for an optimizer that has not stepped). */
    public synchronized void uploadOptimizerState() {
        requireTraining("uploadOptimizerState");
        optimizer.upload();
    }

    /** Copies the device optimizer state into the host optimizer's state tensors. */
    public synchronized void downloadOptimizerState() {
        requireTraining("downloadOptimizerState");
        optimizer.download();
    }

    private void requireTraining(String op) {
        if (optimizer == null) {
            throw new IllegalStateException(op + ": this OpenClNetwork was built for inference only");
        }
    }

    /**
     * Puts a training set on the device: inputs {@code x (N, features)} and targets {@code y},
     * class indices {@code (N, 1)} for cross-entropy or values {@code (N, outputs)} for MSE.
     *
     * @throws IllegalArgumentException for shapes that do not fit the model or labels that are
     *     not class indices (naming the row)
     */
    public synchronized void loadData(Tensor x, Tensor y) {
        requireTraining("loadData");
        int outputs = model.outputFeatures();
        if (x.cols() != model.inputFeatures() || x.rows() != y.rows() || x.dtype() != model.dtype()
                || y.cols() != (classification ? 1 : outputs) || x.rows() == 0) {
            throw new IllegalArgumentException("loadData: inputs " + x.shape() + " " + x.dtype() + " and targets "
                    + y.shape() + " do not fit a " + model.dtype() + " model of " + model.inputFeatures() + " inputs and "
                    + outputs + " outputs with " + loss.getClass().getSimpleName());
        }
        int[] labels = classification ? classIndices(y, outputs) : null; // checked before any device work
        releaseData();
        try {
            int rows = x.rows();
            dataX = context.buffer(type, x.size());
            DeviceCopies.upload(x, dataX, 0);
            if (classification) {
                dataTargets = context.buffer(ClType.INT32, rows);
                dataTargets.write(0, MemorySegment.ofArray(labels), 0, rows);
                batchTargets = context.buffer(ClType.INT32, maxRows);
            } else {
                dataTargets = context.buffer(type, y.size());
                DeviceCopies.upload(y, dataTargets, 0);
                batchTargets = context.buffer(type, (long) maxRows * outputs);
            }
            rowLoss = context.buffer(type, (long) maxRows * (classification ? 1 : outputs));
            stats = context.buffer(type, 2);
            order = context.buffer(ClType.INT32, rows);
            int[] identity = new int[rows];
            for (int i = 0; i < rows; i++) {
                identity[i] = i;
            }
            order.write(0, MemorySegment.ofArray(identity), 0, rows);
            dataRows = rows;
        } catch (RuntimeException e) {
            releaseData();
            throw e;
        }
    }

    private static int[] classIndices(Tensor y, int classes) {
        int[] labels = new int[y.rows()];
        for (int i = 0; i < labels.length; i++) {
            double v = y.get(i, 0);
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new IllegalArgumentException("loadData: row " + i + ": target " + v
                        + " is not a class index in [0, " + classes + ")");
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    /** Sets the row order that {@link #trainStep} reads mini-batches from (a permutation of the rows). */
    public synchronized void setOrder(int[] rowOrder) {
        requireData("setOrder");
        if (rowOrder.length != dataRows) {
            throw new IllegalArgumentException("setOrder: " + rowOrder.length + " indices for " + dataRows + " rows");
        }
        order.write(0, MemorySegment.ofArray(rowOrder), 0, dataRows);
    }

    private void requireData(String op) {
        requireTraining(op);
        if (dataX == null) {
            throw new IllegalStateException(op + ": no training data on the device; call loadData first");
        }
    }

    /**
     * Clips the gradients of every training step before the update, as {@code Trainer.clipGradNorm}
     * and {@code clipGradValue} do on the host: to global L2 norm {@code maxNorm} (0: not by norm),
     * then into {@code [-clipValue, clipValue]} (0: not by value).
     */
    public synchronized void clipGradients(double maxNorm, double clipValue) {
        if (optimizer == null) {
            throw new IllegalStateException("clipGradients: this network has no optimizer (inference only)");
        }
        if (clipping != null) {
            clipping.close();
            clipping = null;
        }
        if (maxNorm > 0 || clipValue > 0) {
            clipping = new DeviceClipping(context, type, ops, rowOps, optimizer.grads(), optimizer.sizes(),
                    maxNorm, clipValue);
        }
    }

    /**
     * One training step on the rows {@code order[from .. from + rows)}: gather, forward, loss,
     * backward and update on the device; returns the batch's mean loss and correct count.
     */
    public synchronized StepResult trainStep(int from, int rows) {
        requireData("trainStep");
        if (rows < 1 || rows > maxRows || from < 0 || from + rows > dataRows) {
            throw new IllegalArgumentException("trainStep: rows [" + from + ", " + (from + rows) + ") of "
                    + dataRows + " with batches of at most " + maxRows);
        }
        int inputs = model.inputFeatures();
        int outputs = model.outputFeatures();
        ops.gatherRows(batchX, 0, dataX, 0, inputs, order, from, rows, inputs);
        ops.gatherRows(batchTargets, 0, dataTargets, 0, classification ? 1 : outputs, order, from, rows,
                classification ? 1 : outputs);
        forward(rows);
        DeviceStage last = stages.getLast();
        long elements = (long) rows * outputs;
        if (classification) {
            rowOps.softmaxCrossEntropy(last.outputGrad, 0, outputs, last.output, 0, outputs, batchTargets, 0, rows,
                    outputs, 1.0 / rows, rowLoss, 0);
            rowOps.sum(stats, 0, rowLoss, 0, rows);
            trainingOps.countCorrect(stats, 1, last.output, 0, outputs, batchTargets, 0, rows, outputs);
        } else {
            ops.binary(BinaryOp.SUB, rowLoss, 0, last.output, 0, batchTargets, 0, elements);
            rowOps.sumOfSquares(stats, 0, rowLoss, 0, elements);
            ops.scale(last.outputGrad, 0, MSELoss.gradientFactor(elements), rowLoss, 0, elements);
        }
        backward(rows);
        if (clipping != null) {
            clipping.apply();
        }
        optimizer.step();
        stats.read(0, hostStats, 0, 2); // blocking: the step has finished on the device
        double lossSum = type == ClType.FLOAT32 ? hostStats.get(ValueLayout.JAVA_FLOAT, 0)
                : hostStats.get(ValueLayout.JAVA_DOUBLE, 0);
        double correct = type == ClType.FLOAT32 ? hostStats.get(ValueLayout.JAVA_FLOAT, 4)
                : hostStats.get(ValueLayout.JAVA_DOUBLE, 8);
        return new StepResult(lossSum / (classification ? rows : elements), classification ? (int) correct : -1, rows);
    }

    /** Forward over the first {@code rows} rows of {@link #batchX}. */
    private void forward(int rows) {
        OpenClBuffer x = batchX;
        for (DeviceStage s : stages) {
            if (s.dense != null) {
                gemm.gemm(s.output, 0, s.out, x, 0, s.in, false, s.weight, 0, s.out, false, rows, s.out, s.in, 1, 0);
                if (s.bias != null && s.activation != null) {
                    ops.addRowVectorActivation(s.activation, s.slope, s.output, 0, s.out, s.output, 0, s.out, s.bias, 0,
                            rows, s.out);
                } else if (s.bias != null) {
                    ops.addRowVector(s.output, 0, s.out, s.output, 0, s.out, s.bias, 0, rows, s.out);
                } else if (s.activation != null) {
                    ops.activationForward(s.activation, s.slope, s.output, 0, s.output, 0, (long) rows * s.out);
                }
            } else {
                ops.activationForward(s.activation, s.slope, s.output, 0, x, 0, (long) rows * s.out);
            }
            x = s.output;
        }
    }

    /** Backward from the last stage's {@code outputGrad}; fills every parameter gradient. */
    private void backward(int rows) {
        for (int k = stages.size() - 1; k >= 0; k--) {
            DeviceStage s = stages.get(k);
            OpenClBuffer x = k == 0 ? batchX : stages.get(k - 1).output;
            OpenClBuffer dX = k == 0 ? null : stages.get(k - 1).outputGrad; // the first input needs no gradient
            OpenClBuffer dY = s.outputGrad;
            if (s.dense == null) {
                if (dX != null) {
                    ops.activationBackward(s.activation, s.slope, dX, 0, dY, 0, s.output, 0, (long) rows * s.out);
                }
                continue;
            }
            if (s.activation != null) {
                ops.activationBackward(s.activation, s.slope, dY, 0, dY, 0, s.output, 0, (long) rows * s.out);
            }
            // dW (in, out) = X^T (in, rows) dY (rows, out)
            gemm.gemm(s.weightGrad, 0, s.out, x, 0, s.in, true, dY, 0, s.out, false, s.in, s.out, rows, 1, 0);
            if (s.bias != null) {
                ops.columnSums(s.biasGrad, 0, dY, 0, s.out, rows, s.out);
            }
            if (dX != null) {
                // dX (rows, in) = dY (rows, out) W^T (out, in)
                gemm.gemm(dX, 0, s.in, dY, 0, s.out, false, s.weight, 0, s.out, true, rows, s.in, s.out, 1, 0);
            }
        }
    }

    /**
     * Model outputs for {@code x} into {@code out} ({@code x.rows() x outputs}), computed on the
     * device in chunks of up to the maximum batch rows; only inputs and outputs cross over.
     */
    public synchronized void predict(Tensor x, Tensor out) {
        if (x.cols() != model.inputFeatures() || out.rows() != x.rows() || out.cols() != model.outputFeatures()
                || x.dtype() != model.dtype() || out.dtype() != model.dtype()) {
            throw new IllegalArgumentException("predict: inputs " + x.shape() + " and outputs " + out.shape()
                    + " do not fit a " + model.dtype() + " model of " + model.inputFeatures() + " inputs and "
                    + model.outputFeatures() + " outputs");
        }
        for (int from = 0; from < x.rows(); from += maxRows) {
            int to = Math.min(x.rows(), from + maxRows);
            DeviceCopies.upload(x.rows(from, to), batchX, 0);
            forward(to - from);
            DeviceCopies.download(stages.getLast().output, 0, out.rows(from, to));
        }
    }

    private void releaseData() {
        for (OpenClBuffer b : new OpenClBuffer[] {dataX, dataTargets, order, batchTargets, rowLoss, stats}) {
            if (b != null) {
                b.close();
            }
        }
        dataX = dataTargets = order = batchTargets = rowLoss = stats = null;
        dataRows = 0;
    }

    /** Releases every device buffer and the context. */
    @Override
    public synchronized void close() {
        releaseData();
        if (clipping != null) {
            clipping.close();
            clipping = null;
        }
        if (optimizer != null) {
            optimizer.close();
        }
        stages.forEach(DeviceStage::close);
        stages.clear();
        owned.forEach(OpenClBuffer::close);
        owned.clear();
        if (gemm != null) {
            gemm.close();
        }
        if (rowOps != null) {
            rowOps.close();
        }
        if (ops != null) {
            ops.close();
        }
        if (trainingOps != null) {
            trainingOps.close();
        }
        context.close();
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
