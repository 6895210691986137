package dev.neurite.optim;

/** Hyper-parameter checks shared by the optimizers: each message names the value, e.g. "invalid momentum: 1.2". */
final class Hyper {

    private Hyper() {
    }

    /** A finite value {@code >= 0}. */
    static double nonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("invalid " + what + ": " + value + " (must be finite and >= 0)");
        }
        return value;
    }

    /** A value in {@code [0, 1)}. */
    static double unitInterval(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("invalid " + what + ": " + value + " (must be in [0, 1))");
        }
        return value;
    }

    /** A value in {@code [0, 1]}. */
    static double closedUnitInterval(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("invalid " + what + ": " + value + " (must be in [0, 1])");
        }
        return value;
    }
}
