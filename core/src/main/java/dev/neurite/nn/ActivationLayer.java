package dev.neurite.nn;

import dev.neurite.kernel.Activation;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/**
 * A point-wise activation {@code Y = f(X)}; shapes {@code (N, d) -> (N, d)}. Backward uses the
 * output: {@code dX = dY * f'(X)} written in terms of {@code Y} (see {@link Activation}).
 */
public abstract class ActivationLayer extends Layer {

    private final Activation function;
    private final double slope;

    ActivationLayer(Activation function, double slope) {
        this.function = function;
        this.slope = slope;
    }

    /** The activation function. */
    public Activation function() {
        return function;
    }

    @Override
    public int outputFeatures(int inputFeatures) {
        return inputFeatures;
    }

    /** The negative-side slope of a leaky ReLU; 0 otherwise. */
    public double slope() {
        return slope;
    }

    @Override
    public Tensor forward(Tensor x, LayerBuffers buffers) {
        Tensor y = buffers.output(x.rows(), x.cols());
        Ops.get().activationForward(function, slope, y, x);
        buffers.keepOutput(y);
        return y;
    }

    /**
     * Takes {@code y}, already holding {@code f(x)} (computed by the preceding dense layer in the
     * same pass as its bias add), as this layer's output for the next backward.
     */
    Tensor adoptOutput(Tensor y, LayerBuffers buffers) {
        buffers.keepOutput(y);
        return y;
    }

    /** ReLU and LeakyReLU have a kink at 0; their output has the sign of their input (ReLU maps {@code x <= 0} to 0). */
    @Override
    protected void recordKinkSides(LayerBuffers buffers, KinkSides sides) {
        if (function != Activation.RELU && function != Activation.LEAKY_RELU) {
            return;
        }
        Tensor y = buffers.keptOutput();
        for (int i = 0; i < y.rows(); i++) {
            for (int j = 0; j < y.cols(); j++) {
                sides.add(name(), y.get(i, j));
            }
        }
    }

    @Override
    public Tensor backward(Tensor dY, LayerBuffers buffers) {
        Tensor y = buffers.keptOutput();
        Tensor dX = buffers.dInput(dY.rows(), dY.cols());
        Ops.get().activationBackward(function, slope, dX, dY, y);
        return dX;
    }
}
