package dev.neurite.nn;

import java.util.Random;

/**
 * {@link Random}'s own 48-bit linear congruential generator (same sequence for the same seed)
 * with a state that can be read and set, so a checkpoint can resume a training context's random
 * stream (dropout masks) exactly where it was. The state does not cover a cached
 * {@link #nextGaussian()} value; Neurite's layers draw with {@link #nextDouble()}.
 */
final class RestorableRandom extends Random {

    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private long state; // assigned by setSeed, which Random's constructor calls

    RestorableRandom(long seed) {
        super(seed);
    }

    @Override
    public synchronized void setSeed(long seed) {
        super.setSeed(seed);
        state = (seed ^ MULTIPLIER) & MASK;
    }

    @Override
    protected synchronized int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    /** The generator state, 48 bits. */
    synchronized long state() {
        return state;
    }

    /** Continues the sequence from a state returned by {@link #state()}. */
    synchronized void setState(long state) {
        if ((state & ~MASK) != 0) {
            throw new IllegalArgumentException("random state must fit in 48 bits, got " + state);
        }
        this.state = state;
    }
}
