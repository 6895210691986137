package dev.neurite.cli;

import dev.neurite.pipeline.Task;
import dev.neurite.data.CsvReader;
import dev.neurite.data.Dataset;
import dev.neurite.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where the data come from: {@code --data}, {@code --label}, {@code --test-csv},
 * {@code --test-split}, {@code --task}, {@code --no-header}, {@code --limit}. Options that cannot
 * apply to the data or the command are errors, never ignored.
 */
final class DataOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--data", paramLabel = "SOURCE", required = true,
            description = "fashion-mnist, idx:DIR (an MNIST-format directory) or csv:PATH (with --label).")
    String data;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "The CSV label column: a header name, or a 0-based index (digits).")
    String label;

    @Option(names = "--test-csv", paramLabel = "PATH",
            description = "A separate CSV test file (columns matched by name); without it a seeded --test-split of the CSV is held out.")
    Path testCsv;

    @Option(names = "--test-split", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Fraction of a CSV held out for testing when there is no --test-csv (default: ${DEFAULT-VALUE}).")
    double testSplit;

    @Option(names = "--task", paramLabel = "TASK",
            description = "classification or regression (default: classification, refused for a label that looks "
                    + "like a regression target).")
    String task;

    @Option(names = "--no-header", description = "The CSV files have no header row: columns are taken by position, "
            + "in the training file's order, and --label is a 0-based index.")
    boolean noHeader;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Use only the first N rows (0: all).")
    int limit;

    /** Whether the option {@code name} was given on the command line (not just defaulted). */
    boolean given(String name) {
        return command.commandLine().getParseResult().hasMatchedOption(name);
    }

    /** The task given with {@code --task}, or classification. */
    Task task() {
        try {
            return task == null ? Task.CLASSIFICATION : Task.parse(task);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
    }

    /**
     * Training and test data: image sets come with their test set; a CSV without --test-csv is
     * split. With {@code testOptional} (cross-validation), {@code --test-split 0} keeps every row
     * for training and the test set is null.
     */
    TaskData load(long seed, boolean testOptional) throws IOException {
        requireLimit();
        Task t = task();
        if (!isCsv()) {
            rejectForImages("--label", "--test-csv", "--test-split", "--no-header");
            if (t != Task.CLASSIFICATION) {
                throw new IllegalArgumentException("--data " + data + " is image classification; --task regression needs csv:PATH");
            }
            Path dir = imageDir();
            Dataset train = Splitting.first(named(FashionMnist.loadTrain(dir)), limit);
            TestRows test = TestRows.lazy(FashionMnist.testSize(dir), () -> named(FashionMnist.loadTest(dir)));
            return new TaskData(train, test, t, null, List.of(), data, null);
        }
        Path file = csvPath();
        String column = requireLabel();
        Dataset all = Splitting.first(reader(t, column).read(file), limit);
        List<String> columns = columnNames(file, all, column);
        String labelName = labelName(columns, column);
        if (t == Task.CLASSIFICATION) {
            TaskDetection.check(all, file, labelName, task == null);
        }
        if (testCsv != null) {
            if (given("--test-split")) {
                throw new IllegalArgumentException("--test-split does not apply with --test-csv (the test set is that file)");
            }
            Dataset test = reader(t, column).classes(t, all.classNames()).featureNames(all.featureNames()).read(testCsv);
            return new TaskData(all, TestRows.of(test), t, labelName, columns, data, null);
        }
        if (testSplit == 0 && testOptional) {
            return new TaskData(all, null, t, labelName, columns, data, null);
        }
        if (!(testSplit > 0 && testSplit < 1)) {
            throw new IllegalArgumentException("--test-split must be in (0, 1), got " + testSplit
                    + (testOptional ? " (0: use every row)" : "; or give --test-csv"));
        }
        Dataset[] parts;
        try (all) {
            parts = Splitting.holdOut(all, testSplit, t, seed);
        }
        HeldOut split = HeldOut.of(file, seed, testSplit, limit, parts[1].size());
        return new TaskData(parts[0], TestRows.of(parts[1]), t, labelName, columns, data, split);
    }

    /**
     * Data to evaluate a saved model on: the test set of image data; of a CSV file the rows that
     * {@code train} held out of that same file (when the model records the split and the file is
     * unchanged) unless {@code allRows}, else every row; read with the model's task, label, class
     * names and feature names. {@code note} receives one line saying which rows are scored.
     */
    Dataset loadForEvaluation(SavedModel m, boolean allRows, java.util.function.Consumer<String> note)
            throws IOException {
        requireLimit();
        for (String option : List.of("--task", "--test-split")) {
            if (given(option)) {
                throw new IllegalArgumentException(option + " does not apply to evaluate: it uses the model's task and "
                        + "scores the rows train held out (or every row with --all-rows)");
            }
        }
        if (!isCsv()) {
            rejectForImages("--label", "--test-csv", "--no-header");
            if (allRows) {
                throw new IllegalArgumentException("--all-rows is for CSV data; image data are scored on their test set");
            }
            if (m.task() != Task.CLASSIFICATION) {
                throw new IllegalArgumentException("the model is a regression model; evaluate it on csv:PATH data");
            }
            return Splitting.first(named(FashionMnist.loadTest(imageDir())), limit);
        }
        if (allRows && testCsv != null) {
            throw new IllegalArgumentException("--all-rows does not apply with --test-csv (every row of that file is scored)");
        }
        m.requireNamedFeatures();
        Path file = testCsv != null ? testCsv : csvPath();
        String column = label != null ? label : labelForModel(m);
        Reader reader = reader(m.task(), column).classes(m.task(), m.classNames());
        if (!m.featureNames().isEmpty()) {
            reader.featureNames(m.featureNames());
        }
        Dataset ds = reader.read(file);
        HeldOut split = m.split();
        if (testCsv == null && !allRows && split != null && split.matches(file)) {
            Dataset held = split.heldOut(ds, m.task());
            note.accept("Scoring the " + held.size() + " rows that train held out of " + file + " (seed " + split.seed()
                    + ", test split " + split.fraction() + "); --all-rows scores all " + ds.size());
            return Splitting.first(held, limit);
        }
        Dataset scored = Splitting.first(ds, limit);
        note.accept("Scoring " + (scored.size() == ds.size() ? "every row" : "the first " + scored.size() + " rows")
                + " of " + file);
        return scored;
    }

    boolean isCsv() {
        return data.startsWith("csv:");
    }

    private void requireLimit() {
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
        }
    }

    private void rejectForImages(String... options) {
        for (String option : options) {
            if (given(option)) {
                throw new IllegalArgumentException(option + " does not apply to --data " + data + " (it is for csv:PATH)");
            }
        }
    }

    private Path csvPath() {
        String path = data.substring("csv:".length());
        if (path.isEmpty()) {
            throw new IllegalArgumentException("--data csv:PATH needs a path");
        }
        Path p = Path.of(path);
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException("--data " + data + ": " + p + " is a directory; expected a CSV file");
        }
        return p;
    }

    private Path imageDir() {
        if (data.equals("fashion-mnist")) {
            return FashionMnist.DEFAULT_DIR;
        }
        if (data.startsWith("idx:") && data.length() > 4) {
            return Path.of(data.substring(4));
        }
        throw new IllegalArgumentException("unknown --data '" + data + "': expected fashion-mnist, idx:DIR or csv:PATH");
    }

    /** Digit class names for a plain MNIST-format directory, Fashion-MNIST's names for it. */
    private Dataset named(Dataset images) {
        if (data.equals("fashion-mnist")) {
            return images;
        }
        List<String> digits = new ArrayList<>();
        for (int c = 0; c < images.classNames().size(); c++) {
            digits.add(Integer.toString(c));
        }
        return new Dataset(images.x(), images.y(), digits, images.featureNames());
    }

    private String requireLabel() {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("--data " + data + " needs --label COLUMN (a header name or a 0-based index)");
        }
        return label;
    }

    /** The model's label column, as a name, or as its index for a file without a header. */
    private String labelForModel(SavedModel m) {
        if (m.labelColumn() == null) {
            throw new IllegalArgumentException("--data " + data + " needs --label COLUMN (the model records none)");
        }
        if (!noHeader) {
            return m.labelColumn();
        }
        int index = m.columns().indexOf(m.labelColumn());
        if (index < 0) {
            throw new IllegalArgumentException("--no-header needs --label INDEX: the model does not record where its label "
                    + "column '" + m.labelColumn() + "' was");
        }
        return Integer.toString(index);
    }

    private Reader reader(Task t, String column) {
        boolean index = !column.isEmpty() && column.chars().allMatch(Character::isDigit);
        if (noHeader && !index) {
            throw new IllegalArgumentException("--no-header needs --label as a 0-based column index, got '" + column + "'");
        }
        CsvReader r;
        if (index) {
            int i = labelIndex(column);
            r = t == Task.CLASSIFICATION ? CsvReader.classification(i) : CsvReader.regression(i);
        } else {
            r = t == Task.CLASSIFICATION ? CsvReader.classification(column) : CsvReader.regression(column);
        }
        return new Reader(noHeader ? r.noHeader() : r);
    }

    static int labelIndex(String column) {
        try {
            return Integer.parseInt(column);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--label " + column + " is not a column index (at most "
                    + Integer.MAX_VALUE + "); give a header name or a 0-based index");
        }
    }

    /** The training file's columns, in file order, by their header names (generated without a header). */
    private List<String> columnNames(Path file, Dataset all, String column) throws IOException {
        List<String> names = new ArrayList<>(all.featureNames());
        if (noHeader) {
            int index = labelIndex(column);
            names.add(index, "label");
            return names;
        }
        List<String> header = CsvReader.header(file, ',');
        return header;
    }

    /** The label column's name in {@code columns}. */
    private static String labelName(List<String> columns, String column) {
        if (column.chars().allMatch(Character::isDigit)) {
            return columns.get(labelIndex(column));
        }
        return column;
    }

    /** A {@link CsvReader} with the class names set only where they apply. */
    private record Reader(CsvReader csv) {
        Reader classes(Task t, List<String> names) {
            if (t == Task.CLASSIFICATION && !names.isEmpty()) {
                csv.classes(names);
            }
            return this;
        }

        Reader featureNames(List<String> names) {
            csv.featureNames(names);
            return this;
        }

        Dataset read(Path file) throws IOException {
            return csv.read(file);
        }
    }
}
