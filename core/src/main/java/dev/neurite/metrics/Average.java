package dev.neurite.metrics;

/** How per-class precision, recall and F1 combine into one number (as scikit-learn's {@code average}). */
public enum Average {
    /** Unweighted mean of the per-class values; every class counts the same. */
    MACRO,
    /**
     * From the totals over all classes: {@code sum(TP) / sum(predicted)} and so on. With single-label
     * classes over all class indices this equals accuracy for precision, recall and F1 alike.
     */
    MICRO,
    /** Mean of the per-class values weighted by support (the number of true samples of the class). */
    WEIGHTED
}
