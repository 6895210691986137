package dev.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Invalid hyper-parameters and layer sizes are rejected with messages that name them. */
class LayerValidationTest {

    @Test
    void dropoutProbabilityMustBeInHalfOpenUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
        assertEquals("dropout p must be in [0, 1), got 1.5", e.getMessage());
        for (double p : new double[] {1, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new Dropout(p));
            assertTrue(bad.getMessage().endsWith("got " + p), bad.getMessage());
        }
        assertEquals(0.999, new Dropout(0.999).p());
    }

    @Test
    void batchNormHyperParameters() {
        assertMessage(() -> new BatchNorm(4, -0.1, 1e-5), "momentum", "-0.1");
        assertMessage(() -> new BatchNorm(4, 1.5, 1e-5), "momentum", "1.5");
        assertMessage(() -> new BatchNorm(4, Double.NaN, 1e-5), "momentum", "NaN");
        assertMessage(() -> new BatchNorm(4, 0.1, -1e-5), "eps", "-1.0E-5");
        assertMessage(() -> new BatchNorm(4, 0.1, 0), "eps", "0.0");
        assertMessage(() -> new BatchNorm(0), "features", "0");
        assertMessage(() -> new LayerNorm(4, -1), "eps", "-1.0");
        assertMessage(() -> new LayerNorm(-2), "features", "-2");
    }

    @Test
    void incompatibleSizesNameBothLayers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(4, 1, new Dense(4, 3), new BatchNorm(5)));
        String m = e.getMessage();
        for (String part : new String[] {"batchnorm1", "BatchNorm(5)", "expects 5", "receives 3", "dense1",
            "Dense(4 -> 3)"}) {
            assertTrue(m.contains(part), () -> "'" + part + "' missing from: " + m);
        }
        IllegalArgumentException ln = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(6, 1, new LayerNorm(4), new Dense(4, 2)));
        assertTrue(ln.getMessage().contains("layernorm1 (LayerNorm(4)) expects 4 input features but receives 6"),
                ln.getMessage());
        assertTrue(ln.getMessage().contains("the model input (6 features)"), ln.getMessage());
    }

    @Test
    void layersAreNamedByTypeAndPosition() {
        try (Sequential m = new Sequential(4, 1, new Dense(4, 3), new BatchNorm(3), new Dropout(0.2),
                new Dense(3, 3), new LayerNorm(3), new Softmax(), new BatchNorm(3))) {
            String[] names = m.layers().stream().map(Layer::name).toArray(String[]::new);
            assertEquals(String.join(",", "dense1", "batchnorm1", "dropout1", "dense2", "layernorm1", "softmax1",
                    "batchnorm2"), String.join(",", names));
            assertEquals("batchnorm2.beta", m.parameters().get(m.parameters().size() - 1).name());
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String... parts) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String part : parts) {
            assertTrue(ex.getMessage().contains(part), () -> "'" + part + "' missing from: " + ex.getMessage());
        }
    }
}
