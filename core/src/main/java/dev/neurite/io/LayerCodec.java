package dev.neurite.io;

import dev.neurite.nn.Layer;
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
        Map<String, Object> config = layer.config();
        ConfigFields.checkSavable("layer " + layer.name() + " (" + layer.typeName() + ")", RESERVED, config);
        m.putAll(config);
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
            layer = LayerTypes.create(type, new ConfigFields(f, RESERVED));
        } catch (ConfigFields.Invalid e) {
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
}
