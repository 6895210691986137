package dev.neurite.pipeline;

import java.util.Locale;

/** How a pipeline scales its features, fitted on the training rows only. */
public enum FeatureScaling {
    /** Zero mean, unit variance per feature. */
    STANDARD("standard"),
    /** Each feature mapped to [0, 1] by its training minimum and maximum. */
    MIN_MAX("minmax"),
    /** Features as they are. */
    NONE("none");

    private final String label;

    FeatureScaling(String label) {
        this.label = label;
    }

    /** The scaling named {@code text}: {@code standard}, {@code minmax} or {@code none}. */
    public static FeatureScaling parse(String text) {
        for (FeatureScaling s : values()) {
            if (s.label.equals(text.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("feature scaling must be standard, minmax or none, got '" + text + "'");
    }

    /** The name on the command line and in model files. */
    public String label() {
        return label;
    }
}
