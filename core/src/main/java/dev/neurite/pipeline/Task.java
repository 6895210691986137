package dev.neurite.pipeline;

import java.util.Locale;

/** What a pipeline's network learns: class labels or numeric values. */
public enum Task {
    /** Class labels; the network outputs one logit per class. */
    CLASSIFICATION,
    /** Numeric targets; the network outputs the value. */
    REGRESSION;

    /** The task named {@code text} ({@code classification} or {@code regression}, any case). */
    public static Task parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "classification", "classify" -> CLASSIFICATION;
            case "regression", "regress" -> REGRESSION;
            default -> throw new IllegalArgumentException("task must be classification or regression, got '" + text + "'");
        };
    }

    /** The name saved in model files and printed: {@code classification} or {@code regression}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
