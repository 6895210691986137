package dev.neurite.io;

import dev.neurite.train.EpochLogs;
import dev.neurite.train.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a saved model carries besides its layers and weights: a free-form map of JSON values
 * (training history, class names, notes) and named preprocessing state as {@code double[]}s
 * (for example a scaler's means and scales, under names such as {@code scaler.mean}), stored
 * exactly. Immutable: the {@code with...} methods return a new instance.
 *
 * <p>Free-form values may be {@code null}, strings, booleans, numbers, lists, arrays of
 * primitives and maps with string keys, nested. They are normalised to what a load gives back:
 * integral numbers become {@link Long}, other numbers {@link Double}, arrays and lists
 * unmodifiable {@link List}s, maps unmodifiable maps in insertion order. Non-finite doubles are
 * kept (written as {@code NaN} or {@code Infinity}, as Python's {@code json} does).
 */
public final class Metadata {

    /** Key of the class names, see {@link #withClassNames}. */
    public static final String CLASS_NAMES = "class_names";
    /** Key of the training history, see {@link #withHistory}. */
    public static final String HISTORY = "history";

    private static final Metadata EMPTY = new Metadata(Map.of(), Map.of());

    private final Map<String, Object> values;
    private final Map<String, double[]> preprocessing;

    private Metadata(Map<String, Object> values, Map<String, double[]> preprocessing) {
        this.values = values;
        this.preprocessing = preprocessing;
    }

    /** No values, no preprocessing state. */
    public static Metadata empty() {
        return EMPTY;
    }

    /**
     * This metadata with {@code key} set to {@code value} (replacing an earlier value).
     *
     * @throws IllegalArgumentException when the value (or something inside it) has no JSON form,
     *     or when {@value #CLASS_NAMES} is set to something other than a list of strings
     */
    public Metadata with(String key, Object value) {
        requireName("metadata key", key);
        Object normal = normalise(value, key);
        if (key.equals(CLASS_NAMES) && normal != null) {
            String problem = listOfStringsProblem(key, normal);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, normal);
        return new Metadata(Collections.unmodifiableMap(copy), preprocessing);
    }

    /** This metadata with the preprocessing state {@code name} set to a copy of {@code state}. */
    public Metadata withPreprocessing(String name, double[] state) {
        requireName("preprocessing name", name);
        Map<String, double[]> copy = new LinkedHashMap<>(preprocessing);
        copy.put(name, state.clone());
        return new Metadata(values, Collections.unmodifiableMap(copy));
    }

    /** This metadata with the class names, in class-index order, under {@value #CLASS_NAMES}. */
    public Metadata withClassNames(List<String> classNames) {
        return with(CLASS_NAMES, classNames);
    }

    /**
     * This metadata with the per-epoch curves of {@code history} under {@value #HISTORY}: lists
     * {@code train_loss}, {@code train_accuracy}, {@code validation_loss},
     * {@code validation_accuracy}, {@code learning_rate} (NaN where not measured) and
     * {@code stop_reason} (null unless training stopped early).
     */
    public Metadata withHistory(History history) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("epochs", (long) history.size());
        h.put("train_loss", history.trainLoss());
        h.put("train_accuracy", history.trainAccuracy());
        h.put("validation_loss", history.validationLoss());
        h.put("validation_accuracy", history.validationAccuracy());
        h.put("learning_rate", history.learningRate());
        h.put("samples", history.epochs().stream().map(EpochLogs::samples).toList());
        h.put("stop_reason", history.stopReason().orElse(null));
        return with(HISTORY, h);
    }

    /** The free-form values, in insertion order (unmodifiable). */
    public Map<String, Object> values() {
        return values;
    }

    /** The value of {@code key}, if present. */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * The string under {@code key}; empty when the key is missing or null.
     *
     * @throws IllegalStateException when the value is not a string, naming the key and what it is
     */
    public Optional<String> string(String key) {
        Object v = values.get(key);
        if (v == null || v instanceof String) {
            return Optional.ofNullable((String) v);
        }
        throw new IllegalStateException("metadata '" + key + "' must be a string, got " + kind(v));
    }

    /**
     * The list of strings under {@code key}; empty when the key is missing or null.
     *
     * @throws IllegalStateException when the value is not a list of strings, naming the key and
     *     what it is
     */
    public Optional<List<String>> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        String problem = listOfStringsProblem(key, v);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        return Optional.of(((List<?>) v).stream().map(String.class::cast).toList());
    }

    /**
     * The class names, or an empty list without them.
     *
     * @throws IllegalStateException when {@value #CLASS_NAMES} is not a list of strings
     */
    public List<String> classNames() {
        return strings(CLASS_NAMES).orElse(List.of());
    }

    /** Why {@code v} (normalised) is not a list of strings, or null when it is one. */
    private static String listOfStringsProblem(String key, Object v) {
        if (!(v instanceof List<?> list)) {
            return "metadata '" + key + "' must be a list of strings, got " + kind(v);
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String)) {
                return "metadata '" + key + "' must be a list of strings, got " + kind(list.get(i)) + " at [" + i + "]";
            }
        }
        return null;
    }

    /** What a normalised value is, in words, for messages: {@code a number (5)}, {@code a list}. */
    private static String kind(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> "a string (\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\")";
            case Boolean b -> "a boolean (" + b + ")";
            case Number n -> "a number (" + n + ")";
            case List<?> l -> "a list";
            case Map<?, ?> m -> "an object";
            default -> "a " + v.getClass().getSimpleName();
        };
    }

    /** The names of the preprocessing state, in insertion order. */
    public List<String> preprocessingNames() {
        return List.copyOf(preprocessing.keySet());
    }

    /** A copy of the preprocessing state {@code name}, if present. */
    public Optional<double[]> preprocessing(String name) {
        double[] v = preprocessing.get(name);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    Map<String, double[]> preprocessingState() {
        return preprocessing;
    }

    /** Rebuilds metadata read from a file (values already in normal form). */
    static Metadata of(Map<String, Object> values, Map<String, double[]> preprocessing) {
        return new Metadata(Collections.unmodifiableMap(new LinkedHashMap<>(values)),
                Collections.unmodifiableMap(new LinkedHashMap<>(preprocessing)));
    }

    private static void requireName(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a " + what + " must be a non-empty string, got \"" + name + "\"");
        }
    }

    private static Object normalise(Object v, String path) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case Double d -> d;
            case Float f -> (double) f;
            case double[] a -> unmodifiable(Arrays.stream(a).boxed().map(Object.class::cast).toList());
            case float[] a -> {
                List<Object> out = new ArrayList<>();
                for (float f : a) {
                    out.add((double) f);
                }
                yield unmodifiable(out);
            }
            case int[] a -> unmodifiable(Arrays.stream(a).mapToObj(i -> (Object) (long) i).toList());
            case long[] a -> unmodifiable(Arrays.stream(a).boxed().map(Object.class::cast).toList());
            case Object[] a -> normalise(Arrays.asList(a), path);
            case List<?> list -> {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(normalise(list.get(i), path + "[" + i + "]"));
                }
                yield unmodifiable(out);
            }
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String k)) {
                        throw new IllegalArgumentException("metadata " + path + ": map keys must be strings, got "
                                + e.getKey());
                    }
                    out.put(k, normalise(e.getValue(), path + "." + k));
                }
                yield Collections.unmodifiableMap(out);
            }
            default -> throw new IllegalArgumentException("metadata " + path + ": a " + v.getClass().getName()
                    + " has no JSON form (use strings, numbers, booleans, lists, arrays and maps)");
        };
    }

    private static List<Object> unmodifiable(List<Object> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Metadata m) || !values.equals(m.values)
                || !preprocessing.keySet().equals(m.preprocessing.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : preprocessing.entrySet()) {
            if (!Arrays.equals(e.getValue(), m.preprocessing.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = values.hashCode();
        for (Map.Entry<String, double[]> e : preprocessing.entrySet()) {
            h = 31 * h + e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        return "Metadata" + values + " preprocessing " + preprocessing.keySet();
    }
}
