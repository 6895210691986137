package dev.neurite.nn;

import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/** A deliberately wrong layer for gradient-check tests: forward is the identity, backward scales by {@code factor}. */
final class ScaledBackward extends Layer {

    private final double factor;

    ScaledBackward(double factor) {
        this.factor = factor;
    }

    @Override
    public String typeName() {
        return "ScaledBackward";
    }

    @Override
    public int outputFeatures(int inputFeatures) {
        return inputFeatures;
    }

    @Override
    public Tensor forward(Tensor x, LayerBuffers buffers) {
        Tensor y = buffers.output(x.rows(), x.cols());
        y.copyFrom(x);
        return y;
    }

    @Override
    public Tensor backward(Tensor dY, LayerBuffers buffers) {
        Tensor dX = buffers.dInput(dY.rows(), dY.cols());
        Ops.get().scale(dX, factor, dY);
        return dX;
    }
}
