package dev.neurite.cli;

import dev.neurite.data.preprocess.Scaler;
import dev.neurite.data.preprocess.StandardScaler;
import dev.neurite.data.preprocess.MinMaxScaler;
import dev.neurite.io.Metadata;
import dev.neurite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fitted preprocessing of a run: a feature scaler (or none) and, for regression, a
 * standard scaler of the targets (so the network learns values of order 1); both fitted on
 * training rows only, saved with the model as named state and rebuilt from it.
 */
final class Preprocessing {

    static final String SCALER_KEY = "scaler";
    static final String TARGET_SCALER_KEY = "target_scaler";
    private static final String FEATURE_PREFIX = "scaler.";
    private static final String TARGET_PREFIX = "target.";

    private final Scaler features; // null: none
    private final Scaler targets; // null: none

    private Preprocessing(Scaler features, Scaler targets) {
        this.features = features;
        this.targets = targets;
    }

    /** Fits {@code scaler} (standard, minmax, none) to {@code x} and, for regression with a scaler, one to {@code y}. */
    static Preprocessing fit(String scaler, Task task, Tensor x, Tensor y) {
        Scaler f = switch (scaler) {
            case "standard" -> new StandardScaler().fit(x);
            case "minmax" -> new MinMaxScaler().fit(x);
            default -> null;
        };
        Scaler t = task == Task.REGRESSION && f != null ? new StandardScaler().fit(y) : null;
        return new Preprocessing(f, t);
    }

    /** Features as the network takes them. */
    Tensor features(Tensor x) {
        return features == null ? x : features.transform(x);
    }

    /** Training targets as the network learns them. */
    Tensor targets(Tensor y) {
        return targets == null ? y : targets.transform(y);
    }

    /** Network outputs back in the units of the targets. */
    Tensor outputs(Tensor out) {
        return targets == null ? out : targets.inverseTransform(out);
    }

    /** {@code metadata} with this preprocessing's names and state. */
    Metadata save(Metadata metadata) {
        Metadata m = metadata.with(SCALER_KEY, features == null ? "none" : features.typeName())
                .with(TARGET_SCALER_KEY, targets == null ? "none" : targets.typeName());
        if (features != null) {
            for (Map.Entry<String, double[]> e : features.state().entrySet()) {
                m = m.withPreprocessing(FEATURE_PREFIX + e.getKey(), e.getValue());
            }
        }
        if (targets != null) {
            for (Map.Entry<String, double[]> e : targets.state().entrySet()) {
                m = m.withPreprocessing(TARGET_PREFIX + e.getKey(), e.getValue());
            }
        }
        return m;
    }

    /** The preprocessing saved in {@code metadata}. */
    static Preprocessing load(Metadata metadata) {
        return new Preprocessing(scaler(metadata, SCALER_KEY, FEATURE_PREFIX),
                scaler(metadata, TARGET_SCALER_KEY, TARGET_PREFIX));
    }

    private static Scaler scaler(Metadata metadata, String key, String prefix) {
        String type = metadata.string(key).orElse("none");
        if ("none".equals(type)) {
            return null;
        }
        Map<String, double[]> state = new LinkedHashMap<>();
        for (String name : metadata.preprocessingNames()) {
            if (name.startsWith(prefix)) {
                state.put(name.substring(prefix.length()), metadata.preprocessing(name).orElseThrow());
            }
        }
        return Scaler.fromState(type, state);
    }

    /** The feature scaler's name, or none. */
    String describe() {
        return features == null ? "none" : features.typeName();
    }
}
