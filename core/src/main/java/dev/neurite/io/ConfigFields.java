package dev.neurite.io;

import dev.neurite.nn.Config;
import java.util.HashSet;
import java.util.Set;

/**
 * The saved arguments of a layer or an optimizer, read from its JSON object for the factory or
 * the optimizer that restores them; a missing or mistyped value carries the file's own message
 * (file, path, key) out through {@link Invalid}.
 */
record ConfigFields(JsonFields fields, Set<String> reserved) implements Config {

    /** Unchecked carrier of the {@link ModelFileException} that names the file and the key. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final transient ModelFileException reason;

        Invalid(ModelFileException reason) {
            super(reason.getMessage(), reason);
            this.reason = reason;
        }
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new HashSet<>(fields.map().keySet());
        keys.removeAll(reserved);
        return keys;
    }

    @Override
    public int positiveInt(String key) {
        return read(() -> fields.positiveInt(key));
    }

    @Override
    public double number(String key) {
        return read(() -> fields.number(key));
    }

    @Override
    public boolean bool(String key) {
        return read(() -> fields.bool(key));
    }

    @Override
    public String string(String key) {
        return read(() -> fields.string(key));
    }

    /** One read of {@link JsonFields}, its {@link ModelFileException} carried out unchecked. */
    private interface Read<T> {
        T get() throws ModelFileException;
    }

    private static <T> T read(Read<T> read) {
        try {
            return read.get();
        } catch (ModelFileException e) {
            throw new Invalid(e);
        }
    }

    /** Checks that a config's values are JSON scalars and its keys not reserved; {@code what} names the owner. */
    static void checkSavable(String what, Set<String> reserved, java.util.Map<String, Object> config) {
        for (java.util.Map.Entry<String, Object> e : config.entrySet()) {
            Object v = e.getValue();
            if (reserved.contains(e.getKey())
                    || !(v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof String)) {
                throw new IllegalArgumentException(what + ": config key '" + e.getKey() + "' must not be one of "
                        + reserved + ", and its value a Long, Double, Boolean or String, got " + v);
            }
        }
    }
}
