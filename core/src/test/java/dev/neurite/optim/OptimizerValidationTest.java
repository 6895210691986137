package dev.neurite.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Parameter;
import dev.neurite.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every invalid hyper-parameter is an IllegalArgumentException whose message names the value. */
class OptimizerValidationTest {

    private final Parameter p = new Parameter("w", DType.F32, 2, 3);
    private final List<Parameter> params = List.of(p);

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
    void learningRateMustBeFiniteAndNonNegative() {
        assertRejected("invalid learning rate: -0.1", () -> new SGD(params, -0.1));
        assertRejected("invalid learning rate: NaN", () -> new Adam(params, Double.NaN));
        assertRejected("invalid learning rate: Infinity", () -> new RMSProp(params, Double.POSITIVE_INFINITY));
        assertRejected("invalid learning rate: -1.0", () -> new AdamW(params, -1));
        assertRejected("invalid learning rate: -0.5", () -> new SGD(params, 0.1).setLearningRate(-0.5));
    }

    @Test
    void momentumMustBeInUnitInterval() {
        assertRejected("invalid momentum: 1.2", () -> new SGD(params, 0.1).momentum(1.2));
        assertRejected("invalid momentum: 1.0", () -> new SGD(params, 0.1).momentum(1));
        assertRejected("invalid momentum: -0.1", () -> new SGD(params, 0.1).momentum(-0.1));
        assertRejected("invalid momentum: 1.5", () -> new RMSProp(params, 0.1).momentum(1.5));
        assertRejected("invalid dampening: 1.1", () -> new SGD(params, 0.1).dampening(1.1));
    }

    @Test
    void nesterovNeedsMomentumAndNoDampening() {
        assertRejected("momentum: 0.0", () -> new SGD(params, 0.1).nesterov(true));
        assertRejected("dampening: 0.5", () -> new SGD(params, 0.1).momentum(0.9).dampening(0.5).nesterov(true));
        assertRejected("invalid momentum: 0.0", () -> new SGD(params, 0.1).momentum(0.9).nesterov(true).momentum(0));
        assertRejected("invalid dampening: 0.1", () -> new SGD(params, 0.1).momentum(0.9).nesterov(true).dampening(0.1));
        SGD ok = new SGD(params, 0.1).momentum(0.9).nesterov(true);
        assertTrue(ok.nesterov());
    }

    @Test
    void betasMustBeInUnitInterval() {
        assertRejected("invalid beta1: 1.0", () -> new Adam(params, 0.1).betas(1, 0.999));
        assertRejected("invalid beta2: -0.5", () -> new Adam(params, 0.1).betas(0.9, -0.5));
        assertRejected("invalid beta2: 1.5", () -> new AdamW(params, 0.1).betas(0.9, 1.5));
        assertRejected("invalid beta1: NaN", () -> new AdamW(params, 0.1).betas(Double.NaN, 0.9));
        assertRejected("invalid alpha: 1.0", () -> new RMSProp(params, 0.1).alpha(1));
    }

    @Test
    void epsWeightDecayAndL1MustBeNonNegative() {
        assertRejected("invalid eps: -1.0E-8", () -> new Adam(params, 0.1).eps(-1e-8));
        assertRejected("invalid eps: -1.0", () -> new AdamW(params, 0.1).eps(-1));
        assertRejected("invalid eps: -0.001", () -> new RMSProp(params, 0.1).eps(-1e-3));
        assertRejected("invalid weight decay: -0.01", () -> new SGD(params, 0.1).weightDecay(-0.01));
        assertRejected("invalid weight decay: -0.2", () -> new Adam(params, 0.1).weightDecay(-0.2));
        assertRejected("invalid weight decay: -0.3", () -> new AdamW(params, 0.1).weightDecay(-0.3));
        assertRejected("invalid weight decay: NaN", () -> new RMSProp(params, 0.1).weightDecay(Double.NaN));
        assertRejected("invalid l1 penalty: -0.5", () -> new SGD(params, 0.1).l1(-0.5));
        assertRejected("invalid l1 penalty: Infinity", () -> new Adam(params, 0.1).l1(Double.POSITIVE_INFINITY));
    }

    @Test
    void clippingArgumentsMustBeNonNegative() {
        assertRejected("invalid max norm: -1.0", () -> GradientClipping.clipByGlobalNorm(params, -1));
        assertRejected("invalid clip value: -0.1", () -> GradientClipping.clipByValue(params, -0.1));
        assertRejected("invalid clip value: NaN", () -> GradientClipping.clipByValue(params, Double.NaN));
    }

    @Test
    void needsParameters() {
        assertRejected("at least one parameter", () -> new SGD(List.of(), 0.1));
        assertRejected("invalid step count: -1", () -> new SGD(params, 0.1).setStepCount(-1));
    }

    @Test
    void defaultsAreThoseOfPyTorch() {
        Adam adam = new Adam(params, 1e-3);
        assertEquals(0.9, adam.beta1());
        assertEquals(0.999, adam.beta2());
        assertEquals(1e-8, adam.eps());
        assertEquals(0, adam.weightDecay());
        AdamW adamW = new AdamW(params, 1e-3);
        assertEquals(0.01, adamW.weightDecay());
        RMSProp rms = new RMSProp(params, 1e-2);
        assertEquals(0.99, rms.alpha());
        assertEquals(1e-8, rms.eps());
        assertEquals(0, rms.momentum());
        assertEquals(false, rms.centered());
    }
}
