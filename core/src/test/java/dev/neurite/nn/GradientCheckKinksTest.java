package dev.neurite.nn;

import static dev.neurite.nn.GradientChecks.gaussian;
import static dev.neurite.nn.GradientChecks.labels;
import static dev.neurite.nn.GradientChecks.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.loss.BCELoss;
import dev.neurite.nn.loss.Loss;
import dev.neurite.nn.loss.MAELoss;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.MultiClassHingeLoss;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Finite differences across a kink: each test puts one input of a non-smooth function 5e-5 from
 * its kink, inside the reach of the default stencil ({@code +-2e-4}), shows that the difference
 * quotient of the bias moving it is far from the (correct) analytical gradient, and that the check
 * skips that element, names the function, and passes.
 */
class GradientCheckKinksTest {

    /** How far from its kink the tests put one function input: less than the step of 1e-4. */
    private static final double NEAR = 5e-5;

    @Test
    void reluInputNearItsKink() {
        assertKinkSkipped(new ReLU(), "relu1");
    }

    @Test
    void leakyReluInputNearItsKink() {
        assertKinkSkipped(new LeakyReLU(0.1), "leakyrelu1");
    }

    private static void assertKinkSkipped(Layer activation, String name) {
        try (Sequential m = model(3, new Dense(3, 4), activation, new Dense(4, 2))) {
            Tensor x = gaussian(5, 6, 3);
            Tensor target = gaussian(6, 6, 2);
            Dense dense = (Dense) m.layers().get(0);
            double z = dense.bias().value().get(0, 0);
            for (int k = 0; k < 3; k++) {
                z += x.get(0, k) * dense.weight().value().get(k, 0);
            }
            shift(dense.bias(), 0, NEAR - z); // row 0, unit 0 now enters the activation at +5e-5
            assertSkippedAt(m, new MSELoss(), x, target, dense.bias(), 0, name);
        }
    }

    @Test
    void maeTermNearItsKink() {
        try (Sequential m = model(4, new Dense(4, 5), new Tanh(), new Dense(5, 3))) {
            Tensor x = gaussian(5, 7, 4);
            Tensor prediction = m.forward(x).copy();
            Random r = new Random(12);
            Tensor target = Tensor.managed(DType.F64, 7, 3);
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 3; j++) {
                    double offset = (0.5 + r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
                    target.set(i, j, prediction.get(i, j) + offset);
                }
            }
            target.set(0, 0, prediction.get(0, 0) - NEAR);
            Dense out = (Dense) m.layers().get(2);
            assertSkippedAt(m, new MAELoss(), x, target, out.bias(), 0, "mae");
        }
    }

    @Test
    void hingeTermNearItsKink() {
        try (Sequential m = model(4, new Dense(4, 6), new Tanh(), new Dense(6, 4))) {
            Tensor x = gaussian(5, 8, 4);
            Tensor target = labels(4, 8, 4);
            Tensor scores = m.forward(x).copy();
            int y = (int) target.get(0, 0);
            int j = y == 0 ? 1 : 0;
            double term = scores.get(0, j) - scores.get(0, y) + MultiClassHingeLoss.DEFAULT_MARGIN;
            Dense out = (Dense) m.layers().get(2);
            shift(out.bias(), j, NEAR - term); // row 0's margin term for class j is now +5e-5
            assertSkippedAt(m, new MultiClassHingeLoss(), x, target, out.bias(), j, "multiclass-hinge");
        }
    }

    /** Smooth networks record no kinks; a ReLU records one side per element of its output. */
    @Test
    void onlyNonSmoothFunctionsRecordSides() {
        try (Sequential smooth = model(3, new Dense(3, 4), new Tanh(), new Dense(4, 4), new Sigmoid());
             Sequential relu = model(3, new Dense(3, 4), new ReLU(), new Dense(4, 2))) {
            Tensor x = gaussian(5, 6, 3);
            KinkSides sides = new KinkSides();
            smooth.forward(x);
            smooth.recordKinkSides(sides);
            assertEquals(0, sides.size());
            relu.forward(x);
            relu.recordKinkSides(sides);
            assertEquals(6 * 4, sides.size());
        }
    }

    /** BCE's logs meet their floor of -100 at p = e^-100: a prediction moving across it crosses a kink. */
    @Test
    void bceLogFloorIsAKink() {
        BCELoss bce = new BCELoss();
        Tensor target = Tensor.managed(DType.F64, 1, 2);
        target.copyFrom(new double[] {1, 0.5});
        Tensor p = Tensor.managed(DType.F64, 1, 2);
        KinkSides below = new KinkSides();
        KinkSides above = new KinkSides();
        KinkSides again = new KinkSides();
        p.copyFrom(new double[] {1e-50, 0.5});
        bce.forward(p, target);
        bce.recordKinkSides(below);
        p.copyFrom(new double[] {1e-40, 0.5});
        bce.forward(p, target);
        bce.recordKinkSides(above);
        p.copyFrom(new double[] {1e-41, 0.25});
        bce.forward(p, target);
        bce.recordKinkSides(again);
        assertEquals(4, below.size(), "two logs per element");
        assertEquals("bce", above.firstCrossing(below));
        assertEquals(null, again.firstCrossing(above));
    }

    /**
     * Checks that the stencil of {@code bias[col]} crosses the kink (its quotient is off), then that
     * the check skips it against {@code function} and passes.
     */
    private static void assertSkippedAt(Sequential m, Loss loss, Tensor x, Tensor target, Parameter bias, int col,
                                        String function) {
        GradientCheck.Report report = GradientCheck.check(m, loss, x, target);
        double analytic = bias.grad().get(0, col);
        double numeric = fourPoint(m, loss, x, target, bias.value(), col, GradientCheck.DEFAULT_EPSILON);
        assertTrue(Math.abs(analytic - numeric) > 1e-3 * Math.abs(analytic),
                "the stencil really crosses the kink: analytic " + analytic + ", numeric " + numeric);
        GradientCheck.Entry entry = report.parameters().stream()
                .filter(e -> e.name().equals(bias.name())).findFirst().orElseThrow();
        assertTrue(entry.skipped() >= 1, report.format());
        assertEquals(Set.of(function), entry.skippedByKink().keySet(), report.format());
        assertTrue(report.passed() && report.maxRelativeError() < GradientChecks.MAX_RELATIVE_ERROR, report.format());
        assertTrue(report.format().contains("skipped " + bias.name() + ": "), report.format());
    }

    private static double fourPoint(Sequential m, Loss loss, Tensor x, Tensor target, Tensor values, int col,
                                    double h) {
        double saved = values.get(0, col);
        double[] steps = {h, -h, 2 * h, -2 * h};
        double[] l = new double[4];
        for (int k = 0; k < 4; k++) {
            values.set(0, col, saved + steps[k]);
            l[k] = loss.forward(m.forward(x), target);
        }
        values.set(0, col, saved);
        return (8 * (l[0] - l[1]) - (l[2] - l[3])) / (12 * h);
    }

    private static void shift(Parameter p, int col, double by) {
        p.value().set(0, col, p.value().get(0, col) + by);
    }
}
