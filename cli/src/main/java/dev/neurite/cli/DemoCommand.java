package dev.neurite.cli;

import dev.neurite.data.FashionMnist;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./neurite demo}: the whole workflow on Fashion-MNIST with settings that are known to
 * work: a 784-256-128-10 ReLU MLP with dropout, Adam, a validation split with early stopping,
 * the test set, both linear baselines, the saved model and the report. Ends with
 * {@code DEMO test_accuracy=... logreg_accuracy=... svm_accuracy=... seconds=... seconds_per_epoch=...}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train and evaluate an MLP on Fashion-MNIST against logistic regression and a linear SVM; "
                + "save the model and write a report.",
            "The ./neurite launcher first installs the Debian packages it needs when it can "
                + "(dataset-fashion-mnist, libopenblas0-pthread)."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "demo-output",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--epochs", defaultValue = "20", description = "At most this many epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Fashion-MNIST IDX directory (default: the Debian package's).")
    Path dataDir;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        long start = System.nanoTime();
        Path dir = dataDir != null ? dataDir : FashionMnist.DEFAULT_DIR;
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Fashion-MNIST is not at " + dir
                    + "; install it with: sudo apt-get install dataset-fashion-mnist (or pass --data-dir)");
        }
        List<String> args = new ArrayList<>(List.of(
                "--data", dataDir == null ? "fashion-mnist" : "idx:" + dataDir,
                "--layers", "256,128", "--activation", "relu", "--dropout", "0.2",
                "--optimizer", "adam", "--lr", "1e-3", "--batch-size", "128",
                "--epochs", Integer.toString(epochs), "--validation", "0.1", "--early-stopping", "3",
                "--scaler", "standard", "--seed", Long.toString(seed), "--out", out.toString(), "--overwrite"));
        pw.println("Demo: ./neurite train " + String.join(" ", args));
        // parsed as the full command line, so the report shows the train command the demo ran
        List<String> line = new ArrayList<>(List.of("train"));
        line.addAll(args);
        CommandLine root = Main.commandLine("train");
        root.setOut(spec.commandLine().getOut());
        root.setErr(spec.commandLine().getErr());
        TrainCommand command = (TrainCommand) root.parseArgs(line.toArray(String[]::new))
                .subcommand().commandSpec().userObject();
        TrainCommand.Outcome outcome = command.train(pw);
        List<Double> perEpoch = new ArrayList<>(outcome.history().seconds());
        perEpoch.sort(null);
        double median = perEpoch.isEmpty() ? Double.NaN
                : perEpoch.size() % 2 == 1 ? perEpoch.get(perEpoch.size() / 2)
                : (perEpoch.get(perEpoch.size() / 2 - 1) + perEpoch.get(perEpoch.size() / 2)) / 2;
        pw.println();
        pw.println("Everything went to " + out.toAbsolutePath() + ": model/ (architecture, weights, scaler) and report.html");
        pw.printf(Locale.ROOT, "DEMO test_accuracy=%.4f logreg_accuracy=%.4f svm_accuracy=%.4f seconds=%.1f seconds_per_epoch=%.2f%n",
                outcome.testAccuracy(), outcome.baselineAccuracy().getOrDefault("logreg", Double.NaN),
                outcome.baselineAccuracy().getOrDefault("svm", Double.NaN),
                (System.nanoTime() - start) / 1e9, median);
        return 0;
    }
}
