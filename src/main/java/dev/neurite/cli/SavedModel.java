package dev.neurite.cli;

import dev.neurite.io.LoadedModel;
import dev.neurite.io.Metadata;
import dev.neurite.io.ModelIO;
import dev.neurite.nn.Sequential;
import dev.neurite.train.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A model saved by {@code neurite train} with what predicting needs: the task, the fitted
 * preprocessing, class names, the label column and the feature names.
 */
record SavedModel(Sequential model, Preprocessing preprocessing, Task task, List<String> classNames,
                  String labelColumn, List<String> featureNames, List<String> columns, HeldOut split)
        implements AutoCloseable {

    static final String TASK = "task";
    static final String LABEL_COLUMN = "label_column";
    static final String FEATURE_NAMES = "feature_names";
    static final String COLUMNS = "csv_columns";

    /** Saves {@code model} to {@code dir} with its preprocessing, data description, settings and history. */
    static void save(Path dir, Sequential model, Preprocessing pre, TaskData data, TrainingSettings settings,
                     History history, Map<String, Double> testMetrics) throws IOException {
        Metadata m = Metadata.empty()
                .with(TASK, data.task().label())
                .withClassNames(data.classNames())
                .with(LABEL_COLUMN, data.labelColumn())
                .with(FEATURE_NAMES, data.train().featureNames())
                .with(COLUMNS, data.columns())
                .with("data", data.description())
                .with("settings", settings.describe())
                .with("test_metrics", testMetrics)
                .withHistory(history);
        if (data.split() != null) {
            m = m.with(HeldOut.KEY, data.split().toMap());
        }
        ModelIO.save(model, dir, pre.save(m));
    }

    /** Loads a model saved by {@code neurite train} from {@code dir}. */
    static SavedModel load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no model directory " + dir);
        }
        LoadedModel loaded = ModelIO.load(dir);
        Path file = dir.resolve(ModelIO.MODEL_FILE);
        try {
            Metadata m = loaded.metadata();
            String task = metadata(file, () -> m.string(TASK)).orElseThrow(() -> new IllegalArgumentException(dir
                    + ": not a model saved by neurite train (its metadata has no task)"));
            Task t = Arrays.stream(Task.values()).filter(v -> v.label().equals(task)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(file + ": metadata '" + TASK
                            + "' must be classification or regression, got '" + task + "'"));
            Sequential model = loaded.model();
            List<String> classes = m.classNames();
            if (t == Task.CLASSIFICATION && classes.size() != model.outputFeatures()) {
                throw new IllegalArgumentException(dir + ": " + classes.size() + " class names for a model with "
                        + model.outputFeatures() + " outputs");
            }
            Preprocessing pre;
            try {
                pre = Preprocessing.load(m);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(file + ": bad preprocessing state: " + e.getMessage(), e);
            }
            String label = metadata(file, () -> m.string(LABEL_COLUMN)).orElse(null);
            List<String> features = metadata(file, () -> m.strings(FEATURE_NAMES)).orElse(List.of());
            List<String> columns = metadata(file, () -> m.strings(COLUMNS)).orElse(List.of());
            HeldOut split = HeldOut.fromMap(m.get(HeldOut.KEY).orElse(null), file);
            return new SavedModel(model, pre, t, classes, label, features, columns, split);
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** Reads a metadata value; a value of the wrong type is an error that names {@code file}. */
    private static <T> T metadata(Path file, Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
