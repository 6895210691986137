package dev.neurite.cli;

import static dev.neurite.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./neurite gradcheck}: verdict, exit code and the {@code GRADCHECK} line. */
class GradcheckCommandTest {

    /** The classic float64 standard every correct gradient must read below. */
    private static final double STANDARD = 1e-7;

    private static CliRun.Result gradcheck(Object... args) {
        List<Object> line = new ArrayList<>(List.of("gradcheck"));
        line.addAll(List.of(args));
        return run(line.toArray());
    }

    private static void assertPassed(CliRun.Result r) {
        r.succeeded();
        assertTrue(r.lastLine().startsWith("GRADCHECK max_rel_error="), r.lastLine());
        assertEquals("true", r.summary().get("passed"), r.out());
        assertTrue(r.number("max_rel_error") < STANDARD, r.out());
    }

    /**
     * One ReLU input of this network lies within 1e-4 of 0: its finite differences crossed the
     * kink and read as a relative error of 1.29. Those elements are now skipped and counted.
     */
    @Test
    void reluKinkCrossingsAreSkippedAndCounted() {
        CliRun.Result r = gradcheck("--layers", "6,8,8,2", "--activation", "relu", "--loss", "mse", "--dtype", "f64",
                "--seed", 7);
        assertPassed(r);
        assertTrue(r.number("skipped") > 0, r.out());
        assertTrue(r.out().contains("skipped dense1.weight: ") && r.out().contains("kink of relu1"), r.out());
    }

    /** A gradient element of about 4e-6 with an absolute error of 1e-12 read as a relative error of 3.4e-7. */
    @Test
    void tinyGradientElementsAreJudgedByTheirAbsoluteError() {
        CliRun.Result r = gradcheck("--layers", "6,5,4,1", "--activation", "sigmoid", "--loss", "bce-logits",
                "--seed", 7);
        assertPassed(r);
        assertEquals(0, r.number("skipped"), r.out());
        assertTrue(r.number("max_abs_error") < 1e-10, r.out());
    }

    @Test
    void correctGradientsReadBelowTheStandardOverManySeeds() {
        String[][] networks = {
            {"--layers", "6,8,8,2", "--activation", "relu", "--loss", "mse"},
            {"--layers", "6,8,8,3", "--activation", "leaky-relu", "--loss", "softmax-ce"},
            {"--layers", "6,5,4,1", "--activation", "sigmoid", "--loss", "bce-logits"},
            {"--layers", "5,6,4,3", "--activation", "tanh", "--loss", "softmax-ce", "--batchnorm"},
            {"--layers", "5,6,4,3", "--activation", "relu", "--loss", "softmax-ce", "--batchnorm"},
            {"--layers", "5,6,4,2", "--activation", "tanh", "--loss", "mse", "--layernorm", "--dropout", "0.3"},
        };
        int skipped = 0;
        for (String[] network : networks) {
            for (int seed = 1; seed <= 20; seed++) {
                List<Object> args = new ArrayList<>(List.of((Object[]) network));
                args.addAll(List.of("--seed", seed));
                CliRun.Result r = gradcheck(args.toArray());
                assertPassed(r);
                skipped += (int) r.number("skipped");
            }
        }
        assertTrue(skipped > 0, "the ReLU networks crossed some kinks");
    }

    /**
     * Seed 9 gives a row whose first-layer ReLUs are all 0, so the second layer's zero biases put
     * that row exactly on the second ReLU's kink: no finite difference of those biases is valid,
     * and the table says so without calling the gradient wrong.
     */
    @Test
    void aTensorWhoseEveryElementSitsOnAKinkIsReportedUnchecked() {
        CliRun.Result r = gradcheck("--layers", "6,8,8,2", "--activation", "relu", "--loss", "mse", "--seed", 9);
        assertPassed(r);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("dense2.bias") && l.endsWith("unchecked")), r.out());
    }

    /** Tolerances below float64 rounding fail a correct gradient: the report, passed=false, exit 1, one error line. */
    @Test
    void aFailedCheckExitsWithOneAndSaysWhy() {
        CliRun.Result r = gradcheck("--layers", "5,4,3", "--activation", "tanh", "--atol", 0, "--rtol", 1e-15);
        r.failedWith("gradient check failed: ");
        assertTrue(r.err().contains("checked elements beyond atol + rtol * |numeric| (dense1.weight "), r.err());
        assertTrue(r.out().contains("atol 0, rtol 1e-15"), r.out());
        assertEquals("false", r.summary().get("passed"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("dense1.weight") && l.endsWith("FAIL")), r.out());
    }

    @Test
    void float32ChecksWithItsOwnDefaults() {
        CliRun.Result r = gradcheck("--layers", "5,6,4,3", "--activation", "tanh", "--loss", "softmax-ce",
                "--dtype", "f32", "--seed", 3);
        r.succeeded();
        assertEquals("true", r.summary().get("passed"), r.out());
        assertTrue(r.out().contains("epsilon 3e-3, atol 1e-3, rtol 5e-2"), r.out());
    }

    @Test
    void badTolerancesAreOneLineErrors() {
        gradcheck("--atol", -1).failedWith("--atol must be a finite value >= 0, got -1.0");
        gradcheck("--rtol", 0).failedWith("--rtol must be a finite value > 0, got 0.0");
        gradcheck("--epsilon", "NaN").failedWith("--epsilon must be a finite value > 0, got NaN");
    }
}
