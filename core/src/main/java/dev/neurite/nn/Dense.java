package dev.neurite.nn;

import dev.neurite.kernel.Activation;
import dev.neurite.nn.init.Initializer;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.NativeMemory;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fully connected layer: {@code Y = X W + b}.
 *
 * <p>Shapes: input {@code X (N, in)}, weight {@code W (in, out)}, bias {@code b (1, out)}, output
 * {@code Y (N, out)}. Backward: {@code dW += X^T dY}, {@code db += sum_rows(dY)},
 * {@code dX = dY W^T}.
 */
public final class Dense extends Layer {

    private static final int BIAS_GRAD = LayerBuffers.FIRST_FREE;

    private final int in;
    private final int out;
    private final boolean bias;
    private Initializer weightInit;
    private Parameter weight;
    private Parameter biasParam;
    private Tensor weightTransposed; // a view, made once per weight tensor: backward allocates nothing
    private Tensor weightTransposedOf;

    /** A dense layer with a bias; the weight initializer follows the next activation (see {@link Sequential}). */
    public Dense(int in, int out) {
        this(in, out, true);
    }

    /** A dense layer, with or without a bias. */
    public Dense(int in, int out, boolean bias) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Dense needs positive sizes, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.bias = bias;
    }

    /** True when the layer adds a bias. */
    public boolean hasBias() {
        return bias;
    }

    /** Sets the weight initializer (biases start at zero). */
    public Dense weightInit(Initializer init) {
        this.weightInit = init;
        return this;
    }

    Initializer weightInit() {
        return weightInit;
    }

    /** {@code in}, {@code out} and {@code bias}. */
    @Override
    public Map<String, Object> config() {
        return ordered("in", (long) in(), "out", (long) out(), "bias", hasBias());
    }

    @Override
    public String typeName() {
        return "Dense";
    }

    @Override
    public String describe() {
        return "Dense(" + in + " -> " + out + (bias ? "" : ", no bias") + ")";
    }

    /** Input features. */
    public int in() {
        return in;
    }

    /** Output features. */
    public int out() {
        return out;
    }

    @Override
    public int outputFeatures(int inputFeatures) {
        if (inputFeatures != in) {
            throw new IllegalArgumentException(name() + " (" + describe() + ") expects " + in
                    + " input features but receives " + inputFeatures);
        }
        return out;
    }

    @Override
    protected long buildElements(int inputFeatures) {
        long weights = (long) in * out;
        if (weights > NativeMemory.MAX_TENSOR_ELEMENTS) {
            throw new IllegalArgumentException(name() + ": a " + describe() + " layer needs a " + in + "x" + out
                    + " weight (" + weights + " elements), more than the " + NativeMemory.MAX_TENSOR_ELEMENTS
                    + " a tensor may hold");
        }
        return 2 * (weights + (bias ? out : 0));
    }

    @Override
    protected void build(int inputFeatures, DType dtype, Random random) {
        weight = new Parameter(name() + ".weight", dtype, in, out);
        Initializer init = weightInit == null ? Initializer.heNormal() : weightInit;
        if (!(random instanceof SkipInitRandom)) {
            init.initialize(weight.value(), in, out, random);
        }
        if (bias) {
            biasParam = new Parameter(name() + ".bias", dtype, 1, out);
        }
    }

    /** The weight, {@code (in, out)}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, {@code (1, out)}, or null without one. */
    public Parameter bias() {
        return biasParam;
    }

    @Override
    public List<Parameter> parameters() {
        return bias ? List.of(weight, biasParam) : List.of(weight);
    }

    @Override
    public Tensor forward(Tensor x, LayerBuffers buffers) {
        Ops ops = Ops.get();
        Tensor y = buffers.output(x.rows(), out);
        ops.matmul(y, x, weight.value());
        if (bias) {
            ops.addRowVector(y, y, biasParam.value());
        }
        buffers.keepInput(x);
        return y;
    }

    /**
     * Forward pass followed by the activation {@code f}, {@code Y = f(X W + b)}, with the bias add
     * and the activation in one pass over the output; needs a bias. The model uses this for a dense
     * layer followed by an activation layer, which then adopts the result as its output.
     */
    Tensor forwardActivated(Tensor x, LayerBuffers buffers, Activation f, double slope) {
        Ops ops = Ops.get();
        Tensor y = buffers.output(x.rows(), out);
        ops.matmul(y, x, weight.value());
        ops.addRowVectorActivation(f, slope, y, y, biasParam.value());
        buffers.keepInput(x);
        return y;
    }

    @Override
    public Tensor backward(Tensor dY, LayerBuffers buffers) {
        return backward(dY, buffers, true);
    }

    @Override
    Tensor backward(Tensor dY, LayerBuffers buffers, boolean inputGradient) {
        Ops ops = Ops.get();
        Tensor x = buffers.input();
        // dW (in x out) += X^T dY, or = after zeroGrad
        ops.gemm(weight.gradStorage(), 1, buffers.inputTransposed(), dY, weight.gradScale());
        weight.gradWritten();
        if (bias) {
            if (biasParam.gradScale() == 0) {
                ops.columnSums(biasParam.gradStorage(), dY);
            } else {
                Tensor db = buffers.get(BIAS_GRAD, 1, out);
                ops.columnSums(db, dY);
                ops.add(biasParam.gradStorage(), biasParam.gradStorage(), db);
            }
            biasParam.gradWritten();
        }
        if (!inputGradient) {
            return null;
        }
        Tensor dX = buffers.dInput(dY.rows(), in);
        Tensor w = weight.value();
        if (weightTransposedOf != w) { // a model moved to another device has new weight tensors
            weightTransposed = w.transpose();
            weightTransposedOf = w;
        }
        ops.matmul(dX, dY, weightTransposed);
        return dX;
    }
}
