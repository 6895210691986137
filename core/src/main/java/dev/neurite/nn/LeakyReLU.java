package dev.neurite.nn;

import dev.neurite.kernel.Activation;
import java.util.Map;

/** Leaky ReLU: {@code y = x} for {@code x >= 0}, {@code slope * x} otherwise. */
public final class LeakyReLU extends ActivationLayer {

    private final double slope;

    /** With the conventional slope 0.01. */
    public LeakyReLU() {
        this(0.01);
    }

    /** With the given negative-side slope, in {@code [0, 1)}. */
    public LeakyReLU(double slope) {
        super(Activation.LEAKY_RELU, checked(slope));
        this.slope = slope;
    }

    private static double checked(double slope) {
        if (!(slope >= 0 && slope < 1)) {
            throw new IllegalArgumentException("LeakyReLU slope must be in [0, 1), got " + slope);
        }
        return slope;
    }

    /** The negative-side slope. */
    public double slope() {
        return slope;
    }

    /** {@code slope}. */
    @Override
    public Map<String, Object> config() {
        return Map.of("slope", slope());
    }

    @Override
    public String typeName() {
        return "LeakyReLU";
    }

    @Override
    public String describe() {
        return "LeakyReLU(" + slope + ")";
    }
}
