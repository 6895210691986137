package dev.neurite.nn;

import dev.neurite.nn.init.Initializer;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The layer types a model file may hold: a factory per {@link Layer#typeName()}, which rebuilds a
 * layer from its saved {@link Layer#config()}. The built-in layers are registered here; an
 * application registers its own layer once, before it saves or loads a model that holds one:
 *
 * <pre>{@code
 * LayerTypes.register("Scale", config -> new Scale(config.number("factor")));
 * }</pre>
 *
 * Its parameters and {@link Layer#stateTensors()} are saved and loaded by name, as the built-in
 * layers' are.
 */
public final class LayerTypes {

    private static final Map<String, Function<Config, Layer>> FACTORIES = new ConcurrentHashMap<>();

    static {
        // a loaded Dense takes its weights from the file next: drawing random ones first only costs time
        FACTORIES.put("Dense", c -> new Dense(c.positiveInt("in"), c.positiveInt("out"), c.bool("bias"))
                .weightInit(Initializer.zeros()));
        FACTORIES.put("LeakyReLU", c -> new LeakyReLU(c.number("slope")));
        FACTORIES.put("Dropout", c -> new Dropout(c.number("p")));
        FACTORIES.put("BatchNorm", c -> new BatchNorm(c.positiveInt("features"), c.number("momentum"), c.number("eps")));
        FACTORIES.put("LayerNorm", c -> new LayerNorm(c.positiveInt("features"), c.number("eps")));
        FACTORIES.put("ReLU", c -> new ReLU());
        FACTORIES.put("Sigmoid", c -> new Sigmoid());
        FACTORIES.put("Tanh", c -> new Tanh());
        FACTORIES.put("Identity", c -> new Identity());
        FACTORIES.put("Softmax", c -> new Softmax());
    }

    private LayerTypes() {
    }

    /**
     * Registers the factory of layer type {@code typeName} (its layers' {@link Layer#typeName()}).
     *
     * @throws IllegalArgumentException for a blank name, or a name already registered (the
     *     built-in types included) with another factory
     */
    public static void register(String typeName, Function<Config, Layer> factory) {
        Objects.requireNonNull(factory, "factory");
        if (typeName == null || typeName.isBlank()) {
            throw new IllegalArgumentException("a layer type needs a name, got '" + typeName + "'");
        }
        Function<Config, Layer> earlier = FACTORIES.putIfAbsent(typeName, factory);
        if (earlier != null && earlier != factory) {
            throw new IllegalArgumentException("layer type " + typeName + " is registered already");
        }
    }

    /** True when model files may hold layers of {@code typeName}. */
    public static boolean isRegistered(String typeName) {
        return FACTORIES.containsKey(typeName);
    }

    /** The registered type names, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(FACTORIES.keySet());
    }

    /**
     * A new layer of {@code typeName} from {@code config}.
     *
     * @throws IllegalArgumentException for a type that is not registered, or arguments the
     *     factory or the layer's constructor reject
     */
    public static Layer create(String typeName, Config config) {
        Function<Config, Layer> factory = FACTORIES.get(typeName);
        if (factory == null) {
            throw new IllegalArgumentException("\"" + typeName + "\" is not a registered layer type " + names());
        }
        Layer layer = factory.apply(config);
        if (!typeName.equals(layer.typeName())) {
            throw new IllegalStateException("the factory of layer type " + typeName + " made a " + layer.typeName());
        }
        return layer;
    }
}
