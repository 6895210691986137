package dev.neurite.nn;

import java.io.Serial;
import java.util.Random;

/**
 * The random source {@link Sequential#withoutInit} builds layers with: an ordinary seeded
 * {@code Random}, so that a layer drawing from it directly still works, whose type tells the
 * built-in layers to leave their weights for the load that follows.
 */
final class SkipInitRandom extends Random {

    @Serial
    private static final long serialVersionUID = 1L;

    SkipInitRandom(long seed) {
        super(seed);
    }
}
