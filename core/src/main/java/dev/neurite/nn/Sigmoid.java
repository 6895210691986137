package dev.neurite.nn;

import dev.neurite.kernel.Activation;

/** Logistic sigmoid, {@code 1 / (1 + exp(-x))}. */
public final class Sigmoid extends ActivationLayer {

    /** Creates the layer. */
    public Sigmoid() {
        super(Activation.SIGMOID, 0);
    }

    @Override
    public String typeName() {
        return "Sigmoid";
    }
}
