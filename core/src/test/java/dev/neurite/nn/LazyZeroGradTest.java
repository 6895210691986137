package dev.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@code zeroGrad} marks gradients as zero without writing them: whatever the memory holds, a
 * read after it sees zeros, the next backward overwrites, and backward passes without it add up.
 */
class LazyZeroGradTest {

    private static Sequential model() {
        return new Sequential(3, 7L, new Dense(3, 4), new ReLU(), new Dense(4, 2));
    }

    private static Tensor input() {
        return Tensor.of(new float[] {0.5f, -1f, 2f, 1.5f, 0.25f, -0.75f}, 2, 3);
    }

    private static Tensor upstream() {
        return Tensor.of(new float[] {1f, -2f, 0.5f, 3f}, 2, 2);
    }

    /** Every parameter's gradient, flattened, in the model's order. */
    private static float[][] grads(Sequential m) {
        float[][] out = new float[m.parameters().size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = m.parameters().get(i).grad().toFloatArray();
        }
        return out;
    }

    private static void assertAllZero(float[][] grads) {
        for (float[] g : grads) {
            for (float v : g) {
                assertEquals(0f, v);
            }
        }
    }

    private static float[][] oneBackward() {
        try (Sequential m = model(); Tensor x = input(); Tensor dY = upstream()) {
            m.forward(x);
            m.backward(dY);
            return grads(m);
        }
    }

    @Test
    void aReadAfterZeroGradSeesZerosWhateverTheMemoryHeld() {
        try (Sequential m = model(); Tensor x = input(); Tensor dY = upstream()) {
            m.forward(x);
            m.backward(dY);
            m.zeroGrad();
            assertAllZero(grads(m));
        }
    }

    @Test
    void theFirstBackwardAfterZeroGradOverwritesGarbage() {
        float[][] expected = oneBackward();
        try (Sequential m = model(); Tensor x = input(); Tensor dY = upstream()) {
            for (Parameter p : m.parameters()) {
                p.gradStorage().fill(Float.NaN);
            }
            m.zeroGrad();
            m.forward(x);
            m.backward(dY);
            float[][] actual = grads(m);
            for (int i = 0; i < expected.length; i++) {
                for (int j = 0; j < expected[i].length; j++) {
                    assertEquals(expected[i][j], actual[i][j], "parameter " + i + " element " + j);
                }
            }
        }
    }

    @Test
    void aBackwardThatFailsAfterZeroGradLeavesTheGradientsZero() {
        try (Sequential m = model(); Tensor x = input(); Tensor dY = upstream();
             Tensor wrongRows = Tensor.of(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 3, 2)) {
            m.forward(x);
            m.backward(dY);
            m.zeroGrad();
            m.forward(x);
            // the batch had 2 rows: the last layer's weight gradient product refuses 3
            assertThrows(IllegalArgumentException.class, () -> m.backward(wrongRows));
            assertAllZero(grads(m));
        }
    }

    @Test
    void backwardPassesWithoutZeroGradAccumulate() {
        float[][] once = oneBackward();
        try (Sequential m = model(); Tensor x = input(); Tensor dY = upstream()) {
            m.zeroGrad();
            m.forward(x);
            m.backward(dY);
            m.forward(x);
            m.backward(dY);
            float[][] twice = grads(m);
            boolean anyNonZero = false;
            for (int i = 0; i < once.length; i++) {
                for (int j = 0; j < once[i].length; j++) {
                    assertEquals(2 * once[i][j], twice[i][j], 1e-6f, "parameter " + i + " element " + j);
                    anyNonZero |= once[i][j] != 0;
                }
            }
            assertTrue(anyNonZero);
        }
    }
}
