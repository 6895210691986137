package dev.neurite.cli;

import dev.neurite.io.Metadata;
import dev.neurite.nn.Sequential;
import dev.neurite.onnx.Onnx;
import dev.neurite.pipeline.Pipeline;
import dev.neurite.pipeline.Preprocessing;
import dev.neurite.pipeline.Task;
import dev.neurite.train.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A model saved by {@code neurite train}: a {@link Pipeline} (so the Java API reads it, and
 * writes what the command line reads) with the command line's own records: the training CSV's
 * columns (for {@code --no-header}) and how its test rows were held out; or a pipeline read from
 * an ONNX file ({@code onnxFile}, else null).
 */
record SavedModel(Pipeline pipeline, List<String> columns, HeldOut split, Path onnxFile) implements AutoCloseable {

    static final String COLUMNS = "csv_columns";

    /** Saves {@code model} to {@code dir} with its preprocessing, data description, settings and history. */
    static void save(Path dir, Sequential model, Preprocessing pre, TaskData data, TrainingSettings settings,
                     History history, Map<String, Double> testMetrics) throws IOException {
        Metadata m = Metadata.empty()
                .with(COLUMNS, data.columns())
                .with("data", data.description())
                .with("settings", settings.describe())
                .with("test_metrics", testMetrics)
                .withHistory(history);
        if (data.split() != null) {
            m = m.with(HeldOut.KEY, data.split().toMap());
        }
        // the pipeline does not own the model here: the caller closes it
        Pipeline.of(model, pre, data.task(), data.classNames(), data.train().featureNames(), data.labelColumn(), m)
                .save(dir);
    }

    /**
     * Loads a model saved by {@code neurite train} (or by {@link Pipeline#save}) from {@code dir},
     * or the ONNX file {@code dir} names ({@code .onnx}): a pipeline exported by Neurite, or a
     * model from elsewhere (see {@link Onnx#loadPipeline}).
     */
    static SavedModel load(Path dir) throws IOException {
        if (isOnnx(dir)) {
            return new SavedModel(Onnx.loadPipeline(dir), List.of(), null, dir);
        }
        Pipeline p = Pipeline.load(dir);
        try {
            Path file = dir.resolve(dev.neurite.io.ModelIO.MODEL_FILE);
            Metadata m = p.metadata();
            List<String> columns = metadata(file, () -> m.strings(COLUMNS)).orElse(List.of());
            HeldOut split = HeldOut.fromMap(m.get(HeldOut.KEY).orElse(null), file);
            return new SavedModel(p, columns, split, null);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /**
     * For CSV input: a model from an ONNX file made elsewhere names no features, and matching a
     * CSV's columns to its inputs by position could feed them in the wrong order without an error.
     */
    void requireNamedFeatures() {
        if (onnxFile != null && featureNames().isEmpty()) {
            throw new IllegalArgumentException(onnxFile + " names no features, so a CSV's columns cannot be matched "
                    + "to its inputs by name (an ONNX file exported by Neurite from a model trained on named columns "
                    + "records them)");
        }
    }

    /** True when {@code path} names an ONNX file rather than a model directory. */
    static boolean isOnnx(Path path) {
        return path.getFileName() != null && path.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .endsWith(".onnx") && !Files.isDirectory(path);
    }

    /** Reads a metadata value; a value of the wrong type is an error that names {@code file}. */
    private static <T> T metadata(Path file, Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    Sequential model() {
        return pipeline.model();
    }

    Preprocessing preprocessing() {
        return pipeline.preprocessing();
    }

    Task task() {
        return pipeline.task();
    }

    List<String> classNames() {
        return pipeline.classNames();
    }

    String labelColumn() {
        return pipeline.labelColumn();
    }

    List<String> featureNames() {
        return pipeline.featureNames();
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
