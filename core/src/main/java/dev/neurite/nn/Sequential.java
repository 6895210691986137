package dev.neurite.nn;

import dev.neurite.nn.init.Initializer;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Device;
import dev.neurite.tensor.NativeMemory;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A stack of layers applied in order to batches of rows: input {@code (N, inputFeatures)},
 * output {@code (N, outputFeatures)}.
 *
 * <p>Layer sizes are checked when the model is built, and an error names the layers and sizes
 * that do not fit. Layers are named by type and position ({@code dense1}, {@code relu1},
 * {@code dense2}, ...). A {@link Dense} layer without an explicit initializer gets He/Kaiming
 * normal when a ReLU-family activation follows it and Xavier/Glorot normal otherwise. All
 * randomness comes from {@code seed}.
 *
 * <p>{@link #forward}/{@link #backward} run the training context (single-threaded);
 * {@link #predict} runs in evaluation mode on a workspace of its own and may be called from many
 * threads at once. Workspaces are pooled: there are at most as many as calls ever ran at the
 * same time, and a thread that ends leaves nothing behind.
 *
 * <p><b>Memory and closing.</b> The model owns its parameters, state tensors and every
 * workspace, and {@link #close()} frees them all; nothing waits for the garbage collector.
 * Closing while other threads are calling the model is well defined: {@code close()} waits for
 * the calls in flight to finish, then frees everything; calls that start after it began fail
 * with {@link IllegalStateException} ("the model is closed"). A model is never half freed.
 * Before allocating anything the constructor checks that the parameters fit in the memory
 * Neurite may use ({@link NativeMemory}).
 */
public final class Sequential implements AutoCloseable {

    private final int inputFeatures;
    private final int outputFeatures;
    private final DType dtype;
    private final long seed;
    private final List<Layer> layers;
    private final Layer[] layerArray;
    /** {@code fusedWithNext[i]}: dense layer i computes the activation of layer i + 1 in its bias pass. */
    private final boolean[] fusedWithNext;
    /** Index of the first layer with parameters (layers.size() if none): backward stops there. */
    private final int firstParameterLayer;
    private final List<Parameter> parameters;
    private volatile Map<String, Tensor> stateTensors; // rebuilt by to()
    private final Workspace training;
    private final WorkspacePool inference;
    /** Calls hold the read lock; {@link #close()} takes the write lock, so it waits for them. */
    private final ReentrantReadWriteLock calls = new ReentrantReadWriteLock();
    private volatile boolean closed;
    /** Where the parameters and buffers live; changed by {@link #to} under the write lock. */
    private volatile Device device = Device.HOST;

    /** A float32 model. */
    public Sequential(int inputFeatures, long seed, Layer... layers) {
        this(inputFeatures, DType.F32, seed, layers);
    }

    /** A model of the given element type ({@code F64} for gradient checks). */
    public Sequential(int inputFeatures, DType dtype, long seed, Layer... layers) {
        this(inputFeatures, dtype, seed, true, layers);
    }

    /**
     * A model whose built-in initializers do not run: its weights read zero until weights are
     * loaded into it, as {@code ModelIO.load} does (the idea of PyTorch's {@code skip_init}).
     * Drawing the initial weights of a 784-256-128-10 network costs a cold process about 25 ms
     * that a load would throw away. Layers that draw from the random source themselves still do.
     */
    public static Sequential withoutInit(int inputFeatures, DType dtype, long seed, Layer... layers) {
        return new Sequential(inputFeatures, dtype, seed, false, layers);
    }

    private Sequential(int inputFeatures, DType dtype, long seed, boolean initialize, Layer... layers) {
        if (inputFeatures <= 0) {
            throw new IllegalArgumentException("a model needs at least one input feature, got " + inputFeatures);
        }
        if (layers.length == 0) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        this.inputFeatures = inputFeatures;
        this.dtype = dtype;
        this.seed = seed;
        this.layers = List.of(layers);
        nameLayers();
        int width = inputFeatures;
        for (int i = 0; i < layers.length; i++) {
            try {
                width = layers[i].outputFeatures(width);
            } catch (IllegalArgumentException e) {
                String from = i == 0 ? "the model input (" + inputFeatures + " features)"
                        : layers[i - 1].name() + " (" + layers[i - 1].describe() + ")";
                throw new IllegalArgumentException("incompatible layer sizes: " + e.getMessage()
                        + " from " + from, e);
            }
        }
        this.outputFeatures = width;
        ModelResources.checkMemory(inputFeatures, dtype, layers);
        Random random = initialize ? new Random(seed) : new SkipInitRandom(seed);
        List<Parameter> params = new ArrayList<>();
        width = inputFeatures;
        int built = 0;
        try {
            for (int i = 0; i < layers.length; i++) {
                Layer layer = layers[i];
                if (layer instanceof Dense d && d.weightInit() == null) {
                    d.weightInit(defaultInit(i + 1 < layers.length ? layers[i + 1] : null));
                }
                built = i + 1;
                layer.build(width, dtype, random);
                params.addAll(layer.parameters());
                width = layer.outputFeatures(width);
            }
        } catch (RuntimeException | Error e) {
            for (int i = 0; i < built; i++) {
                layers[i].release(); // what the failed build made must not outlive it
            }
            throw e;
        }
        this.parameters = Collections.unmodifiableList(params);
        this.stateTensors = collectState(layers);
        this.layerArray = layers.clone();
        this.fusedWithNext = new boolean[layers.length];
        for (int i = 0; i + 1 < layers.length; i++) {
            fusedWithNext[i] = layers[i] instanceof Dense d && d.bias() != null
                    && layers[i + 1] instanceof ActivationLayer;
        }
        int first = 0;
        while (first < layers.length && layers[first].parameters().isEmpty()) {
            first++;
        }
        this.firstParameterLayer = first;
        this.training = new Workspace(dtype, layers.length, seed, true);
        this.inference = new WorkspacePool(dtype, layers.length, seed);
    }

    /** The layers' state tensors by qualified name ({@code batchnorm1.running_var}). */
    private static Map<String, Tensor> collectState(Layer[] layers) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (Layer layer : layers) {
            layer.stateTensors().forEach((name, t) -> state.put(layer.name() + "." + name, t));
        }
        return Collections.unmodifiableMap(state);
    }

    private void nameLayers() {
        Map<String, Integer> counts = new HashMap<>();
        for (Layer layer : layers) {
            String type = layer.typeName().toLowerCase(Locale.ROOT);
            int n = counts.merge(type, 1, Integer::sum);
            layer.setName(type + n);
        }
    }

    private static Initializer defaultInit(Layer next) {
        if (next instanceof ReLU || next instanceof LeakyReLU) {
            return Initializer.heNormal();
        }
        return Initializer.xavierNormal();
    }

    // ---------------------------------------------------------------------------------------

    /** Input features. */
    public int inputFeatures() {
        return inputFeatures;
    }

    /** Output features. */
    public int outputFeatures() {
        return outputFeatures;
    }

    /** Element type of parameters and activations. */
    public DType dtype() {
        return dtype;
    }

    /** The seed all initial weights and dropout masks come from. */
    public long seed() {
        return seed;
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** All trainable parameters, layer by layer. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The layers' state tensors besides the parameters (see {@link Layer#stateTensors()}), layer by
     * layer, named {@code layer.name} ({@code batchnorm1.running_var}).
     */
    public Map<String, Tensor> stateTensors() {
        return stateTensors;
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        return parameters.stream().mapToLong(Parameter::size).sum();
    }

    /** Switches the training context to training mode (dropout on, batch statistics). */
    public void train() {
        training.setTraining(true);
    }

    /** Switches the training context to evaluation mode. */
    public void eval() {
        training.setTraining(false);
    }

    /** True when {@link #forward} runs in training mode. */
    public boolean isTraining() {
        return training.training();
    }

    /** Clears every parameter gradient. */
    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    // ---------------------------------------------------------------------------------------

    private void checkInput(String op, Tensor x) {
        if (x.cols() != inputFeatures || x.dtype() != dtype) {
            throw new IllegalArgumentException(op + ": the model takes (N, " + inputFeatures + ") "
                    + dtype.label() + " input, got " + x.shape());
        }
        Device here = device;
        if (x.device() != here) {
            throw new IllegalArgumentException(op + ": the model is on " + here.name() + ", the input "
                    + x.shape() + " on " + x.device().name() + "; copy it with to(model.device())");
        }
    }

    /** Where the parameters and buffers live: {@link Device#HOST} unless {@link #to} moved them. */
    public Device device() {
        return device;
    }

    /**
     * Moves the parameters (values and gradients) to {@code device}, where every later forward,
     * backward and prediction runs; inputs must then live there too. Like PyTorch's
     * {@code module.to(device)}, call it before creating the optimizer, whose state is allocated
     * beside the parameters. Waits for calls in flight, as {@link #close()} does.
     *
     * @return this model
     * @throws IllegalArgumentException naming the first layer that cannot run on {@code device}
     * @throws IllegalStateException when the model is closed or an optimizer already holds state
     *     for its parameters
     */
    public Sequential to(Device device) {
        if (calls.getReadHoldCount() > 0) {
            throw new IllegalStateException("to: called from inside a call on this model");
        }
        calls.writeLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("to: the model is closed");
            }
            ModelResources.move(this.device, device, layerArray, parameters);
            stateTensors = collectState(layerArray); // layers replaced their state tensors
            training.moveTo(device);
            inference.moveTo(device);
            this.device = device;
            return this;
        } finally {
            calls.writeLock().unlock();
        }
    }

    /** Enters a call: fails when the model is closed, else holds off {@link #close()} until exit. */
    private void enter(String op) {
        calls.readLock().lock();
        if (closed) {
            calls.readLock().unlock();
            throw new IllegalStateException(op + ": the model is closed");
        }
    }

    private void exit() {
        calls.readLock().unlock();
    }

    /**
     * Forward pass of the training context, in the current mode. The result lives in the model's
     * buffers until the next forward.
     */
    public Tensor forward(Tensor x) {
        checkInput("forward", x);
        enter("forward");
        try {
            return forward(training, x);
        } finally {
            exit();
        }
    }

    private Tensor forward(Workspace ws, Tensor x) {
        Layer[] ls = layerArray;
        Tensor h = x;
        for (int i = 0; i < ls.length; i++) {
            if (fusedWithNext[i]) {
                ActivationLayer act = (ActivationLayer) ls[i + 1];
                h = ((Dense) ls[i]).forwardActivated(h, ws.layer(i), act.function(), act.slope());
                h = act.adoptOutput(h, ws.layer(i + 1));
                i++;
            } else {
                h = ls[i].forward(h, ws.layer(i));
            }
        }
        return h;
    }

    /**
     * Backward pass for the last {@link #forward}: adds every parameter's gradient into its
     * {@code grad} and returns {@code dLoss/dInput}.
     */
    public Tensor backward(Tensor dOutput) {
        return backward(dOutput, true);
    }

    /**
     * Backward pass for the last {@link #forward}, adding every parameter's gradient into its
     * {@code grad}. With {@code inputGradient} it returns {@code dLoss/dInput}; without, it
     * returns null and skips the work only that needs: the input gradient of the first layer with
     * parameters (for the 784-256-128-10 MLP a quarter of the backward multiply-adds) and the
     * backward of any parameter-free layers before it. Training needs no input gradient.
     */
    public Tensor backward(Tensor dOutput, boolean inputGradient) {
        if (dOutput.cols() != outputFeatures || dOutput.dtype() != dtype) {
            throw new IllegalArgumentException("backward: the model gives (N, " + outputFeatures + ") "
                    + dtype.label() + " output, got a gradient of " + dOutput.shape());
        }
        enter("backward");
        try {
            Layer[] ls = layerArray;
            int lowest = inputGradient ? 0 : firstParameterLayer;
            Tensor g = dOutput;
            for (int i = ls.length - 1; i >= lowest; i--) {
                g = ls[i].backward(g, training.layer(i), inputGradient || i > lowest);
            }
            return inputGradient ? g : null;
        } finally {
            exit();
        }
    }

    /**
     * The state of the training context's random source (it draws the dropout masks), so that a
     * checkpoint can resume training with the same masks an uninterrupted run would draw.
     */
    public long trainingRandomState() {
        return training.randomState();
    }

    /**
     * Continues the training context's random source from a {@link #trainingRandomState()}.
     *
     * @throws IllegalArgumentException when {@code state} does not fit in 48 bits
     */
    public void restoreTrainingRandomState(long state) {
        training.setRandomState(state);
    }

    /** Restarts the training context's random source (same dropout masks again). */
    void reseedTraining() {
        training.reseed();
    }

    /** Records the kink sides of every layer for the training context's last forward. */
    void recordKinkSides(KinkSides sides) {
        for (int i = 0; i < layerArray.length; i++) {
            layerArray[i].recordKinkSides(training.layer(i), sides);
        }
    }

    /**
     * Evaluation-mode prediction into {@code out} ({@code (N, outputFeatures)}). Thread-safe: each
     * call borrows a pooled workspace, so once the pool has one per concurrent caller, with
     * buffers for the largest batch, a call allocates nothing.
     */
    public void predict(Tensor x, Tensor out) {
        checkInput("predict", x);
        if (out.rows() != x.rows() || out.cols() != outputFeatures) {
            throw new IllegalArgumentException("predict: output must be " + x.rows() + "x" + outputFeatures
                    + ", got " + out.shape());
        }
        enter("predict");
        try {
            Workspace ws = inference.borrow();
            try {
                out.copyFrom(forward(ws, x));
            } finally {
                inference.giveBack(ws);
            }
        } finally {
            exit();
        }
    }

    /**
     * Evaluation-mode prediction as a new tensor that the caller owns and closes (or use
     * {@link #predict(Tensor, Tensor)} with a buffer of your own). Thread-safe.
     */
    public Tensor predict(Tensor x) {
        checkInput("predict", x);
        Tensor out = Tensor.zeros(dtype, x.rows(), outputFeatures, device);
        try {
            predict(x, out);
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    /** A table of layers, output shapes and parameter counts. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-12s %-26s %-14s %12s%n";
        sb.append(String.format(fmt, "layer", "type", "output", "parameters"));
        int width = inputFeatures;
        for (Layer layer : layers) {
            width = layer.outputFeatures(width);
            long count = layer.parameters().stream().mapToLong(Parameter::size).sum();
            sb.append(String.format(fmt, layer.name(), layer.describe(), "(N, " + width + ")", count));
        }
        sb.append(String.format("total parameters: %d (%s)%n", parameterCount(), dtype.label()));
        return sb.toString();
    }

    /** True once {@link #close()} has begun. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Frees the parameters, the layers' state and every workspace. Waits for calls in flight on
     * other threads to finish first; calls that start later fail with
     * {@link IllegalStateException}. Idempotent.
     *
     * @throws IllegalStateException when called from inside a call on this model (its own thread
     *     would wait for itself)
     */
    @Override
    public void close() {
        if (calls.getReadHoldCount() > 0) {
            throw new IllegalStateException("close: called from inside a call on this model");
        }
        closed = true;
        calls.writeLock().lock();
        try {
            List<Runnable> frees = new ArrayList<>(List.of(training::close, inference::close));
            for (Layer layer : layers) {
                frees.add(layer::release);
            }
            ModelResources.freeAll(frees);
        } finally {
            calls.writeLock().unlock();
        }
    }
}
