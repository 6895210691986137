package dev.neurite.io;

import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Dense;
import dev.neurite.nn.init.Initializer;
import dev.neurite.nn.Dropout;
import dev.neurite.nn.Identity;
import dev.neurite.nn.Layer;
import dev.neurite.nn.LayerNorm;
import dev.neurite.nn.LeakyReLU;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sigmoid;
import dev.neurite.nn.Softmax;
import dev.neurite.nn.Tanh;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A layer as a JSON object of its type and constructor arguments, and back. Weight
 * initializers are not stored: a loaded model's weights come from the weights file.
 *
 * <pre>
 *   {"name": "dense1", "type": "Dense", "in": 784, "out": 128, "bias": true}
 *   {"name": "leakyrelu1", "type": "LeakyReLU", "slope": 0.01}
 *   {"name": "dropout1", "type": "Dropout", "p": 0.5}
 *   {"name": "batchnorm1", "type": "BatchNorm", "features": 128, "momentum": 0.1, "eps": 1.0E-5}
 *   {"name": "layernorm1", "type": "LayerNorm", "features": 128, "eps": 1.0E-5}
 *   {"name": "relu1", "type": "ReLU"}     (also Sigmoid, Tanh, Identity, Softmax)
 * </pre>
 */
final class LayerCodec {

    /** The layer types a model file may hold. */
    static final Set<String> TYPES = Set.of("Dense", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "Identity",
            "Softmax", "Dropout", "BatchNorm", "LayerNorm");

    private LayerCodec() {
    }

    /** The description of a layer of a built model. */
    static Map<String, Object> describe(Layer layer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", layer.name());
        m.put("type", layer.typeName());
        switch (layer) {
            case Dense d -> {
                m.put("in", (long) d.in());
                m.put("out", (long) d.out());
                m.put("bias", d.hasBias());
            }
            case LeakyReLU l -> m.put("slope", l.slope());
            case Dropout d -> m.put("p", d.p());
            case BatchNorm b -> {
                m.put("features", (long) b.features());
                m.put("momentum", b.momentum());
                m.put("eps", b.eps());
            }
            case LayerNorm l -> {
                m.put("features", (long) l.features());
                m.put("eps", l.eps());
            }
            case ReLU r -> { }
            case Sigmoid s -> { }
            case Tanh t -> { }
            case Identity i -> { }
            case Softmax s -> { }
            default -> throw new IllegalArgumentException("cannot save layer " + layer.name() + " of type "
                    + layer.getClass().getName() + ": model files hold only " + TYPES.stream().sorted().toList());
        }
        return m;
    }

    /** A new layer from its description; {@code where} (e.g. {@code layers[2]}) names it in errors. */
    static Layer build(Path file, String where, Object json) throws ModelFileException {
        JsonFields f = JsonFields.of(file, where, json);
        String type = f.string("type");
        try {
            return switch (type) {
                case "Dense" -> {
                    f.onlyKeys(Set.of("name", "type", "in", "out", "bias"));
                    // the weights are read from the file next: drawing random ones first only costs time
                    yield new Dense(f.positiveInt("in"), f.positiveInt("out"), f.bool("bias"))
                            .weightInit(Initializer.zeros());
                }
                case "LeakyReLU" -> {
                    f.onlyKeys(Set.of("name", "type", "slope"));
                    yield new LeakyReLU(f.number("slope"));
                }
                case "Dropout" -> {
                    f.onlyKeys(Set.of("name", "type", "p"));
                    yield new Dropout(f.number("p"));
                }
                case "BatchNorm" -> {
                    f.onlyKeys(Set.of("name", "type", "features", "momentum", "eps"));
                    yield new BatchNorm(f.positiveInt("features"), f.number("momentum"), f.number("eps"));
                }
                case "LayerNorm" -> {
                    f.onlyKeys(Set.of("name", "type", "features", "eps"));
                    yield new LayerNorm(f.positiveInt("features"), f.number("eps"));
                }
                case "ReLU", "Sigmoid", "Tanh", "Identity", "Softmax" -> {
                    f.onlyKeys(Set.of("name", "type"));
                    yield switch (type) {
                        case "ReLU" -> new ReLU();
                        case "Sigmoid" -> new Sigmoid();
                        case "Tanh" -> new Tanh();
                        case "Identity" -> new Identity();
                        default -> new Softmax();
                    };
                }
                default -> throw new ModelFileException(file, where + ".type \"" + type
                        + "\" is not a layer type Neurite knows " + TYPES.stream().sorted().toList());
            };
        } catch (IllegalArgumentException e) {
            // a constructor rejected an argument: its message names the value
            throw new ModelFileException(file, where + " (" + type + "): " + e.getMessage(), e);
        }
    }
}
