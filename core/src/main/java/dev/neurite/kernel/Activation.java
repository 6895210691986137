package dev.neurite.kernel;

/**
 * Point-wise activations. Each backward formula is written in terms of the forward output
 * {@code y = f(x)}, so a layer only keeps its output. NaN inputs give NaN outputs.
 */
public enum Activation {
    /** {@code y = x}; {@code dX = dY}. */
    IDENTITY,
    /** {@code y = x < 0 ? 0 : x}; {@code dX = y > 0 ? dY : 0}. */
    RELU,
    /**
     * {@code y = x < 0 ? slope * x : x} with {@code slope >= 0};
     * {@code dX = y > 0 ? dY : slope * dY}. (With {@code slope >= 0}, {@code y > 0} exactly
     * when {@code x > 0}.)
     */
    LEAKY_RELU,
    /** {@code y = 1 / (1 + exp(-x))}; {@code dX = dY * y * (1 - y)}. */
    SIGMOID,
    /** {@code y = tanh(x)}; {@code dX = dY * (1 - y * y)}. */
    TANH
}
