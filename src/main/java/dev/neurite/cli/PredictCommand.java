package dev.neurite.cli;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./neurite predict}: predictions of a saved model for the rows of a CSV file, written to
 * another CSV file atomically. Ends with {@code PREDICT rows=N output=PATH}.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict with a saved model, writing one CSV row per input row.",
            "Input: a CSV file with a header row and the model's feature",
            "columns (taken by name when the header has every training feature name, else in order); a",
            "column named like the training label is ignored. Output: a CSV file with the column",
            "'prediction' (class name or value) and, for classification, one probability column 'p_CLASS'",
            "per class; written to a temporary file and renamed, so a failure leaves no partial file.",
            "Example: ./neurite predict --model out/model --input new.csv --output predictions.csv"})
final class PredictCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "A model directory written by train.")
    Path modelDir;

    @Option(names = "--input", paramLabel = "CSV", required = true, description = "Rows to predict.")
    Path input;

    @Option(names = "--output", paramLabel = "CSV", required = true, description = "Where to write the predictions.")
    Path output;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        return run.run(spec.commandLine().getErr(), () -> predict(pw));
    }

    private int predict(PrintWriter pw) throws Exception {
        try (SavedModel m = SavedModel.load(modelDir)) {
            int features = m.model().inputFeatures();
            double[][] rows = FeatureCsv.read(input, m.labelColumn(), m.featureNames(), features);
            Tensor x = Tensor.managed(DType.F32, rows.length, features);
            double[] flat = new double[rows.length * features];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, flat, i * features, features);
            }
            x.copyFrom(flat);
            Tensor out = m.model().predict(m.preprocessing().features(x));
            if (m.task() == Task.CLASSIFICATION) {
                Tensor p = Tensor.managed(out.dtype(), out.rows(), out.cols());
                Ops.get().softmaxRows(p, out);
                out = p;
            } else {
                out = m.preprocessing().outputs(out);
            }
            write(m, out);
            pw.println("Wrote " + rows.length + " predictions to " + output);
            pw.println("PREDICT rows=" + rows.length + " output=" + output);
        }
        return 0;
    }

    /** Writes a temporary file next to the output and renames it into place. */
    private void write(SavedModel m, Tensor out) throws IOException {
        Path target = output.toAbsolutePath();
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no such directory for --output: " + dir);
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                StringBuilder header = new StringBuilder("prediction");
                if (m.task() == Task.CLASSIFICATION) {
                    for (String c : m.classNames()) {
                        header.append(',').append(csvField("p_" + c));
                    }
                }
                w.write(header.append('\n').toString());
                double[] values = out.toDoubleArray();
                int cols = out.cols();
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < out.rows(); i++) {
                    line.setLength(0);
                    if (m.task() == Task.CLASSIFICATION) {
                        int best = 0;
                        for (int c = 1; c < cols; c++) {
                            if (values[i * cols + c] > values[i * cols + best]) {
                                best = c;
                            }
                        }
                        line.append(csvField(m.classNames().get(best)));
                        for (int c = 0; c < cols; c++) {
                            line.append(',').append(String.format(Locale.ROOT, "%.6g", values[i * cols + c]));
                        }
                    } else {
                        line.append(String.format(Locale.ROOT, "%.8g", values[i]));
                    }
                    w.write(line.append('\n').toString());
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
