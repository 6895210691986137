package dev.neurite.nn;

import java.util.Arrays;

/**
 * The side of its kink that each element of a non-smooth function took in one forward pass. A
 * kink is a point where a function is continuous but its derivative jumps: ReLU and LeakyReLU at
 * 0, {@code |p - t|} at {@code p == t}, a hinge term at 0, a clamp at its bound.
 *
 * <p>{@link GradientCheck} records the sides at the checked point and at every point of a finite
 * difference: where they differ, the difference quotient averages two slopes and estimates
 * neither, so that element is reported as skipped instead of compared. Layers record their sides
 * in {@link Layer#recordKinkSides}, losses in {@link dev.neurite.nn.loss.Loss#recordKinkSides};
 * smooth ones record nothing.
 */
public final class KinkSides {

    private static final byte NAN = 2;

    private byte[] sides = new byte[64];
    private String[] functions = new String[64];
    private int size;

    KinkSides() {
    }

    /**
     * Records one element: {@code offset} is its input to the non-smooth function measured from
     * the kink, so its sign (-, 0 or +) is the side. {@code function} names the function in
     * reports, e.g. a layer name such as {@code relu1}.
     */
    public void add(String function, double offset) {
        if (size == sides.length) {
            sides = Arrays.copyOf(sides, 2 * size);
            functions = Arrays.copyOf(functions, 2 * size);
        }
        sides[size] = Double.isNaN(offset) ? NAN : (byte) Math.signum(offset);
        functions[size] = function;
        size++;
    }

    /** The number of elements recorded. */
    public int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /**
     * The function of the first element whose side differs from {@code reference}, or null when
     * every side is the same.
     */
    String firstCrossing(KinkSides reference) {
        if (size != reference.size) {
            return "a different set of kinks";
        }
        for (int i = 0; i < size; i++) {
            if (sides[i] != reference.sides[i]) {
                return functions[i];
            }
        }
        return null;
    }
}
