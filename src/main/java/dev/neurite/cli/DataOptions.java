package dev.neurite.cli;

import dev.neurite.data.CsvReader;
import dev.neurite.data.Dataset;
import dev.neurite.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the data come from: {@code --data}, {@code --label}, {@code --test-csv}, {@code --task}, {@code --limit}. */
final class DataOptions {

    @Option(names = "--data", paramLabel = "SOURCE", required = true,
            description = "fashion-mnist, idx:DIR (an MNIST-format directory) or csv:PATH (with --label).")
    String data;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "The CSV label column: a header name, or a 0-based index (digits).")
    String label;

    @Option(names = "--test-csv", paramLabel = "PATH",
            description = "A separate CSV test file (same columns); without it a seeded --test-split of the CSV is held out.")
    Path testCsv;

    @Option(names = "--test-split", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Fraction of a CSV held out for testing when there is no --test-csv (default: ${DEFAULT-VALUE}).")
    double testSplit;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "classification",
            description = "classification or regression (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Use only the first N training rows (0: all).")
    int limit;

    Task task() {
        return Task.parse(task);
    }

    /** Training and test data: image sets come with their test set; a CSV without --test-csv is split. */
    TaskData load(long seed) throws IOException {
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
        }
        Task t = task();
        if (isCsv()) {
            Path file = csvPath();
            String column = requireLabel();
            Dataset all = Splitting.first(reader(t, column, List.of()).read(file), limit);
            if (testCsv != null) {
                Dataset test = reader(t, column, all.classNames()).read(testCsv);
                requireSameWidth(all, test, testCsv);
                return new TaskData(all, test, t, labelName(all, file, column), data);
            }
            Dataset[] parts = Splitting.holdOut(all, testSplit, t, seed);
            return new TaskData(parts[0], parts[1], t, labelName(all, file, column), data);
        }
        if (t != Task.CLASSIFICATION) {
            throw new IllegalArgumentException("--data " + data + " is image classification; --task regression needs csv:PATH");
        }
        Path dir = imageDir();
        Dataset train = Splitting.first(named(FashionMnist.loadTrain(dir)), limit);
        return new TaskData(train, named(FashionMnist.loadTest(dir)), t, null, data);
    }

    /**
     * Data to evaluate a saved model on: the test set of image data, or the whole CSV file
     * ({@code --test-csv} when given), read with the model's task, label and class names.
     */
    Dataset loadForEvaluation(Task t, String savedLabel, List<String> classNames) throws IOException {
        if (isCsv()) {
            Path file = testCsv != null ? testCsv : csvPath();
            String column = label != null ? label : savedLabel;
            if (column == null) {
                throw new IllegalArgumentException("--data " + data + " needs --label COLUMN (the model records none)");
            }
            return Splitting.first(reader(t, column, classNames).read(file), limit);
        }
        if (t != Task.CLASSIFICATION) {
            throw new IllegalArgumentException("the model is a regression model; evaluate it on csv:PATH data");
        }
        return Splitting.first(named(FashionMnist.loadTest(imageDir())), limit);
    }

    boolean isCsv() {
        return data.startsWith("csv:");
    }

    private Path csvPath() {
        String path = data.substring("csv:".length());
        if (path.isEmpty()) {
            throw new IllegalArgumentException("--data csv:PATH needs a path");
        }
        return Path.of(path);
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

    private static CsvReader reader(Task t, String column, List<String> classNames) {
        boolean index = column.chars().allMatch(Character::isDigit);
        CsvReader r;
        if (t == Task.CLASSIFICATION) {
            r = index ? CsvReader.classification(Integer.parseInt(column)) : CsvReader.classification(column);
            if (!classNames.isEmpty()) {
                r.classes(classNames);
            }
        } else {
            r = index ? CsvReader.regression(Integer.parseInt(column)) : CsvReader.regression(column);
        }
        return r;
    }

    /** The label column's header name: the one missing from the feature names. */
    private static String labelName(Dataset all, Path file, String column) throws IOException {
        if (!column.chars().allMatch(Character::isDigit)) {
            return column;
        }
        String header;
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(file)) {
            header = r.readLine();
        }
        String[] names = header.replace("\uFEFF", "").split(",");
        int i = Integer.parseInt(column);
        return i < names.length ? names[i].strip().replace("\"", "") : column;
    }

    private static void requireSameWidth(Dataset train, Dataset test, Path testFile) {
        if (train.features() != test.features()) {
            throw new IllegalArgumentException(testFile + ": " + test.features() + " feature columns, but the training data has "
                    + train.features());
        }
    }
}
