package dev.neurite.cli;

import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Dropout;
import dev.neurite.nn.GradientCheck;
import dev.neurite.nn.Identity;
import dev.neurite.nn.Layer;
import dev.neurite.nn.LayerNorm;
import dev.neurite.nn.LeakyReLU;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Sigmoid;
import dev.neurite.nn.Tanh;
import dev.neurite.nn.loss.BCELoss;
import dev.neurite.nn.loss.BCEWithLogitsLoss;
import dev.neurite.nn.loss.Loss;
import dev.neurite.nn.loss.MAELoss;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.MultiClassHingeLoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./neurite gradcheck}: builds a random network and batch, compares backward with
 * numerical gradients ({@link GradientCheck}) and prints the report, ending with
 * {@code GRADCHECK max_rel_error=... max_abs_error=... skipped=... passed=true|false}. Exits with 0
 * when the check passes and 1, after the report and one error line, when it does not.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {"Check a random network's analytical gradients against numerical ones.",
            "An element passes when |analytic - numeric| <= atol + rtol * |numeric|; elements whose finite "
                + "difference crosses a kink (ReLU at 0, MAE, hinge) are skipped and counted.",
            "Exit code 0 when every tensor passes, 1 when one does not (after the report) or on bad options."})
final class GradcheckCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--layers", split = ",", defaultValue = "5,4,3",
            description = "Layer sizes, input first: 5,4,3 is 5 inputs, a hidden layer of 4, 3 outputs (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--activation", defaultValue = "tanh",
            description = "Hidden activation: relu, leaky-relu, sigmoid, tanh, identity (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--loss", defaultValue = "softmax-ce",
            description = "Loss: softmax-ce, mse, mae, bce, bce-logits, hinge (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--batchnorm", description = "Batch normalisation after each hidden Dense layer (training mode).")
    boolean batchNorm;

    @Option(names = "--layernorm", description = "Layer normalisation after each hidden Dense layer.")
    boolean layerNorm;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout after each hidden activation, with a fixed mask (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--dtype", defaultValue = "f64", description = "f64 or f32 (f32 only catches gross errors) (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--batch", defaultValue = "8", description = "Rows in the random batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epsilon", description = "Finite-difference step (default: 1e-4 in f64, 3e-3 in f32).")
    Double epsilon;

    @Option(names = "--atol", description = "Absolute tolerance (default: 1e-9 in f64, 1e-3 in f32).")
    Double atol;

    @Option(names = "--rtol", description = "Relative tolerance (default: 1e-6 in f64, 5e-2 in f32).")
    Double rtol;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, batch and dropout mask (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (sizes.size() < 2 || sizes.stream().anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("--layers needs at least two positive sizes, got " + sizes);
        }
        if (batch <= 0) {
            throw new IllegalArgumentException("--batch must be positive, got " + batch);
        }
        DType type = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "f64", "float64", "double" -> DType.F64;
            case "f32", "float32", "float" -> DType.F32;
            default -> throw new IllegalArgumentException("--dtype must be f64 or f32, got " + dtype);
        };
        GradientCheck.Settings settings = settings(type);
        Loss lossFn = loss();
        int classes = sizes.get(sizes.size() - 1);
        try (Sequential model = new Sequential(sizes.get(0), type, seed, layers())) {
            Random random = new Random(seed + 1);
            Tensor x = Tensor.zeros(type, batch, sizes.get(0));
            fill(x, random, -1, 1);
            Tensor target = target(type, random, classes);
            model.train();
            out.print(model.summary());
            out.println("loss: " + lossFn.name() + ", batch: " + batch);
            GradientCheck.Report report = GradientCheck.check(model, lossFn, x, target, settings);
            out.print(report.format());
            out.printf(Locale.ROOT, "GRADCHECK max_rel_error=%.3e max_abs_error=%.3e skipped=%d passed=%b%n",
                    report.maxRelativeError(), report.maxAbsoluteError(), report.skipped(), report.passed());
            out.flush();
            if (!report.passed()) {
                throw new IllegalStateException("gradient check failed: " + report.failure());
            }
        }
    }

    private GradientCheck.Settings settings(DType type) {
        GradientCheck.Settings defaults = GradientCheck.Settings.defaults(type);
        double step = epsilon != null ? epsilon : defaults.epsilon();
        double absolute = atol != null ? atol : defaults.atol();
        double relative = rtol != null ? rtol : defaults.rtol();
        if (!(step > 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("--epsilon must be a finite value > 0, got " + step);
        }
        if (!(absolute >= 0) || Double.isInfinite(absolute)) {
            throw new IllegalArgumentException("--atol must be a finite value >= 0, got " + absolute);
        }
        if (!(relative > 0) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException("--rtol must be a finite value > 0, got " + relative);
        }
        return new GradientCheck.Settings(step, absolute, relative);
    }

    private Layer[] layers() {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.size(); i++) {
            boolean hidden = i + 2 < sizes.size();
            // a bias right before batch norm is cancelled by the mean subtraction: its true
            // gradient is exactly 0, where a relative error means nothing, so leave it out
            layers.add(new Dense(sizes.get(i), sizes.get(i + 1), !(hidden && batchNorm)));
            if (hidden) {
                if (batchNorm) {
                    layers.add(new BatchNorm(sizes.get(i + 1)));
                }
                if (layerNorm) {
                    layers.add(new LayerNorm(sizes.get(i + 1)));
                }
                layers.add(activation());
                if (dropout > 0) {
                    layers.add(new Dropout(dropout));
                }
            }
        }
        if (loss.equals("bce")) {
            layers.add(new Sigmoid());
        }
        return layers.toArray(Layer[]::new);
    }

    private Layer activation() {
        return switch (activation.toLowerCase(Locale.ROOT)) {
            case "relu" -> new ReLU();
            case "leaky-relu", "leakyrelu" -> new LeakyReLU();
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            case "identity", "linear" -> new Identity();
            default -> throw new IllegalArgumentException("unknown --activation '" + activation
                    + "' (relu, leaky-relu, sigmoid, tanh, identity)");
        };
    }

    private Loss loss() {
        return switch (loss.toLowerCase(Locale.ROOT)) {
            case "softmax-ce", "ce", "cross-entropy" -> new SoftmaxCrossEntropyLoss();
            case "mse" -> new MSELoss();
            case "mae" -> new MAELoss();
            case "bce" -> new BCELoss();
            case "bce-logits" -> new BCEWithLogitsLoss();
            case "hinge" -> new MultiClassHingeLoss();
            default -> throw new IllegalArgumentException("unknown --loss '" + loss
                    + "' (softmax-ce, mse, mae, bce, bce-logits, hinge)");
        };
    }

    private Tensor target(DType type, Random random, int classes) {
        String name = loss.toLowerCase(Locale.ROOT);
        boolean labels = name.equals("softmax-ce") || name.equals("ce") || name.equals("cross-entropy")
                || name.equals("hinge");
        if (labels) {
            Tensor t = Tensor.zeros(type, batch, 1);
            for (int i = 0; i < batch; i++) {
                t.set(i, 0, random.nextInt(classes));
            }
            return t;
        }
        Tensor t = Tensor.zeros(type, batch, classes);
        boolean probabilities = name.startsWith("bce");
        fill(t, random, probabilities ? 0 : -1, 1);
        return t;
    }

    private static void fill(Tensor t, Random random, double low, double high) {
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                t.set(i, j, low + (high - low) * random.nextDouble());
            }
        }
    }
}
