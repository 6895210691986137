package dev.neurite.nn;

import dev.neurite.kernel.Activation;

/** Rectified linear unit, {@code max(x, 0)}. */
public final class ReLU extends ActivationLayer {

    /** Creates the layer. */
    public ReLU() {
        super(Activation.RELU, 0);
    }

    @Override
    public String typeName() {
        return "ReLU";
    }
}
