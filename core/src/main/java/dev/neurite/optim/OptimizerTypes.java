package dev.neurite.optim;

import dev.neurite.nn.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The optimizer types a checkpoint may hold: a factory per {@link Optimizer#typeName()} that makes
 * one over given parameters with a learning rate; the checkpoint then sets the rest with
 * {@link Optimizer#loadConfig}. The built-in optimizers are registered here; an application
 * registers its own once, before it checkpoints or resumes one:
 *
 * <pre>{@code
 * OptimizerTypes.register("Lion", Lion::new);   // Lion(List<Parameter>, double lr)
 * }</pre>
 */
public final class OptimizerTypes {

    private static final Map<String, BiFunction<List<Parameter>, Double, Optimizer>> FACTORIES =
            new ConcurrentHashMap<>();

    static {
        FACTORIES.put("SGD", SGD::new);
        FACTORIES.put("Adam", Adam::new);
        FACTORIES.put("AdamW", AdamW::new);
        FACTORIES.put("RMSProp", RMSProp::new);
    }

    private OptimizerTypes() {
    }

    /**
     * Registers the factory of optimizer type {@code typeName} (its optimizers' {@link Optimizer#typeName()}).
     *
     * @throws IllegalArgumentException for a blank name, or a name already registered (the
     *     built-in types included) with another factory
     */
    public static void register(String typeName, BiFunction<List<Parameter>, Double, Optimizer> factory) {
        Objects.requireNonNull(factory, "factory");
        if (typeName == null || typeName.isBlank()) {
            throw new IllegalArgumentException("an optimizer type needs a name, got '" + typeName + "'");
        }
        BiFunction<List<Parameter>, Double, Optimizer> earlier = FACTORIES.putIfAbsent(typeName, factory);
        if (earlier != null && earlier != factory) {
            throw new IllegalArgumentException("optimizer type " + typeName + " is registered already");
        }
    }

    /** True when checkpoints may hold optimizers of {@code typeName}. */
    public static boolean isRegistered(String typeName) {
        return FACTORIES.containsKey(typeName);
    }

    /** The registered type names, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(FACTORIES.keySet());
    }

    /**
     * A new optimizer of {@code typeName} over {@code parameters}.
     *
     * @throws IllegalArgumentException for a type that is not registered, or a learning rate the
     *     optimizer rejects
     */
    public static Optimizer create(String typeName, List<Parameter> parameters, double learningRate) {
        BiFunction<List<Parameter>, Double, Optimizer> factory = FACTORIES.get(typeName);
        if (factory == null) {
            throw new IllegalArgumentException("\"" + typeName + "\" is not a registered optimizer type " + names());
        }
        Optimizer optimizer = factory.apply(parameters, learningRate);
        if (!typeName.equals(optimizer.typeName())) {
            throw new IllegalStateException("the factory of optimizer type " + typeName + " made a "
                    + optimizer.typeName());
        }
        return optimizer;
    }
}
