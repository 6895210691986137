package dev.neurite.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to one JSON object of a model file. Every failure is a
 * {@link ModelFileException} naming the file and the field's path, e.g.
 * {@code model.json: layers[2].out must be a positive integer, got -3}.
 */
final class JsonFields {

    private final Path file;
    private final String where;
    private final Map<String, Object> map;

    private JsonFields(Path file, String where, Map<String, Object> map) {
        this.file = file;
        this.where = where;
        this.map = map;
    }

    /** {@code value} as an object; {@code where} names it in errors ("" for the document). */
    @SuppressWarnings("unchecked")
    static JsonFields of(Path file, String where, Object value) throws ModelFileException {
        if (!(value instanceof Map<?, ?> m)) {
            throw new ModelFileException(file, (where.isEmpty() ? "the document" : where)
                    + " must be a JSON object, got " + kind(value));
        }
        return new JsonFields(file, where, (Map<String, Object>) m);
    }

    Path file() {
        return file;
    }

    Map<String, Object> map() {
        return map;
    }

    String path(String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    boolean has(String key) {
        return map.containsKey(key);
    }

    /** Fails when the object has a key outside {@code allowed} (a misspelt or foreign field). */
    void onlyKeys(Set<String> allowed) throws ModelFileException {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new ModelFileException(file, "unknown field " + path(key) + " (expected one of "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    Object get(String key) throws ModelFileException {
        if (!map.containsKey(key)) {
            throw new ModelFileException(file, "missing field " + path(key));
        }
        return map.get(key);
    }

    String string(String key) throws ModelFileException {
        if (get(key) instanceof String s) {
            return s;
        }
        throw wrongType(key, "a string");
    }

    boolean bool(String key) throws ModelFileException {
        if (get(key) instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, "true or false");
    }

    long integer(String key) throws ModelFileException {
        if (get(key) instanceof Long l) {
            return l;
        }
        throw wrongType(key, "an integer");
    }

    int positiveInt(String key) throws ModelFileException {
        Object v = get(key);
        if (v instanceof Long l && l > 0 && l <= Integer.MAX_VALUE) {
            return (int) l.longValue();
        }
        throw wrongType(key, "a positive integer");
    }

    /** A number; integers are accepted too (a hand-written {@code 0} for a rate). */
    double number(String key) throws ModelFileException {
        Object v = get(key);
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw wrongType(key, "a number");
    }

    JsonFields object(String key) throws ModelFileException {
        return of(file, path(key), get(key));
    }

    List<?> list(String key) throws ModelFileException {
        if (get(key) instanceof List<?> l) {
            return l;
        }
        throw wrongType(key, "an array");
    }

    private ModelFileException wrongType(String key, String expected) {
        return new ModelFileException(file, path(key) + " must be " + expected + ", got " + kind(map.get(key)));
    }

    /** How a value appears in an error: its JSON type and, for scalars, the value. */
    static String kind(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            default -> String.valueOf(v);
        };
    }
}
