package dev.neurite.cli;

import dev.neurite.io.Metadata;
import dev.neurite.pipeline.FeatureScaling;
import dev.neurite.pipeline.Pipeline;
import dev.neurite.pipeline.Preprocessing;
import dev.neurite.pipeline.Task;
import dev.neurite.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./neurite spark-train}: the training of {@code train} run data-parallel on Apache Spark
 * (a ReLU MLP, Adam, standard-scaled features), evaluated on the test set on this machine; ends
 * with {@code SPARK test_accuracy=... seconds=... rounds=...} (or {@code test_rmse}, {@code test_r2}).
 */
@Command(name = "spark-train", mixinStandardHelpOptions = true,
        description = {"Train an MLP data-parallel on Apache Spark and evaluate it on the test set.",
            "Each round broadcasts the network and Adam's state, every partition trains on its rows, and the",
            "results are averaged (--averaging parameters), or gradients are averaged every step (--averaging",
            "gradients). Saves OUT/model like train. Spark comes with the build; --master local[N] runs here.",
            "Example: ./neurite spark-train --data fashion-mnist --layers 256,128 --epochs 10 --master local[2]"})
final class SparkTrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--layers", paramLabel = "N,N", split = ",", defaultValue = "256,128",
            description = "Hidden layer widths (default: ${DEFAULT-VALUE}).")
    int[] layers;

    @Option(names = "--epochs", defaultValue = "10", description = "Passes over the training rows (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128",
            description = "Rows per optimizer step over all partitions (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the weights and shuffles (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N], spark://HOST:PORT, yarn, ... (default: spark-submit's, else local[2]).")
    String master;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Partitions of the training rows (default: Spark's default parallelism).")
    int partitions;

    @Option(names = "--averaging", defaultValue = "parameters", paramLabel = "WHAT",
            description = "parameters (after --averaging-steps local steps) or gradients (every step).")
    String averaging;

    @Option(names = "--averaging-steps", defaultValue = "0",
            description = "Local steps between two averagings of the parameters (default: one epoch).")
    int averagingSteps;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder: model/ (default: a new runs/spark-train-YYYYMMDD-HHMMSS).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the run already in --out, as a whole.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter pw = spec.commandLine().getOut();
        long start = System.nanoTime();
        try (RunDirectory dir = RunDirectory.open("--out", out, "spark-train", overwrite);
             TaskData d = data.load(seed, false)) {
            Task task = d.task();
            pw.printf("Data: %s: %d training rows, %d test rows, %d features%n", d.description(), d.train().size(),
                    d.testSize(), d.train().features());
            Preprocessing pre = Preprocessing.fit(FeatureScaling.STANDARD, null, task, d.train().x(), d.train().y());
            long rounds = rounds(d.train().size());
            Pipeline trained;
            try (Tensor scaled = pre.features(d.train().x())) {
                trained = SparkTraining.fit(master(), partitions, scaled, d.train().y().toDoubleArray(),
                        task == Task.CLASSIFICATION, layers, epochs, batchSize, lr, seed, averaging, averagingSteps);
            }
            try (trained) {
                Evaluation test = Evaluation.of(task, trained.model(), pre, d.test());
                pw.println("Test set (" + d.testSize() + " rows):");
                pw.print(test.text(d.classNames()));
                Metadata m = Metadata.empty().with("data", d.description())
                        .with("settings", Workflow.commandLine(spec));
                // the pipeline does not own the model here: trained closes it
                Pipeline.of(trained.model(), pre, task, d.classNames(), d.train().featureNames(), d.labelColumn(), m)
                        .save(dir.staging().resolve("model"));
                dir.commit();
                pw.println("Model saved to " + dir.target().resolve("model"));
                double seconds = (System.nanoTime() - start) / 1e9;
                String result = task == Task.CLASSIFICATION
                        ? "test_accuracy=" + Workflow.f4(test.metric("accuracy"))
                        : "test_rmse=" + Workflow.f4(test.metric("rmse")) + " test_r2=" + Workflow.f4(test.metric("r2"));
                pw.printf(Locale.ROOT, "SPARK %s seconds=%.1f rounds=%d%n", result, seconds, rounds);
            }
        }
        return 0;
    }

    private void validate() {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be a finite value > 0, got " + lr);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be at least 1 (or 0 for Spark's default), got " + partitions);
        }
        if (!averaging.equals("parameters") && !averaging.equals("gradients")) {
            throw new IllegalArgumentException("--averaging must be parameters or gradients, got '" + averaging + "'");
        }
        if (averagingSteps < 0) {
            throw new IllegalArgumentException("--averaging-steps must be at least 0, got " + averagingSteps);
        }
        if (averagingSteps > 0 && averaging.equals("gradients")) {
            throw new IllegalArgumentException("--averaging-steps applies to --averaging parameters; gradients are "
                    + "averaged every step");
        }
        if (Arrays.stream(layers).anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("--layers must be positive widths, got " + Arrays.toString(layers));
        }
    }

    /** {@code --master}, else the master spark-submit set ({@code spark.master}), else {@code local[2]}. */
    private String master() {
        if (master != null) {
            return master;
        }
        return System.getProperty("spark.master", "local[2]");
    }

    /** The synchronous rounds the fit runs: one per averaging, or one per step for gradients. */
    private long rounds(int rows) {
        long stepsPerEpoch = (rows + batchSize - 1L) / batchSize;
        long steps = stepsPerEpoch * epochs;
        long perRound = averaging.equals("gradients") ? 1 : averagingSteps == 0 ? stepsPerEpoch : averagingSteps;
        return (steps + perRound - 1) / perRound;
    }
}
