package dev.neurite.nn;

import dev.neurite.tensor.Tensor;

/**
 * What a {@link GradientCheck} needs of a loss: its value, its gradient with respect to the
 * prediction, and the kink sides it took ({@code dev.neurite.nn.loss.Loss} is one). Declared here
 * so that the layers' package does not depend on the losses' package.
 */
public interface Objective {

    /** The loss of {@code prediction} against {@code target}, kept for {@link #backward()}. */
    double forward(Tensor prediction, Tensor target);

    /** {@code dLoss/dPrediction} of the last {@link #forward}. */
    Tensor backward();

    /** Records the side of its kink each element of the last forward took; smooth losses record nothing. */
    default void recordKinkSides(KinkSides sides) {
    }
}
