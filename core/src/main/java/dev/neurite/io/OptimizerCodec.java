package dev.neurite.io;

import dev.neurite.nn.Parameter;
import dev.neurite.optim.Adam;
import dev.neurite.optim.AdamW;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.RMSProp;
import dev.neurite.optim.SGD;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An optimizer's type and hyper-parameters as a JSON object, and back:
 * <pre>
 *   {"type": "Adam", "learning_rate": 0.001, "l1": 0.0, "beta1": 0.9, "beta2": 0.999, "eps": 1.0E-8,
 *    "weight_decay": 0.0}
 *   {"type": "SGD", "learning_rate": 0.1, "l1": 0.0, "momentum": 0.9, "dampening": 0.0, "nesterov": true,
 *    "weight_decay": 1.0E-4}
 *   {"type": "RMSProp", ..., "alpha": 0.99, "eps": 1.0E-8, "momentum": 0.0, "centered": false, "weight_decay": 0.0}
 *   {"type": "AdamW", ..., "beta1": 0.9, "beta2": 0.999, "eps": 1.0E-8, "weight_decay": 0.01}
 * </pre>
 */
final class OptimizerCodec {

    static final Set<String> TYPES = Set.of("SGD", "Adam", "AdamW", "RMSProp");

    private OptimizerCodec() {
    }

    static Map<String, Object> describe(Optimizer optimizer) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (optimizer) {
            case SGD s -> {
                m.put("type", "SGD");
                common(m, optimizer);
                m.put("momentum", s.momentum());
                m.put("dampening", s.dampening());
                m.put("nesterov", s.nesterov());
                m.put("weight_decay", s.weightDecay());
            }
            case Adam a -> {
                m.put("type", "Adam");
                common(m, optimizer);
                m.put("beta1", a.beta1());
                m.put("beta2", a.beta2());
                m.put("eps", a.eps());
                m.put("weight_decay", a.weightDecay());
            }
            case AdamW a -> {
                m.put("type", "AdamW");
                common(m, optimizer);
                m.put("beta1", a.beta1());
                m.put("beta2", a.beta2());
                m.put("eps", a.eps());
                m.put("weight_decay", a.weightDecay());
            }
            case RMSProp r -> {
                m.put("type", "RMSProp");
                common(m, optimizer);
                m.put("alpha", r.alpha());
                m.put("eps", r.eps());
                m.put("momentum", r.momentum());
                m.put("centered", r.centered());
                m.put("weight_decay", r.weightDecay());
            }
            default -> throw new IllegalArgumentException("cannot checkpoint an optimizer of type "
                    + optimizer.getClass().getName() + ": checkpoints hold only " + TYPES.stream().sorted().toList());
        }
        return m;
    }

    private static void common(Map<String, Object> m, Optimizer optimizer) {
        m.put("learning_rate", optimizer.learningRate());
        m.put("l1", optimizer.l1());
    }

    /** A new optimizer over {@code parameters} with the described type and settings. */
    static Optimizer build(JsonFields f, List<Parameter> parameters) throws ModelFileException {
        String type = f.string("type");
        double lr = f.number("learning_rate");
        try {
            Optimizer optimizer = switch (type) {
                case "SGD" -> new SGD(parameters, lr);
                case "Adam" -> new Adam(parameters, lr);
                case "AdamW" -> new AdamW(parameters, lr);
                case "RMSProp" -> new RMSProp(parameters, lr);
                default -> throw new ModelFileException(f.file(), f.path("type") + " \"" + type
                        + "\" is not an optimizer Neurite checkpoints " + TYPES.stream().sorted().toList());
            };
            configure(f, optimizer);
            return optimizer;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(f.file(), f.path("type") + " " + type + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets every setting of {@code optimizer} (of the described type) to the described value, as
     * PyTorch's {@code load_state_dict} restores its parameter groups.
     */
    static void configure(JsonFields f, Optimizer optimizer) throws ModelFileException {
        String type = f.string("type");
        String actual = optimizer.getClass().getSimpleName();
        if (!type.equals(actual) || !TYPES.contains(actual)) {
            throw new ModelFileException(f.file(), "the checkpoint is for a " + type + " optimizer, not a " + actual);
        }
        try {
            switch (optimizer) {
                case SGD s -> {
                    f.onlyKeys(Set.of("type", "learning_rate", "l1", "momentum", "dampening", "nesterov", "weight_decay"));
                    s.nesterov(false).momentum(f.number("momentum")).dampening(f.number("dampening"))
                            .nesterov(f.bool("nesterov")).weightDecay(f.number("weight_decay"));
                }
                case Adam a -> {
                    f.onlyKeys(Set.of("type", "learning_rate", "l1", "beta1", "beta2", "eps", "weight_decay"));
                    a.betas(f.number("beta1"), f.number("beta2")).eps(f.number("eps"))
                            .weightDecay(f.number("weight_decay"));
                }
                case AdamW a -> {
                    f.onlyKeys(Set.of("type", "learning_rate", "l1", "beta1", "beta2", "eps", "weight_decay"));
                    a.betas(f.number("beta1"), f.number("beta2")).eps(f.number("eps"))
                            .weightDecay(f.number("weight_decay"));
                }
                case RMSProp r -> {
                    f.onlyKeys(Set.of("type", "learning_rate", "l1", "alpha", "eps", "momentum", "centered",
                            "weight_decay"));
                    r.alpha(f.number("alpha")).eps(f.number("eps")).momentum(f.number("momentum"))
                            .centered(f.bool("centered")).weightDecay(f.number("weight_decay"));
                }
                default -> throw new IllegalStateException("unreachable: type checked above");
            }
            optimizer.setLearningRate(f.number("learning_rate"));
            optimizer.l1(f.number("l1"));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(f.file(), f.path("type") + " " + type + ": " + e.getMessage(), e);
        }
    }
}
