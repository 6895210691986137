package dev.neurite.nn;

import dev.neurite.kernel.Activation;

/** The identity, {@code y = x}: a linear output layer. */
public final class Identity extends ActivationLayer {

    /** Creates the layer. */
    public Identity() {
        super(Activation.IDENTITY, 0);
    }

    @Override
    public String typeName() {
        return "Identity";
    }
}
