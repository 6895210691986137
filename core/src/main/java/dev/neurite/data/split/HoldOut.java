package dev.neurite.data.split;

/** A hold-out split of row indices into training, validation and test sets (each sorted, disjoint, covering all rows). */
public record HoldOut(int[] train, int[] validation, int[] test) {

    @Override
    public String toString() {
        return "HoldOut[" + train.length + " train, " + validation.length + " validation, " + test.length + " test]";
    }
}
