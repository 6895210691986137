package dev.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.loss.Loss;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.Locale;
import java.util.Random;

/** Shared set-up of the float64 gradient checks of layers and losses. */
final class GradientChecks {

    /** The course's standard for float64 gradient checks. */
    static final double MAX_RELATIVE_ERROR = GradientCheckTest.MAX_RELATIVE_ERROR;

    /** Seed of every checked model. */
    static final long MODEL_SEED = 11;

    private GradientChecks() {
    }

    /** A float64 model of {@code layers}. */
    static Sequential model(int in, Layer... layers) {
        return new Sequential(in, DType.F64, MODEL_SEED, layers);
    }

    /** A batch of standard normal values. */
    static Tensor gaussian(long seed, int rows, int cols) {
        return GradientCheckTest.randomBatch(new Random(seed), rows, cols);
    }

    /** A batch of values uniform in {@code [lo, hi)}. */
    static Tensor uniform(long seed, int rows, int cols, double lo, double hi) {
        Random r = new Random(seed);
        Tensor t = Tensor.managed(DType.F64, rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t.set(i, j, lo + (hi - lo) * r.nextDouble());
            }
        }
        return t;
    }

    /** Class labels in {@code [0, classes)}. */
    static Tensor labels(long seed, int rows, int classes) {
        return GradientCheckTest.randomLabels(new Random(seed), rows, classes);
    }

    /** Sets every element of a parameter to a value uniform in {@code [lo, hi)}, so checks do not run at the initial values only. */
    static void randomize(Parameter p, long seed, double lo, double hi) {
        p.value().copyFrom(uniform(seed, p.value().rows(), p.value().cols(), lo, hi));
    }

    /**
     * Runs the check and asserts it passed with the largest relative error below {@link #MAX_RELATIVE_ERROR}.
     * With {@code -Dneurite.gradcheck.print=true} it prints the per-tensor table.
     */
    static GradientCheck.Report assertGradientsMatch(String network, Sequential model, Loss loss, Tensor x,
                                                     Tensor target) {
        GradientCheck.Report report = GradientCheck.check(model, loss, x, target);
        if (Boolean.getBoolean("neurite.gradcheck.print")) {
            System.out.printf(Locale.ROOT, "%-60s max_rel_error %.3e%n%s%n", network, report.maxRelativeError(),
                    report.format());
        }
        assertTrue(report.passed() && report.maxRelativeError() < MAX_RELATIVE_ERROR,
                () -> network + ": gradient check failed:\n" + report.format());
        return report;
    }
}
