package dev.neurite.cli;

import dev.neurite.pipeline.Task;
import dev.neurite.data.CsvReader;
import dev.neurite.tensor.Tensor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./neurite predict}: predictions of a saved model for the rows of a CSV file. Ends with
 * {@code PREDICT rows=N output=PATH} (on standard error when the predictions go to standard output).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict with a saved model, writing one CSV row per input row.",
            "Input: a CSV file whose header names the model's feature columns (any order; a column named like",
            "the training label is ignored; missing or unexpected names are an error), or with --no-header the",
            "training file's columns in order. Output: a CSV file with the column 'prediction' (class name or",
            "value) and, for classification, one probability column 'p_CLASS' per class; a regular file is",
            "written to a temporary file and renamed, so a failure leaves no partial file. '-' reads standard",
            "input or writes standard output (status lines then go to standard error).",
            "Example: ./neurite predict --model runs/train-20261204-101500/model --input new.csv --output predictions.csv"})
final class PredictCommand implements Callable<Integer> {


    /** Predictions read from or written to the standard streams. */
    static final String STANDARD_STREAM = "-";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true,
            description = "A model directory written by train, or an ONNX file (.onnx, e.g. from export).")
    Path modelDir;

    @Option(names = "--input", paramLabel = "CSV", required = true, description = "Rows to predict ('-': standard input).")
    String input;

    @Option(names = "--output", paramLabel = "CSV", required = true,
            description = "Where to write the predictions ('-': standard output).")
    String output;

    @Option(names = "--no-header", description = "The input has no header row: columns by position, as in the training file.")
    boolean noHeader;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        return run.run(spec.commandLine().getErr(), this::predict);
    }

    private int predict() throws Exception {
        boolean toStdout = output.equals(STANDARD_STREAM);
        PrintWriter status = toStdout ? spec.commandLine().getErr() : spec.commandLine().getOut();
        Path target = toStdout ? null : outputPath();
        try (SavedModel m = SavedModel.load(modelDir); Tensor x = read(m)) {
            int features = m.model().inputFeatures();
            if (x.cols() != features) {
                throw new IllegalArgumentException(input + ": " + x.cols() + " feature columns, but the model takes "
                        + features);
            }
            // the pipeline refuses non-finite inputs and outputs, so no made-up class or value is written
            double[] values;
            int cols;
            if (m.task() == Task.CLASSIFICATION) {
                double[][] p = m.pipeline().predictProba(x);
                cols = m.classNames().size();
                values = new double[p.length * cols];
                for (int i = 0; i < p.length; i++) {
                    System.arraycopy(p[i], 0, values, i * cols, cols);
                }
            } else {
                values = m.pipeline().predictValues(x);
                cols = 1;
            }
            if (toStdout) {
                PrintWriter pw = spec.commandLine().getOut();
                write(m, values, cols, pw);
                pw.flush();
            } else {
                write(m, values, cols, target);
            }
            status.println("Wrote " + x.rows() + " predictions to " + output);
            status.println("PREDICT rows=" + x.rows() + " output=" + output);
        }
        return 0;
    }

    private Tensor read(SavedModel m) throws IOException {
        m.requireNamedFeatures();
        String label = m.labelColumn();
        CsvReader reader;
        if (noHeader) {
            int index = label == null ? -1 : m.columns().indexOf(label);
            reader = (index >= 0 ? CsvReader.regression(index) : CsvReader.unlabelled()).noHeader();
            if (!m.featureNames().isEmpty()) {
                reader.featureNames(m.featureNames());
            }
        } else {
            reader = m.pipeline().featureReader();
        }
        if (input.equals(STANDARD_STREAM)) {
            return reader.readFeatures("standard input", System.in);
        }
        Path file = Path.of(input);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--input " + input + " is a directory; expected a CSV file");
        }
        return reader.readFeatures(file);
    }

    private Path outputPath() {
        Path target = Path.of(output).toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("--output " + output + " is a directory; expected a file name");
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--output " + output + ": no such directory " + dir);
        }
        return target;
    }

    /**
     * Writes a regular file through a temporary file renamed into place; anything else that exists
     * there (a device such as /dev/stdout, a pipe, a symbolic link) is written directly, never
     * replaced.
     */
    private void write(SavedModel m, double[] values, int cols, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            try (Writer w = new OutputStreamWriter(Files.newOutputStream(target), StandardCharsets.UTF_8)) {
                write(m, values, cols, w);
            }
            return;
        }
        Path tmp;
        try {
            tmp = newTemporary(target);
        } catch (IOException e) {
            throw new IllegalArgumentException("--output " + output + ": cannot create a file in " + target.getParent()
                    + " (" + Main.message(e) + ")", e);
        }
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(m, values, cols, w);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A new empty hidden file beside {@code target}; not Files.createTempFile, whose owner-only
     * permissions would stay on the renamed file: this one gets what the umask gives.
     */
    private static Path newTemporary(Path target) throws IOException {
        while (true) {
            Path tmp = target.resolveSibling("." + target.getFileName() + "."
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                // a random name taken: draw another
            }
        }
    }

    private static void write(SavedModel m, double[] values, int cols, Writer w) throws IOException {
        StringBuilder header = new StringBuilder("prediction");
        if (m.task() == Task.CLASSIFICATION) {
            for (String c : m.classNames()) {
                header.append(',').append(csvField("p_" + c));
            }
        }
        w.write(header.append('\n').toString());
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length / cols; i++) {
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

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
