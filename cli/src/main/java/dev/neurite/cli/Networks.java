package dev.neurite.cli;

import dev.neurite.pipeline.Task;
import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Dropout;
import dev.neurite.nn.Identity;
import dev.neurite.nn.Layer;
import dev.neurite.nn.LeakyReLU;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Sigmoid;
import dev.neurite.nn.Tanh;
import dev.neurite.nn.init.Initializer;
import dev.neurite.nn.loss.Loss;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
import dev.neurite.optim.AdamW;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.RMSProp;
import dev.neurite.optim.SGD;
import dev.neurite.optim.schedule.CosineAnnealingLR;
import dev.neurite.optim.schedule.ExponentialLR;
import dev.neurite.optim.schedule.LRScheduler;
import dev.neurite.optim.schedule.ReduceLROnPlateau;
import dev.neurite.optim.schedule.StepLR;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.NativeMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the command line's networks, losses, optimizers and schedules from settings. */
final class Networks {

    static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw");
    /** Momentum of the {@code momentum} and {@code nesterov} optimizers. */
    static final double MOMENTUM = 0.9;

    private Networks() {
    }

    /**
     * The MLP {@code inputs -> [Dense -> (BatchNorm) -> activation -> (Dropout)] per hidden size
     * -> Dense -> outputs}; the output is logits for classification and values for regression.
     */
    static Sequential mlp(int inputs, int outputs, TrainingSettings s) {
        List<Layer> layers = new ArrayList<>();
        int width = inputs;
        for (int size : s.layers()) {
            // a bias right before batch norm is cancelled by its mean subtraction
            layers.add(new Dense(width, size, !s.batchNorm()));
            if (s.batchNorm()) {
                layers.add(new BatchNorm(size));
            }
            layers.add(activation(s.activation()));
            if (s.dropout() > 0) {
                layers.add(new Dropout(s.dropout()));
            }
            width = size;
        }
        layers.add(new Dense(width, outputs));
        checkTrainingMemory(inputs, outputs, s);
        return new Sequential(inputs, DType.F32, s.seed(), layers.toArray(Layer[]::new));
    }

    /**
     * Fails at once when the network, its gradients and the optimizer's state cannot fit in the
     * memory Neurite may use, before the model is built (a model that fits alone would otherwise
     * be built and initialised first, only for the optimizer's state to fail).
     */
    private static void checkTrainingMemory(int inputs, int outputs, TrainingSettings s) {
        long parameters = 0;
        int width = inputs;
        for (int size : s.layers()) {
            parameters = Math.addExact(parameters, Math.addExact(Math.multiplyExact((long) width, size), size));
            width = size;
        }
        parameters = Math.addExact(parameters, Math.addExact(Math.multiplyExact((long) width, outputs), outputs));
        int stateTensors = switch (s.optimizer()) {
            case "adam", "adamw" -> 2;
            case "momentum", "nesterov", "rmsprop" -> 1;
            default -> 0;
        };
        NativeMemory.check(String.format(Locale.ROOT, "training a network of %,d parameters (f32 values, gradients"
                + " and %d %s state tensors each)", parameters, stateTensors, s.optimizer()),
                NativeMemory.product(parameters, 2 + stateTensors, Float.BYTES));
    }

    /**
     * A single Dense layer starting at zero: the linear baselines (logistic regression, linear
     * SVM). Their losses are convex, so random initial weights only add seed-dependent noise.
     */
    static Sequential linear(int inputs, int outputs, long seed) {
        return new Sequential(inputs, DType.F32, seed, new Dense(inputs, outputs).weightInit(Initializer.zeros()));
    }

    static Layer activation(String name) {
        return switch (name) {
            case "relu" -> new ReLU();
            case "leaky-relu", "leakyrelu" -> new LeakyReLU();
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            case "identity", "linear" -> new Identity();
            default -> throw new IllegalArgumentException("unknown --activation '" + name
                    + "' (relu, leaky-relu, sigmoid, tanh, identity)");
        };
    }

    /** Softmax cross-entropy on logits for classification, MSE for regression. */
    static Loss loss(Task task) {
        return task == Task.CLASSIFICATION ? new SoftmaxCrossEntropyLoss() : new MSELoss();
    }

    /** The optimizer of the settings; {@code --l2} is weight decay (decoupled for adamw). */
    static Optimizer optimizer(Sequential model, TrainingSettings s) {
        Optimizer opt = switch (s.optimizer()) {
            case "sgd" -> new SGD(model.parameters(), s.lr()).weightDecay(s.l2());
            case "momentum" -> new SGD(model.parameters(), s.lr()).momentum(MOMENTUM).weightDecay(s.l2());
            case "nesterov" -> new SGD(model.parameters(), s.lr()).momentum(MOMENTUM).nesterov(true).weightDecay(s.l2());
            case "rmsprop" -> new RMSProp(model.parameters(), s.lr()).weightDecay(s.l2());
            case "adam" -> new Adam(model.parameters(), s.lr()).weightDecay(s.l2());
            case "adamw" -> new AdamW(model.parameters(), s.lr()).weightDecay(s.l2());
            default -> throw new IllegalArgumentException("unknown --optimizer '" + s.optimizer() + "'");
        };
        opt.l1(s.l1());
        return opt;
    }

    /** Fails unless {@code spec} is a schedule {@link #scheduler} understands. */
    static void checkSchedule(String spec) {
        parseSchedule(spec, null, 1);
    }

    /** The schedule {@code none | step:S:G | exp:RATE:STEP | cosine[:ETA_MIN] | plateau[:FACTOR:PATIENCE]}. */
    static LRScheduler scheduler(String spec, Optimizer optimizer, int epochs) {
        return parseSchedule(spec, optimizer, epochs);
    }

    private static LRScheduler parseSchedule(String spec, Optimizer opt, int epochs) {
        String[] p = spec.strip().split(":");
        try {
            switch (p[0]) {
                case "none" -> {
                    arity(spec, p, 1, 1);
                    return null;
                }
                case "step" -> {
                    arity(spec, p, 3, 3);
                    int step = Integer.parseInt(p[1]);
                    double gamma = Double.parseDouble(p[2]);
                    require(spec, step >= 1 && gamma > 0 && gamma <= 1, "needs step >= 1 and 0 < gamma <= 1");
                    return opt == null ? null : new StepLR(opt, step, gamma);
                }
                case "exp" -> {
                    arity(spec, p, 2, 3);
                    double rate = Double.parseDouble(p[1]);
                    double every = p.length > 2 ? Double.parseDouble(p[2]) : 1;
                    require(spec, rate > 0 && rate <= 1 && every > 0, "needs 0 < rate <= 1 and step > 0");
                    return opt == null ? null : new ExponentialLR(opt, rate, every);
                }
                case "cosine" -> {
                    arity(spec, p, 1, 2);
                    double etaMin = p.length > 1 ? Double.parseDouble(p[1]) : 0;
                    require(spec, etaMin >= 0, "needs a minimum learning rate >= 0");
                    return opt == null ? null : new CosineAnnealingLR(opt, epochs, Math.min(etaMin, opt.learningRate()));
                }
                case "plateau" -> {
                    arity(spec, p, 1, 3);
                    double factor = p.length > 1 ? Double.parseDouble(p[1]) : 0.1;
                    int patience = p.length > 2 ? Integer.parseInt(p[2]) : 10;
                    require(spec, factor > 0 && factor < 1 && patience >= 0, "needs 0 < factor < 1 and patience >= 0");
                    return opt == null ? null : new ReduceLROnPlateau(opt).factor(factor).patience(patience);
                }
                default -> throw new IllegalArgumentException("unknown --schedule '" + spec
                        + "' (none, step:S:G, exp:RATE[:STEP], cosine[:ETA_MIN], plateau[:FACTOR[:PATIENCE]])");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--schedule '" + spec + "': not a number (" + e.getMessage() + ")");
        }
    }

    private static void arity(String spec, String[] parts, int min, int max) {
        require(spec, parts.length >= min && parts.length <= max, "has the wrong number of fields");
    }

    private static void require(String spec, boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("--schedule '" + spec + "' " + what);
        }
    }
}
