package dev.neurite.pipeline;

import dev.neurite.data.preprocess.MinMaxScaler;
import dev.neurite.data.preprocess.Scaler;
import dev.neurite.data.preprocess.SimpleImputer;
import dev.neurite.data.preprocess.StandardScaler;
import dev.neurite.io.Metadata;
import dev.neurite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fitted preprocessing of a pipeline: an imputer of missing features (or none), a feature
 * scaler (or none) and, for regression with scaled features, a standard scaler of the targets
 * (so the network learns values of order 1). All are fitted on training rows only, saved with the
 * model as named state ({@link #writeTo}) and rebuilt from it ({@link #readFrom}). Immutable once
 * fitted; its transforms return new tensors, so one instance serves many threads.
 */
public final class Preprocessing {

    /** Metadata key naming the feature scaler's type ({@code none} when there is none). */
    public static final String SCALER_KEY = "scaler";
    /** Metadata key naming the target scaler's type. */
    public static final String TARGET_SCALER_KEY = "target_scaler";
    /** Metadata key saying whether missing features are imputed ({@code mean}, {@code constant} or {@code none}). */
    public static final String IMPUTER_KEY = "imputer";
    private static final String FEATURE_PREFIX = "scaler.";
    private static final String TARGET_PREFIX = "target.";
    private static final String IMPUTER_PREFIX = "imputer.";

    private final SimpleImputer imputer; // null: none
    private final Scaler features; // null: none
    private final Scaler targets; // null: none

    private Preprocessing(SimpleImputer imputer, Scaler features, Scaler targets) {
        this.imputer = imputer;
        this.features = features;
        this.targets = targets;
    }

    /** No imputer and no scaling: features and targets as they are. */
    public static Preprocessing none() {
        return new Preprocessing(null, null, null);
    }

    /**
     * Fits the preprocessing to training features {@code x (N, d)} and targets {@code y (N, 1)}:
     * {@code imputer} (null: none; fitted here unless already fitted) on {@code x}, then
     * {@code scaling} on the imputed features, and for regression with scaling a standard scaler
     * on {@code y}.
     */
    public static Preprocessing fit(FeatureScaling scaling, SimpleImputer imputer, Task task, Tensor x, Tensor y) {
        if (imputer != null && !imputer.isFitted()) {
            imputer.fit(x);
        }
        Scaler f;
        try (Tensor filled = imputer == null || scaling == FeatureScaling.NONE ? null : imputer.transform(x)) {
            Tensor in = filled == null ? x : filled;
            f = switch (scaling) {
                case STANDARD -> new StandardScaler().fit(in);
                case MIN_MAX -> new MinMaxScaler().fit(in);
                case NONE -> null;
            };
        }
        Scaler t = task == Task.REGRESSION && f != null ? new StandardScaler().fit(y) : null;
        return new Preprocessing(imputer, f, t);
    }

    /** Whether missing (NaN) features are filled; without an imputer they are an error upstream. */
    public boolean imputes() {
        return imputer != null;
    }

    /** The fitted imputer of missing features, or null. */
    public SimpleImputer imputer() {
        return imputer;
    }

    /** The fitted scaler of the features (after imputing), or null for none. */
    public Scaler featureScaler() {
        return features;
    }

    /** The fitted scaler of regression targets (outputs go through its inverse), or null for none. */
    public Scaler targetScaler() {
        return targets;
    }

    /**
     * Features {@code (N, d)} as the network takes them, imputed then scaled: a new tensor that the
     * caller closes (a copy even when there is nothing to do).
     */
    public Tensor features(Tensor x) {
        return inPlaceOnCopy(x, this::featuresInPlace);
    }

    /** {@link #features} in place: {@code x} becomes the network's input (for data nobody else reads). */
    public void featuresInPlace(Tensor x) {
        if (imputer != null) {
            imputer.transform(x, x);
        }
        if (features != null) {
            features.transform(x, x);
        }
    }

    /** Training targets as the network learns them: a new tensor that the caller closes. */
    public Tensor targets(Tensor y) {
        return inPlaceOnCopy(y, this::targetsInPlace);
    }

    /** {@link #targets} in place. */
    public void targetsInPlace(Tensor y) {
        if (targets != null) {
            targets.transform(y, y);
        }
    }

    /** Network outputs back in the units of the targets: a new tensor that the caller closes. */
    public Tensor outputs(Tensor out) {
        return inPlaceOnCopy(out, t -> {
            if (targets != null) {
                targets.inverseTransform(t, t);
            }
        });
    }

    private static Tensor inPlaceOnCopy(Tensor in, java.util.function.Consumer<Tensor> transform) {
        return Tensor.computed(in.dtype(), in.rows(), in.cols(), copy -> {
            copy.copyFrom(in);
            transform.accept(copy);
        });
    }

    /** {@code metadata} with this preprocessing's names and state added. */
    public Metadata writeTo(Metadata metadata) {
        Metadata m = metadata.with(SCALER_KEY, features == null ? "none" : features.typeName())
                .with(TARGET_SCALER_KEY, targets == null ? "none" : targets.typeName());
        m = withState(m, FEATURE_PREFIX, features == null ? Map.of() : features.state());
        m = withState(m, TARGET_PREFIX, targets == null ? Map.of() : targets.state());
        if (imputer != null) {
            m = withState(m.with(IMPUTER_KEY, imputer.strategy().name().toLowerCase(java.util.Locale.ROOT)),
                    IMPUTER_PREFIX, imputer.state());
        }
        return m;
    }

    /**
     * The preprocessing saved in {@code metadata} by {@link #writeTo}.
     *
     * @throws IllegalArgumentException for a missing or malformed state
     */
    public static Preprocessing readFrom(Metadata metadata) {
        SimpleImputer imputer = null;
        if (!"none".equals(metadata.string(IMPUTER_KEY).orElse("none"))) {
            imputer = SimpleImputer.fromState(state(metadata, IMPUTER_PREFIX));
        }
        return new Preprocessing(imputer, scaler(metadata, SCALER_KEY, FEATURE_PREFIX),
                scaler(metadata, TARGET_SCALER_KEY, TARGET_PREFIX));
    }

    private static Metadata withState(Metadata m, String prefix, Map<String, double[]> state) {
        for (Map.Entry<String, double[]> e : state.entrySet()) {
            m = m.withPreprocessing(prefix + e.getKey(), e.getValue());
        }
        return m;
    }

    private static Scaler scaler(Metadata metadata, String key, String prefix) {
        String type = metadata.string(key).orElse("none");
        return "none".equals(type) ? null : Scaler.fromState(type, state(metadata, prefix));
    }

    private static Map<String, double[]> state(Metadata metadata, String prefix) {
        Map<String, double[]> state = new LinkedHashMap<>();
        for (String name : metadata.preprocessingNames()) {
            if (name.startsWith(prefix)) {
                state.put(name.substring(prefix.length()), metadata.preprocessing(name).orElseThrow());
            }
        }
        return state;
    }

    /** The feature scaler's name, or none. */
    public String describe() {
        return (imputer == null ? "" : "imputer " + imputer.strategy().name().toLowerCase(java.util.Locale.ROOT) + ", ")
                + (features == null ? "none" : features.typeName());
    }
}
