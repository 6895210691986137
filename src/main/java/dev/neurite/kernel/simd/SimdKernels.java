package dev.neurite.kernel.simd;

import dev.neurite.kernel.scalar.ScalarKernels;

/** Placeholder until the Vector API backend lands. */
public final class SimdKernels extends ScalarKernels {
    public SimdKernels() {
        throw new UnsupportedOperationException("not built yet");
    }
}
