package dev.neurite.pipeline;

import dev.neurite.data.CsvReader;
import dev.neurite.data.Dataset;
import dev.neurite.io.LoadedModel;
import dev.neurite.io.Metadata;
import dev.neurite.io.ModelIO;
import dev.neurite.metrics.Average;
import dev.neurite.metrics.ClassificationMetrics;
import dev.neurite.metrics.RegressionMetrics;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A trained model with everything predicting needs: the fitted preprocessing, the network, the
 * feature names it was trained on and the class names. It gives API users the guarantees of the
 * command line: features are matched by name ({@link #features(Dataset)}, {@link #readFeatures}),
 * non-finite inputs are refused (unless the pipeline imputes), and results are class labels,
 * probabilities or values rather than raw tensors. A pipeline saved with {@link #save} is a model
 * directory {@code ./neurite predict} and {@code evaluate} read, and {@link #load} reads the
 * directories {@code ./neurite train} writes.
 *
 * <pre>{@code
 * try (Pipeline p = PipelineTrainer.classifier().hidden(16).epochs(50).fit(train)) {
 *     try (Tensor x = p.features(test)) {                 // a new tensor: close it
 *         String[] labels = p.predictLabels(x);
 *     }
 *     Map<String, Double> metrics = p.evaluate(test);     // accuracy, macro_f1
 *     p.save(Path.of("runs/iris/model"));
 * }
 * }</pre>
 *
 * <p>Predictions are thread-safe. Methods that return a {@link Tensor} return a new one that the
 * caller closes. {@link #close()} frees the network, after waiting for predictions in flight on
 * other threads (see {@link Sequential#close()}).
 */
public final class Pipeline implements AutoCloseable {

    /** Metadata key of the task ({@link Task#label()}). */
    public static final String TASK_KEY = "task";
    /** Metadata key of the training data's label column name. */
    public static final String LABEL_COLUMN_KEY = "label_column";
    /** Metadata key of the feature names, in the network's input order. */
    public static final String FEATURE_NAMES_KEY = "feature_names";

    private final Sequential model;
    private final Preprocessing preprocessing;
    private final Task task;
    private final List<String> classNames;
    private final List<String> featureNames;
    private final String labelColumn;
    private final Metadata extra;

    private Pipeline(Sequential model, Preprocessing preprocessing, Task task, List<String> classNames,
                     List<String> featureNames, String labelColumn, Metadata extra) {
        this.model = Objects.requireNonNull(model, "model");
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        this.task = Objects.requireNonNull(task, "task");
        this.classNames = List.copyOf(classNames);
        this.featureNames = List.copyOf(featureNames);
        this.labelColumn = labelColumn;
        this.extra = extra == null ? Metadata.empty() : extra;
        if (task == Task.CLASSIFICATION && this.classNames.size() != model.outputFeatures()) {
            throw new IllegalArgumentException("pipeline: " + this.classNames.size() + " class names for a network with "
                    + model.outputFeatures() + " outputs");
        }
        if (task == Task.REGRESSION && model.outputFeatures() != 1) {
            throw new IllegalArgumentException("pipeline: a regression network has one output, this one has "
                    + model.outputFeatures());
        }
        if (!this.featureNames.isEmpty() && this.featureNames.size() != model.inputFeatures()) {
            throw new IllegalArgumentException("pipeline: " + this.featureNames.size() + " feature names for a network with "
                    + model.inputFeatures() + " inputs");
        }
        if (new java.util.HashSet<>(this.featureNames).size() != this.featureNames.size()) {
            throw new IllegalArgumentException("pipeline: feature names must be distinct, got " + this.featureNames);
        }
    }

    /**
     * A pipeline of a trained {@code model} (which it then owns) and its fitted
     * {@code preprocessing}. {@code classNames} in class-index order (classification) or empty;
     * {@code featureNames} one per input, or empty when the inputs are unnamed; {@code labelColumn}
     * the training data's label column, or null; {@code extra} further metadata saved with it
     * (null: none).
     */
    public static Pipeline of(Sequential model, Preprocessing preprocessing, Task task, List<String> classNames,
                              List<String> featureNames, String labelColumn, Metadata extra) {
        return new Pipeline(model, preprocessing, task, classNames, featureNames, labelColumn, extra);
    }

    /**
     * Reads a pipeline from a model directory ({@code model.json} and its weights).
     *
     * @throws IllegalArgumentException when the directory is not a pipeline's, naming the file and key
     */
    public static Pipeline load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no model directory " + dir);
        }
        LoadedModel loaded = ModelIO.load(dir);
        Path file = dir.resolve(ModelIO.MODEL_FILE);
        try {
            Metadata m = loaded.metadata();
            String taskName = read(file, () -> m.string(TASK_KEY)).orElseThrow(() -> new IllegalArgumentException(file
                    + ": not a pipeline (its metadata has no '" + TASK_KEY + "')"));
            Task task;
            try {
                task = Task.parse(taskName);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": metadata '" + TASK_KEY + "' must be classification or "
                        + "regression, got '" + taskName + "'", e);
            }
            Preprocessing pre;
            try {
                pre = Preprocessing.readFrom(m);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(file + ": bad preprocessing state: " + e.getMessage(), e);
            }
            String label = read(file, () -> m.string(LABEL_COLUMN_KEY)).orElse(null);
            List<String> features = read(file, () -> m.strings(FEATURE_NAMES_KEY)).orElse(List.of());
            try {
                return new Pipeline(loaded.model(), pre, task, m.classNames(), features, label, m);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    private static <T> T read(Path file, Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Saves the pipeline to {@code dir} atomically, in the format {@link #load} and the command line read. */
    public void save(Path dir) throws IOException {
        Metadata m = extra.with(TASK_KEY, task.label())
                .withClassNames(classNames)
                .with(LABEL_COLUMN_KEY, labelColumn)
                .with(FEATURE_NAMES_KEY, featureNames);
        ModelIO.save(model, dir, preprocessing.writeTo(m));
    }

    /**
     * The columns of {@code data} the network takes, in its order, found by feature name: a new
     * tensor that the caller closes.
     *
     * @throws IllegalArgumentException when names are missing or unexpected (both listed), or
     *     when the widths differ and there are no names to match by
     */
    public Tensor features(Dataset data) {
        Tensor x = data.x();
        List<String> names = data.featureNames();
        if (featureNames.isEmpty() || names.isEmpty()) {
            requireWidth(x);
            return x.copy();
        }
        if (names.equals(featureNames)) {
            return x.copy();
        }
        List<String> missing = new ArrayList<>(featureNames);
        missing.removeAll(names);
        List<String> unexpected = new ArrayList<>(names);
        unexpected.removeAll(featureNames);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("the data's feature names do not match the pipeline's: missing " + missing
                    + ", unexpected " + unexpected);
        }
        int[] columns = featureNames.stream().mapToInt(names::indexOf).toArray();
        double[] values = x.toDoubleArray();
        double[] picked = new double[x.rows() * columns.length];
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < columns.length; c++) {
                picked[r * columns.length + c] = values[r * x.cols() + columns[c]];
            }
        }
        Tensor out = Tensor.zeros(x.dtype(), x.rows(), columns.length);
        out.copyFrom(picked);
        return out;
    }

    /**
     * The features of a CSV file, columns found by header name (a label column is skipped);
     * missing, unexpected or duplicate names, a header-less file and values that overflow are
     * errors naming the file, line and column. A new tensor that the caller closes.
     */
    public Tensor readFeatures(Path csv) throws IOException {
        Tensor x = featureReader().readFeatures(csv);
        requireWidth(x);
        return x;
    }

    /**
     * A CSV reader of this pipeline's features ({@link CsvReader#readFeatures}): by header name,
     * the label column skipped when present, missing values imputed when the pipeline imputes.
     */
    public CsvReader featureReader() {
        CsvReader reader = labelColumn != null ? CsvReader.regression(labelColumn) : CsvReader.unlabelled();
        if (!featureNames.isEmpty()) {
            reader.featureNames(featureNames);
        }
        if (preprocessing.imputer() != null) {
            reader.imputer(preprocessing.imputer());
        }
        return reader;
    }

    /** Class probabilities {@code (N, C)} for features {@code x (N, d)} (classification). */
    public double[][] predictProba(Tensor x) {
        requireTask(Task.CLASSIFICATION, "predictProba");
        try (Tensor logits = network(x); Tensor p = Tensor.zeros(logits.dtype(), logits.rows(), logits.cols())) {
            Ops.get().softmaxRows(p, logits);
            return rows(p);
        }
    }

    /** The class index of each row of {@code x} (classification). */
    public int[] predictClasses(Tensor x) {
        requireTask(Task.CLASSIFICATION, "predictClasses");
        return ClassificationMetrics.predictions(predictProba(x));
    }

    /** The class name of each row of {@code x} (classification). */
    public String[] predictLabels(Tensor x) {
        int[] classes = predictClasses(x);
        String[] labels = new String[classes.length];
        for (int i = 0; i < classes.length; i++) {
            labels[i] = classNames.get(classes[i]);
        }
        return labels;
    }

    /** The predicted value of each row of {@code x}, in the targets' units (regression). */
    public double[] predictValues(Tensor x) {
        requireTask(Task.REGRESSION, "predictValues");
        try (Tensor out = network(x); Tensor values = preprocessing.outputs(out)) {
            return values.toDoubleArray();
        }
    }

    /**
     * Metrics of the pipeline on labelled {@code data} (features matched by name): accuracy and
     * macro F1 for classification, rmse, mae and r2 for regression.
     */
    public Map<String, Double> evaluate(Dataset data) {
        try (Tensor x = features(data)) {
            return evaluate(data, x);
        }
    }

    private Map<String, Double> evaluate(Dataset data, Tensor x) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (task == Task.CLASSIFICATION) {
            if (!data.classNames().isEmpty() && !data.classNames().equals(classNames)) {
                throw new IllegalArgumentException("the data's classes " + data.classNames()
                        + " are not the pipeline's " + classNames + " (read the data with these class names)");
            }
            int[] truth = data.classLabels();
            int[] predicted = predictClasses(x);
            metrics.put("accuracy", ClassificationMetrics.accuracy(truth, predicted));
            metrics.put("macro_f1", ClassificationMetrics.f1(truth, predicted, classNames.size(), Average.MACRO));
        } else {
            double[] truth = data.y().toDoubleArray();
            double[] predicted = predictValues(x);
            metrics.put("rmse", RegressionMetrics.rmse(truth, predicted));
            metrics.put("mae", RegressionMetrics.mae(truth, predicted));
            metrics.put("r2", RegressionMetrics.r2(truth, predicted));
        }
        return metrics;
    }

    /**
     * The network's outputs for raw features {@code x}: checked, preprocessed, predicted, checked;
     * a new tensor that the caller closes.
     */
    private Tensor network(Tensor x) {
        requireWidth(x);
        requireFinite(x, "input", !preprocessing.imputes());
        try (Tensor in = Tensor.zeros(model.dtype(), x.rows(), x.cols())) {
            in.copyFrom(x); // converts the dtype when it differs
            preprocessing.featuresInPlace(in);
            Tensor out = model.predict(in);
            try {
                requireFinite(out, "network output", true);
                return out;
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
        }
    }

    private void requireWidth(Tensor x) {
        if (x.cols() != model.inputFeatures()) {
            throw new IllegalArgumentException("the pipeline takes " + model.inputFeatures() + " features"
                    + (featureNames.isEmpty() ? "" : " " + featureNames) + ", got " + x.cols() + " columns");
        }
    }

    /** A NaN or infinity would become a made-up class or value: refuse it, naming row and column. */
    private static void requireFinite(Tensor t, String what, boolean nanToo) {
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (Double.isInfinite(v[i]) || (nanToo && Double.isNaN(v[i]))) {
                throw new IllegalArgumentException(what + " row " + i / t.cols() + ", column " + i % t.cols()
                        + " is " + v[i] + "; predictions need finite values");
            }
        }
    }

    private void requireTask(Task expected, String method) {
        if (task != expected) {
            throw new IllegalStateException(method + " is for " + expected.label() + "; this pipeline does "
                    + task.label());
        }
    }

    private static double[][] rows(Tensor t) {
        double[] v = t.toDoubleArray();
        double[][] out = new double[t.rows()][t.cols()];
        for (int r = 0; r < out.length; r++) {
            System.arraycopy(v, r * t.cols(), out[r], 0, t.cols());
        }
        return out;
    }

    /** The task. */
    public Task task() {
        return task;
    }

    /** Class names in class-index order; empty for regression. */
    public List<String> classNames() {
        return classNames;
    }

    /** The feature names in the network's input order; empty when the inputs are unnamed. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The training data's label column name, or null. */
    public String labelColumn() {
        return labelColumn;
    }

    /** The network, owned by this pipeline. */
    public Sequential model() {
        return model;
    }

    /** The fitted preprocessing. */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** All metadata the pipeline was loaded or built with, for keys of its own (reports, splits). */
    public Metadata metadata() {
        return extra;
    }

    /** The network's input dtype. */
    public DType dtype() {
        return model.dtype();
    }

    /** Frees the network. */
    @Override
    public void close() {
        model.close();
    }
}
