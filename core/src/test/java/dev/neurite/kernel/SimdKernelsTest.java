package dev.neurite.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.kernel.provider.KernelProvider;
import dev.neurite.kernel.simd.SimdKernels;
import org.junit.jupiter.api.Test;

/**
 * The Vector API backend against the scalar reference. Run it at each width with
 * {@code -Dneurite.simd.bits=128|256|512} (see the project's build notes).
 */
class SimdKernelsTest extends BackendAgainstScalarTest {

    @Override
    protected Kernels backend() {
        return new SimdKernels();
    }

    @Override
    protected int lanes() {
        return SimdKernels.floatLanes();
    }

    @Test
    void isNamedSimdAndUsesTheRequestedWidth() {
        assertEquals("simd", backend().name());
        String bits = System.getProperty("neurite.simd.bits");
        if (bits != null && !bits.isBlank()) {
            assertEquals(Integer.parseInt(bits.trim()) / 32, lanes());
        }
        assertTrue(lanes() >= 4, "at least 128-bit vectors");
    }

    @Test
    void providerCreatesIt() {
        assertEquals("simd", KernelProvider.create("simd").name());
        assertThrows(IllegalArgumentException.class, () -> KernelProvider.create("vector"));
    }
}
