package dev.neurite.nn;

import static dev.neurite.nn.GradientChecks.MAX_RELATIVE_ERROR;
import static dev.neurite.nn.GradientChecks.gaussian;
import static dev.neurite.nn.GradientChecks.labels;
import static dev.neurite.nn.GradientChecks.model;
import static dev.neurite.nn.GradientChecks.randomize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.loss.BCEWithLogitsLoss;
import dev.neurite.nn.loss.Loss;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** The verdict of {@link GradientCheck}: tolerances, wrong gradients caught, many seeds, the model left alone. */
class GradientCheckVerdictTest {

    private static GradientCheck.Entry entry(GradientCheck.Report report, String name) {
        return report.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * A bias right before batch norm is cancelled by the mean subtraction: its true gradient is 0,
     * and its numerical one is rounding noise. Relative to max(|a|, |n|) that read as an error of
     * order 1; judged by atol it passes.
     */
    @Test
    void anExactlyZeroGradientIsJudgedByItsAbsoluteError() {
        try (Sequential m = model(5, new Dense(5, 6), new BatchNorm(6), new Tanh(), new Dense(6, 3))) {
            GradientCheck.Report report = GradientCheck.check(m, new SoftmaxCrossEntropyLoss(), gaussian(5, 8, 5),
                    labels(1, 8, 3));
            Dense dense = (Dense) m.layers().get(0);
            for (double g : dense.bias().grad().toDoubleArray()) {
                assertTrue(Math.abs(g) < 1e-15, "the bias before batch norm has no gradient: " + g);
            }
            assertTrue(report.passed() && report.maxRelativeError() < MAX_RELATIVE_ERROR, report.format());
            assertTrue(entry(report, "dense1.bias").maxAbsoluteError() < 1e-11, report.format());
        }
    }

    @Test
    void elementsBelowTheScaleFloorAreJudgedAbsolutely() {
        GradientCheck.Settings s = GradientCheck.Settings.FLOAT64;
        assertTrue(s.accepts(4e-6 + 1.3e-12, 4e-6));
        assertEquals(1.3e-12 / (s.atol() / s.rtol()), s.relativeError(4e-6 + 1.3e-12, 4e-6), 1e-6 * 1.3e-9);
        assertTrue(!s.accepts(1.0 + 2e-6, 1.0));
        assertEquals(Double.POSITIVE_INFINITY, s.relativeError(Double.NaN, 1));
        assertTrue(!s.accepts(Double.NaN, 1));
    }

    /** A layer whose backward is 1% off: every gradient behind it fails, the ones after it pass. */
    @Test
    void aBackwardOffByOnePercentFails() {
        assertWrongBackwardCaught(1.01, new Tanh());
        assertWrongBackwardCaught(1.01, new ReLU());
    }

    /** The check resolves far below 1%: a backward off by 1e-5 fails too. */
    @Test
    void aBackwardOffByOneInAHundredThousandFails() {
        assertWrongBackwardCaught(1 + 1e-5, new Tanh());
    }

    /** Control: the same test layer with an exact backward passes. */
    @Test
    void theTestLayerWithAnExactBackwardPasses() {
        try (Sequential m = model(4, new Dense(4, 5), new Tanh(), new ScaledBackward(1), new Dense(5, 3))) {
            GradientCheck.Report report = GradientCheck.check(m, new SoftmaxCrossEntropyLoss(), gaussian(5, 6, 4),
                    labels(3, 6, 3));
            assertTrue(report.passed() && report.maxRelativeError() < MAX_RELATIVE_ERROR, report.format());
        }
    }

    private static void assertWrongBackwardCaught(double factor, Layer activation) {
        try (Sequential m = model(4, new Dense(4, 5), activation, new ScaledBackward(factor), new Dense(5, 3))) {
            GradientCheck.Report report = GradientCheck.check(m, new SoftmaxCrossEntropyLoss(), gaussian(5, 6, 4),
                    labels(3, 6, 3));
            assertTrue(!report.passed(), report.format());
            for (String wrong : new String[] {"dense1.weight", "dense1.bias", "input"}) {
                assertTrue(entry(report, wrong).failed() > 0, wrong + " is caught:\n" + report.format());
                assertTrue(report.failure().contains(wrong + " "), report.failure());
            }
            for (String right : new String[] {"dense2.weight", "dense2.bias"}) {
                assertEquals(0, entry(report, right).failed(), right + " is right:\n" + report.format());
                assertTrue(!report.failure().contains(right), report.failure());
            }
            assertTrue(report.format().contains("FAIL"), report.format());
        }
    }

    /** Float32 checks with its own defaults: a correct network passes, a backward off by 50% fails. */
    @Test
    void float32CatchesGrossErrors() {
        for (double factor : new double[] {1, 1.5}) {
            try (Sequential m = new Sequential(4, DType.F32, 11, new Dense(4, 5), new Tanh(),
                    new ScaledBackward(factor), new Dense(5, 3))) {
                Tensor x = Tensor.managed(DType.F32, 6, 4);
                x.copyFrom(gaussian(5, 6, 4).toFloatArray());
                Tensor target = Tensor.managed(DType.F32, 6, 1);
                target.copyFrom(labels(3, 6, 3).toFloatArray());
                GradientCheck.Report report = GradientCheck.check(m, new SoftmaxCrossEntropyLoss(), x, target);
                assertEquals(GradientCheck.Settings.FLOAT32, report.settings());
                assertEquals(factor == 1, report.passed(), "factor " + factor + ":\n" + report.format());
            }
        }
    }

    /** Correct gradients read below the classic 1e-7 in float64 for every seed, kinks and zero gradients or not. */
    @Test
    void correctGradientsReadBelowTheStandardOverManySeeds() {
        record Case(String name, LongFunction<Sequential> network, Loss loss, boolean classes, int outputs) {
        }
        Case[] cases = {
            new Case("relu + mse", seed -> new Sequential(4, DType.F64, seed, new Dense(4, 16), new ReLU(),
                    new Dense(16, 12), new ReLU(), new Dense(12, 2)), new MSELoss(), false, 2),
            new Case("leaky-relu + softmax-ce", seed -> new Sequential(4, DType.F64, seed, new Dense(4, 7),
                    new LeakyReLU(), new Dense(7, 3)), new SoftmaxCrossEntropyLoss(), true, 3),
            new Case("sigmoid + bce-logits", seed -> new Sequential(4, DType.F64, seed, new Dense(4, 6),
                    new Sigmoid(), new Dense(6, 2)), new BCEWithLogitsLoss(), false, 2),
            // the bias before batch norm has a true gradient of exactly 0
            new Case("tanh + batchnorm + softmax-ce", seed -> new Sequential(4, DType.F64, seed,
                    new Dense(4, 6), new BatchNorm(6), new Tanh(), new Dense(6, 3)),
                    new SoftmaxCrossEntropyLoss(), true, 3),
        };
        int skipped = 0;
        for (Case c : cases) {
            for (long seed = 1; seed <= 20; seed++) {
                try (Sequential m = c.network().apply(seed)) {
                    for (Parameter p : m.parameters()) {
                        randomize(p, seed * 31 + p.name().hashCode(), -1, 1);
                    }
                    Tensor target = c.classes() ? labels(seed, 7, c.outputs())
                            : GradientChecks.uniform(seed, 7, c.outputs(), 0, 1);
                    GradientCheck.Report report = GradientCheck.check(m, c.loss(), gaussian(seed + 100, 7, 4), target);
                    String where = c.name() + ", seed " + seed + ":\n";
                    assertTrue(report.passed() && report.maxRelativeError() < MAX_RELATIVE_ERROR,
                            () -> where + report.format());
                    skipped += report.skipped();
                }
            }
        }
        assertTrue(skipped > 0, "some ReLU stencils crossed a kink");
    }

    /** Thousands of training-mode forwards leave batch-norm statistics and the dropout random state as they were. */
    @Test
    void theCheckLeavesTheModelAsItFoundIt() {
        try (Sequential m = model(4, new Dense(4, 6), new BatchNorm(6), new Tanh(), new Dropout(0.3),
                new Dense(6, 2))) {
            BatchNorm bn = (BatchNorm) m.layers().get(1);
            m.forward(gaussian(1, 8, 4));
            double[] mean = bn.runningMean().toDoubleArray();
            double[] var = bn.runningVar().toDoubleArray();
            long random = m.trainingRandomState();
            GradientCheck.Report report = GradientCheck.check(m, new MSELoss(), gaussian(5, 8, 4), gaussian(6, 8, 2));
            assertTrue(report.passed(), report.format());
            assertArrayEquals(mean, bn.runningMean().toDoubleArray(), 0);
            assertArrayEquals(var, bn.runningVar().toDoubleArray(), 0);
            assertEquals(random, m.trainingRandomState());
        }
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new GradientCheck.Settings(0, 1e-9, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> new GradientCheck.Settings(1e-4, -1, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> new GradientCheck.Settings(1e-4, 1e-9, 0));
        assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.Settings.FLOAT64.withTolerances(Double.POSITIVE_INFINITY, 1e-6));
        assertEquals(GradientCheck.Settings.FLOAT64, GradientCheck.Settings.defaults(DType.F64));
        assertEquals(GradientCheck.Settings.FLOAT32, GradientCheck.Settings.defaults(DType.F32));
    }
}
