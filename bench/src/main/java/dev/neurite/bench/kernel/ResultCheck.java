package dev.neurite.bench.kernel;

/**
 * Verifies a benchmark's output before it is timed: a wrong kernel must fail its setup, not
 * report a speed.
 */
final class ResultCheck {

    private ResultCheck() {
    }

    /**
     * Fails unless {@code |actual - expected| <= tolerance * scale}.
     *
     * @param what names the case and element in the error message
     */
    static void near(String what, double actual, double expected, double tolerance, double scale) {
        double error = Math.abs(actual - expected);
        if (!(error <= tolerance * scale)) {
            throw new IllegalStateException("result check failed for " + what + ": got " + actual
                    + ", reference " + expected + " (allowed error " + tolerance * scale + ")");
        }
    }

    /** Fails unless the two floats are identical (bit patterns of NaN aside). */
    static void exact(String what, float actual, float expected) {
        if (Float.compare(actual, expected) != 0) {
            throw new IllegalStateException("result check failed for " + what + ": got " + actual
                    + ", reference " + expected);
        }
    }
}
