package dev.neurite.data.split;

import java.util.Objects;

/**
 * One fold of a cross-validation: the row indices to train on and those to validate on, each
 * sorted ascending and disjoint. {@code number} counts folds from 0.
 */
public record Fold(int number, int[] train, int[] validation) {

    /** Checks the arrays are present; they are not copied (folds are made by the splitters). */
    public Fold {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
    }

    @Override
    public String toString() {
        return "Fold[" + number + ": " + train.length + " train, " + validation.length + " validation]";
    }
}
