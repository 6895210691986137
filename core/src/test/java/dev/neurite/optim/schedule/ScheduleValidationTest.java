package dev.neurite.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Parameter;
import dev.neurite.optim.SGD;
import dev.neurite.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every invalid schedule parameter is an IllegalArgumentException whose message names the value. */
class ScheduleValidationTest {

    private final Parameter p = new Parameter("w", DType.F32, 1, 1);
    private final SGD opt = new SGD(List.of(p), 0.1);

    @AfterEach
    void close() {
        p.close();
    }

    private static void assertRejected(String expectedInMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedInMessage),
                "message '" + e.getMessage() + "' should contain '" + expectedInMessage + "'");
    }

    @Test
    void invalidParametersAreRejected() {
        assertRejected("invalid step size: 0", () -> new StepLR(opt, 0, 0.5));
        assertRejected("invalid gamma: -0.5", () -> new StepLR(opt, 3, -0.5));
        assertRejected("invalid decay rate: 0.0", () -> new ExponentialLR(opt, 0));
        assertRejected("invalid step: -2.0 epochs", () -> new ExponentialLR(opt, 0.9, -2));
        assertRejected("invalid tMax: 0", () -> new CosineAnnealingLR(opt, 0, 0));
        assertRejected("invalid etaMin: -0.1", () -> new CosineAnnealingLR(opt, 10, -0.1));
        assertRejected("invalid factor: 1.0", () -> new ReduceLROnPlateau(opt).factor(1));
        assertRejected("invalid patience: -1", () -> new ReduceLROnPlateau(opt).patience(-1));
        assertRejected("invalid threshold: -1.0E-4", () -> new ReduceLROnPlateau(opt).threshold(-1e-4));
        assertRejected("invalid cooldown: -2", () -> new ReduceLROnPlateau(opt).cooldown(-2));
        assertRejected("invalid minLr: NaN", () -> new ReduceLROnPlateau(opt).minLr(Double.NaN));
    }

    @Test
    void plateauNeverCountsNaNAsImprovement() {
        ReduceLROnPlateau s = new ReduceLROnPlateau(opt).patience(1);
        s.step(1, 1.0);
        s.step(2, Double.NaN);
        s.step(3, Double.NaN);
        assertTrue(opt.learningRate() < 0.1 * 0.11, "reduced after two NaN epochs: " + opt.learningRate());
    }
}
