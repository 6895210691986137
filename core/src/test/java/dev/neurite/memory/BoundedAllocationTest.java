package dev.neurite.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.MemoryLimitException;
import dev.neurite.tensor.NativeMemory;
import dev.neurite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Sizes from options and code are checked before anything is allocated: a model or tensor that
 * cannot fit is a clear error at once, not an OutOfMemoryError, swap, or the kernel's OOM killer.
 */
class BoundedAllocationTest {

    @Test
    void aLayerWhoseWeightExceedsTheTensorLimitIsRefusedBeforeAllocating() {
        long before = NativeMemory.liveBytes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(2_000_000_000, 1, new Dense(2_000_000_000, 2)));
        assertEquals("dense1: a Dense(2000000000 -> 2) layer needs a 2000000000x2 weight (4000000000 elements),"
                + " more than the 2147483647 a tensor may hold", e.getMessage());
        assertEquals(before, NativeMemory.liveBytes());
    }

    @Test
    void aModelLargerThanTheMemoryLimitIsRefusedBeforeAllocatingAnything() {
        long before = NativeMemory.liveBytes();
        // 784-40000-40000-10: 1.63e9 parameters, 13 GB of f32 values and gradients (the tests' limit is 8 GB)
        MemoryLimitException e = assertThrows(MemoryLimitException.class, () -> new Sequential(784, 1,
                new Dense(784, 40_000), new ReLU(), new Dense(40_000, 40_000), new ReLU(), new Dense(40_000, 10)));
        assertTrue(e.getMessage().startsWith("a model of about 1,631,840,010 parameters (f32 values and gradients)"
                + " needs 13.1 GB, more than the "), e.getMessage());
        assertTrue(e.getMessage().contains("-Dneurite.memory.limit"), e.getMessage());
        assertEquals(before, NativeMemory.liveBytes(), "nothing allocated");
    }

    @Test
    void aTensorBeyondTheLimitOrTheElementCountIsRefused() {
        assertEquals(8L << 30, NativeMemory.limit(), "the tests' limit, set in the build");
        MemoryLimitException over = assertThrows(MemoryLimitException.class,
                () -> Tensor.zeros(DType.F64, 2_000_000_000, 1));
        assertTrue(over.getMessage().startsWith("a 2000000000x1 f64 tensor needs 16.0 GB, more than the "),
                over.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(DType.F32, 100_000, 100_000));
        assertEquals("a 100000x100000 tensor has 10000000000 elements, more than the 2147483647 a tensor may hold",
                e.getMessage());
    }

    @Test
    void sizesAreFormattedForPeople() {
        assertEquals("20.3 GB", NativeMemory.format(20_320_000_000L));
        assertEquals("9.5 MB", NativeMemory.format(9_500_000));
    }
}
