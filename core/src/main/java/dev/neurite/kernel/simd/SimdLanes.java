package dev.neurite.kernel.simd;

import jdk.incubator.vector.FloatVector;

/**
 * Sums across the lanes of a vector in one fixed order. {@code reduceLanes(ADD)} leaves the order
 * of a floating-point sum to the implementation, and the JIT's tree of shuffles sums in another
 * order than the interpreter's loop: a softmax row computed before and after C2 compiled the
 * kernel could differ in its last bit. Extracting the lanes and adding them in index order gives
 * the same bits in either.
 */
final class SimdLanes {

    private SimdLanes() {
    }

    /** {@code v[0] + v[1] + ... + v[LANES - 1]}, added in that order. */
    static float sum(FloatVector v) {
        float s = v.lane(0);
        for (int i = 1; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }
}
