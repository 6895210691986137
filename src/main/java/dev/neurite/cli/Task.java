package dev.neurite.cli;

import java.util.Locale;

/** What the command line trains a network for. */
enum Task {
    CLASSIFICATION,
    REGRESSION;

    static Task parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "classification", "classify" -> CLASSIFICATION;
            case "regression", "regress" -> REGRESSION;
            default -> throw new IllegalArgumentException("--task must be classification or regression, got '" + text + "'");
        };
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
