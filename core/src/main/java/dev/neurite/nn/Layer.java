package dev.neurite.nn;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Device;
import dev.neurite.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One step of a {@link Sequential} model, on batches of rows: input {@code (N, in)}, output
 * {@code (N, out)}.
 *
 * <p>A layer holds its parameters; everything that depends on a batch (outputs, gradients, what
 * forward keeps for backward) lives in the {@link LayerBuffers} it is handed, so one layer serves
 * a training loop and any number of inference threads at once. {@code forward} returns a tensor
 * from its buffers, valid until the next forward in that context; {@code backward} adds the
 * parameter gradients into {@link Parameter#grad()} and returns {@code dInput} from its buffers.
 */
public abstract class Layer {

    private String name;

    /** Type name used in summaries and errors, e.g. {@code Dense}. */
    public abstract String typeName();

    /** Layer name within its model, e.g. {@code dense1}; the type name before it joins a model. */
    public String name() {
        return name == null ? typeName() : name;
    }

    void setName(String name) {
        this.name = name;
    }

    /**
     * The arguments that rebuild this layer, by name, as JSON values ({@link Long}, {@link Double},
     * {@link Boolean}, {@link String}): what a model file stores beside the type name, and what
     * the factory registered with {@link LayerTypes} reads back (the idea of Keras's
     * {@code get_config}). Weights and {@link #stateTensors()} are not part of it. None by default.
     */
    public Map<String, Object> config() {
        return Map.of();
    }

    /** A map of {@code key, value} pairs in the order given, for {@link #config()}. */
    protected static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Short description with sizes, e.g. {@code Dense(784 -> 256)}. */
    public String describe() {
        return typeName();
    }

    /**
     * The number of output features for {@code inputFeatures} inputs.
     *
     * @throws IllegalArgumentException naming this layer and both sizes when they do not fit
     */
    public abstract int outputFeatures(int inputFeatures);

    /**
     * The tensor elements {@link #build} will allocate for {@code inputFeatures} inputs (a
     * parameter counts twice: value and gradient), so that a model can check that it fits in
     * memory before allocating anything. Throws {@link IllegalArgumentException} when one tensor
     * would exceed the element limit. 0 by default.
     */
    protected long buildElements(int inputFeatures) {
        return 0;
    }

    /** Allocates and initialises the parameters; called once by the model. */
    protected void build(int inputFeatures, DType dtype, Random random) {
    }

    /** The trainable parameters, in a fixed order. */
    public List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Tensors besides the parameters that the layer updates itself and that belong to a trained
     * model (the running statistics of {@link BatchNorm}), by short name ({@code running_var}), in a
     * fixed order. Model files save them and weight snapshots cover them. None by default.
     */
    public Map<String, Tensor> stateTensors() {
        return Map.of();
    }

    /**
     * Why this layer cannot run on {@code device} (not the host), or null when it can: the
     * default, since a layer written with {@code Ops} runs wherever its tensors live.
     * {@code Sequential.to} asks every layer before it moves anything.
     */
    protected String deviceLimitation(Device device) {
        return null;
    }

    /**
     * Moves the layer's {@link #stateTensors()} to {@code device} ({@code Sequential.to} moves
     * the parameters itself). Layers with state tensors override it; the default has none.
     */
    protected void moveState(Device device) {
        if (!stateTensors().isEmpty()) {
            throw new UnsupportedOperationException(typeName() + " keeps state tensors but does not move them");
        }
    }

    /** Computes the output of a batch {@code x}. */
    public abstract Tensor forward(Tensor x, LayerBuffers buffers);

    /** Given {@code dY = dLoss/dOutput} of the last forward, accumulates parameter gradients and returns {@code dX}. */
    public abstract Tensor backward(Tensor dY, LayerBuffers buffers);

    /**
     * {@link #backward(Tensor, LayerBuffers)}, except that without {@code inputGradient} a layer
     * may skip computing {@code dX} and return null (the model's first layer in training, whose
     * input gradient nobody reads). Parameter gradients are the same either way.
     */
    Tensor backward(Tensor dY, LayerBuffers buffers, boolean inputGradient) {
        return backward(dY, buffers);
    }

    /**
     * For gradient checks: records in {@code sides} the side of its kink that each element of the
     * last forward in {@code buffers} took, for every point where this layer's derivative jumps
     * (see {@link KinkSides}). Smooth layers record nothing, the default.
     */
    protected void recordKinkSides(LayerBuffers buffers, KinkSides sides) {
    }

    /** Frees parameter memory. */
    void release() {
        for (Parameter p : parameters()) {
            p.close();
        }
    }
}
