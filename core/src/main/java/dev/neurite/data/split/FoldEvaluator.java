package dev.neurite.data.split;

import java.util.Map;

/**
 * Trains on the training rows of one fold and measures on its validation rows, returning the
 * metrics by name (for example "accuracy" and "loss"). Every fold must return the same names.
 */
@FunctionalInterface
public interface FoldEvaluator {

    /** The metrics of a model trained on rows {@code train} and validated on rows {@code validation}. */
    Map<String, Double> evaluate(int[] train, int[] validation);
}
