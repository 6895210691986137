package dev.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.DType;
import org.junit.jupiter.api.Test;

/** A model built for loading skips the built-in initializers and nothing else. */
class WithoutInitTest {

    @Test
    void builtInInitializersDoNotRunAndTheArchitectureIsTheSame() {
        try (Sequential drawn = new Sequential(5, DType.F32, 3, new Dense(5, 4), new ReLU(), new Dense(4, 2));
             Sequential empty = Sequential.withoutInit(5, DType.F32, 3, new Dense(5, 4), new ReLU(), new Dense(4, 2))) {
            assertEquals(drawn.parameters().size(), empty.parameters().size());
            for (int i = 0; i < drawn.parameters().size(); i++) {
                Parameter d = drawn.parameters().get(i);
                Parameter e = empty.parameters().get(i);
                assertEquals(d.name(), e.name());
                assertEquals(d.value().rows(), e.value().rows());
                assertEquals(d.value().cols(), e.value().cols());
                float[] values = e.value().toFloatArray();
                assertArrayEquals(new float[values.length], values, e.name() + " reads zero until loaded");
            }
            boolean drawnWeights = false;
            for (float v : drawn.parameters().get(0).value().toFloatArray()) {
                drawnWeights |= v != 0f;
            }
            assertTrue(drawnWeights, "the ordinary constructor draws weights");
        }
    }

    @Test
    void theRandomSourceStillWorksForLayersThatDrawFromIt() {
        assertEquals(new java.util.Random(9).nextLong(), new SkipInitRandom(9).nextLong());
    }
}
