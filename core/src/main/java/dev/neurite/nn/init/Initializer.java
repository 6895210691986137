package dev.neurite.nn.init;

import dev.neurite.tensor.Tensor;
import java.util.Random;

/**
 * Fills a weight tensor of a layer with {@code fanIn} inputs and {@code fanOut} outputs. Always
 * seeded: the caller passes the random source.
 */
@FunctionalInterface
public interface Initializer {

    /** Overwrites every element of {@code weight}. */
    void initialize(Tensor weight, int fanIn, int fanOut, Random random);

    /** Uniform on {@code [low, high)}. */
    static Initializer uniform(double low, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException("uniform initializer needs low < high, got [" + low + ", " + high + ")");
        }
        return (w, in, out, r) -> Fill.uniform(w, r, low, high);
    }

    /** Normal with the given mean and standard deviation. */
    static Initializer normal(double mean, double std) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal initializer needs std >= 0, got " + std);
        }
        return (w, in, out, r) -> Fill.normal(w, r, mean, std);
    }

    /** Xavier/Glorot normal: {@code N(0, 2 / (in + out))}; for sigmoid and tanh layers. */
    static Initializer xavierNormal() {
        return (w, in, out, r) -> Fill.normal(w, r, 0, Math.sqrt(2.0 / (in + out)));
    }

    /** Xavier/Glorot uniform: {@code U(-a, a)} with {@code a = sqrt(6 / (in + out))}. */
    static Initializer xavierUniform() {
        return (w, in, out, r) -> {
            double a = Math.sqrt(6.0 / (in + out));
            Fill.uniform(w, r, -a, a);
        };
    }

    /** He/Kaiming normal: {@code N(0, 2 / in)}; for the ReLU family. */
    static Initializer heNormal() {
        return (w, in, out, r) -> Fill.normal(w, r, 0, Math.sqrt(2.0 / in));
    }

    /** He/Kaiming uniform: {@code U(-a, a)} with {@code a = sqrt(6 / in)}. */
    static Initializer heUniform() {
        return (w, in, out, r) -> {
            double a = Math.sqrt(6.0 / in);
            Fill.uniform(w, r, -a, a);
        };
    }

    /** Every element {@code value}; zeros for biases. */
    static Initializer constant(double value) {
        return (w, in, out, r) -> w.fill(value);
    }

    /** All zeros. */
    static Initializer zeros() {
        return constant(0);
    }
}
