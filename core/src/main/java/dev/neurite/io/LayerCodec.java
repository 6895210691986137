package dev.neurite.io;

import dev.neurite.nn.Layer;
import dev.neurite.nn.LayerConfig;
import dev.neurite.nn.LayerTypes;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A layer as a JSON object of its name, its type and its {@link Layer#config()}, and back through
 * the factory {@link LayerTypes} holds for the type. Weight initializers are not stored: a loaded
 * model's weights come from the weights file.
 *
 * <pre>
 *   {"name": "dense1", "type": "Dense", "in": 784, "out": 128, "bias": true}
 *   {"name": "leakyrelu1", "type": "LeakyReLU", "slope": 0.01}
 *   {"name": "batchnorm1", "type": "BatchNorm", "features": 128, "momentum": 0.1, "eps": 1.0E-5}
 *   {"name": "relu1", "type": "ReLU"}
 * </pre>
 */
final class LayerCodec {

    private static final Set<String> RESERVED = Set.of("name", "type");

    private LayerCodec() {
    }

    /** The description of a layer of a built model. */
    static Map<String, Object> describe(Layer layer) {
        if (!LayerTypes.isRegistered(layer.typeName())) {
            throw new IllegalArgumentException("cannot save layer " + layer.name() + " of type " + layer.typeName()
                    + " (" + layer.getClass().getName() + "): register it first with LayerTypes.register(\""
                    + layer.typeName() + "\", factory); registered types: " + LayerTypes.names());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", layer.name());
        m.put("type", layer.typeName());
        for (Map.Entry<String, Object> e : layer.config().entrySet()) {
            if (RESERVED.contains(e.getKey()) || !(e.getValue() instanceof Long || e.getValue() instanceof Double
                    || e.getValue() instanceof Boolean || e.getValue() instanceof String)) {
                throw new IllegalArgumentException("layer " + layer.name() + " (" + layer.typeName()
                        + "): config key '" + e.getKey() + "' must not be name or type, and its value a Long, "
                        + "Double, Boolean or String, got " + e.getValue());
            }
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    /** A new layer from its description; {@code where} (e.g. {@code layers[2]}) names it in errors. */
    static Layer build(Path file, String where, Object json) throws ModelFileException {
        JsonFields f = JsonFields.of(file, where, json);
        String type = f.string("type");
        if (!LayerTypes.isRegistered(type)) {
            throw new ModelFileException(file, where + ".type \"" + type + "\" is not a layer type Neurite knows "
                    + LayerTypes.names() + " (an application registers its own with LayerTypes.register)");
        }
        Layer layer;
        try {
            layer = LayerTypes.create(type, new Fields(f));
        } catch (Fields.Invalid e) {
            throw e.reason;
        } catch (IllegalArgumentException e) {
            // a constructor rejected an argument: its message names the value
            throw new ModelFileException(file, where + " (" + type + "): " + e.getMessage(), e);
        }
        Set<String> allowed = new HashSet<>(RESERVED);
        allowed.addAll(layer.config().keySet());
        f.onlyKeys(allowed);
        return layer;
    }

    /** A layer's saved arguments for its factory; a bad value carries the file's own message out. */
    private record Fields(JsonFields f) implements LayerConfig {

        /** Unchecked carrier of the {@link ModelFileException} that names the file and key. */
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
            Set<String> keys = new HashSet<>(f.map().keySet());
            keys.removeAll(RESERVED);
            return keys;
        }

        @Override
        public int positiveInt(String key) {
            try {
                return f.positiveInt(key);
            } catch (ModelFileException e) {
                throw new Invalid(e);
            }
        }

        @Override
        public double number(String key) {
            try {
                return f.number(key);
            } catch (ModelFileException e) {
                throw new Invalid(e);
            }
        }

        @Override
        public boolean bool(String key) {
            try {
                return f.bool(key);
            } catch (ModelFileException e) {
                throw new Invalid(e);
            }
        }

        @Override
        public String string(String key) {
            try {
                return f.string(key);
            } catch (ModelFileException e) {
                throw new Invalid(e);
            }
        }
    }
}
