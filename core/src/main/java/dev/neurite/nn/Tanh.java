package dev.neurite.nn;

import dev.neurite.kernel.Activation;

/** Hyperbolic tangent. */
public final class Tanh extends ActivationLayer {

    /** Creates the layer. */
    public Tanh() {
        super(Activation.TANH, 0);
    }

    @Override
    public String typeName() {
        return "Tanh";
    }
}
