package dev.neurite.io;

import dev.neurite.nn.Parameter;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.OptimizerTypes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An optimizer's type, learning rate, L1 penalty and {@link Optimizer#config()} as a JSON object,
 * and back through the factory {@link OptimizerTypes} holds for the type:
 * <pre>
 *   {"type": "Adam", "learning_rate": 0.001, "l1": 0.0, "beta1": 0.9, "beta2": 0.999, "eps": 1.0E-8,
 *    "weight_decay": 0.0}
 *   {"type": "SGD", "learning_rate": 0.1, "l1": 0.0, "momentum": 0.9, "dampening": 0.0, "nesterov": true,
 *    "weight_decay": 1.0E-4}
 * </pre>
 */
final class OptimizerCodec {

    private static final Set<String> RESERVED = Set.of("type", "learning_rate", "l1");

    private OptimizerCodec() {
    }

    static Map<String, Object> describe(Optimizer optimizer) {
        String type = optimizer.typeName();
        if (!OptimizerTypes.isRegistered(type)) {
            throw new IllegalArgumentException("cannot checkpoint an optimizer of type " + type + " ("
                    + optimizer.getClass().getName() + "): register it first with OptimizerTypes.register(\""
                    + type + "\", factory); registered types: " + OptimizerTypes.names());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("learning_rate", optimizer.learningRate());
        m.put("l1", optimizer.l1());
        Map<String, Object> config = optimizer.config();
        ConfigFields.checkSavable("optimizer " + type, RESERVED, config);
        m.putAll(config);
        return m;
    }

    /** A new optimizer over {@code parameters} with the described type and settings. */
    static Optimizer build(JsonFields f, List<Parameter> parameters) throws ModelFileException {
        String type = f.string("type");
        if (!OptimizerTypes.isRegistered(type)) {
            throw new ModelFileException(f.file(), f.path("type") + " \"" + type
                    + "\" is not an optimizer Neurite checkpoints " + OptimizerTypes.names()
                    + " (an application registers its own with OptimizerTypes.register)");
        }
        double lr = f.number("learning_rate");
        Optimizer optimizer;
        try {
            optimizer = OptimizerTypes.create(type, parameters, lr);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(f.file(), f.path("type") + " " + type + ": " + e.getMessage(), e);
        }
        configure(f, optimizer);
        return optimizer;
    }

    /**
     * Sets every setting of {@code optimizer} (of the described type) to the described value, as
     * PyTorch's {@code load_state_dict} restores its parameter groups.
     */
    static void configure(JsonFields f, Optimizer optimizer) throws ModelFileException {
        String type = f.string("type");
        String actual = optimizer.typeName();
        if (!type.equals(actual) || !OptimizerTypes.isRegistered(actual)) {
            throw new ModelFileException(f.file(), "the checkpoint is for a " + type + " optimizer, not a " + actual);
        }
        Set<String> allowed = new HashSet<>(RESERVED);
        allowed.addAll(optimizer.config().keySet());
        f.onlyKeys(allowed);
        try {
            optimizer.loadConfig(new ConfigFields(f, RESERVED));
            optimizer.setLearningRate(f.number("learning_rate"));
            optimizer.l1(f.number("l1"));
        } catch (ConfigFields.Invalid e) {
            throw e.reason;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(f.file(), f.path("type") + " " + type + ": " + e.getMessage(), e);
        }
    }
}
