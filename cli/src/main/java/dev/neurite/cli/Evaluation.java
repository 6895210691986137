package dev.neurite.cli;

import dev.neurite.pipeline.Task;
import dev.neurite.pipeline.Preprocessing;
import dev.neurite.data.Dataset;
import dev.neurite.metrics.Average;
import dev.neurite.metrics.ClassificationMetrics;
import dev.neurite.metrics.ClassificationReport;
import dev.neurite.metrics.ConfusionMatrix;
import dev.neurite.metrics.RegressionMetrics;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's predictions on a data set and their metrics: for classification the true classes,
 * the class probabilities (softmax of the outputs), accuracy and F1; for regression the true and
 * predicted values, RMSE, MAE and R^2. Closing it frees the probabilities.
 */
final class Evaluation implements AutoCloseable {

    private final Task task;
    private final int[] labels;
    private final Tensor scores;
    private final double[] truth;
    private final double[] predicted;
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    private Evaluation(Task task, int[] labels, Tensor scores, double[] truth, double[] predicted) {
        this.task = task;
        this.labels = labels;
        this.scores = scores;
        this.truth = truth;
        this.predicted = predicted;
        if (task == Task.CLASSIFICATION) {
            int[] predictedClasses = ClassificationMetrics.predictions(scores);
            metrics.put("accuracy", ClassificationMetrics.accuracy(labels, predictedClasses));
            metrics.put("macro_f1", ClassificationMetrics.f1(labels, predictedClasses, scores.cols(), Average.MACRO));
        } else {
            metrics.put("rmse", RegressionMetrics.rmse(truth, predicted));
            metrics.put("mae", RegressionMetrics.mae(truth, predicted));
            metrics.put("r2", RegressionMetrics.r2(truth, predicted));
        }
    }

    /** The model's predictions for the raw (unscaled) {@code data}. */
    static Evaluation of(Task task, Sequential model, Preprocessing pre, Dataset data) {
        return of(task, model, pre, data, false);
    }

    /** As the other {@code of}; with {@code preprocessed} the features of {@code data} are already the network's. */
    static Evaluation of(Task task, Sequential model, Preprocessing pre, Dataset data, boolean preprocessed) {
        if (data.features() != model.inputFeatures()) {
            throw new IllegalArgumentException("the model takes " + model.inputFeatures() + " features, the data has "
                    + data.features());
        }
        try (Tensor in = preprocessed ? data.x().copy() : pre.features(data.x()); Tensor out = model.predict(in)) {
            double[] values = out.toDoubleArray();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    // a NaN would be scored as class 0 or an error of NaN: refuse rather than report a number
                    throw new IllegalStateException("the model's output for data row " + (i / out.cols() + 1) + " is "
                            + values[i] + "; no metrics for non-finite outputs");
                }
            }
            if (task == Task.CLASSIFICATION) {
                int[] labels = Splitting.labels(data);
                Tensor probabilities = Tensor.computed(out.dtype(), out.rows(), out.cols(),
                        p -> Ops.get().softmaxRows(p, out));
                return new Evaluation(task, labels, probabilities, null, null);
            }
            try (Tensor outputs = pre.outputs(out)) {
                return new Evaluation(task, null, null, data.y().toDoubleArray(), outputs.toDoubleArray());
            }
        }
    }

    /** Frees the class probabilities. */
    @Override
    public void close() {
        if (scores != null) {
            scores.close();
        }
    }

    /** The class scores of a linear classifier (argmax is what counts); for the baselines. */
    static Evaluation ofScores(Sequential model, Tensor x, int[] labels) {
        return new Evaluation(Task.CLASSIFICATION, labels, model.predict(x), null, null);
    }

    Map<String, Double> metrics() {
        return metrics;
    }

    double metric(String name) {
        return metrics.get(name);
    }

    int[] labels() {
        return labels;
    }

    /** Class probabilities {@code (N, C)}. */
    Tensor scores() {
        return scores;
    }

    double[] truth() {
        return truth;
    }

    double[] predicted() {
        return predicted;
    }

    /** The classification report and confusion matrix, or the regression metrics. */
    String text(List<String> classNames) {
        if (task == Task.REGRESSION) {
            return String.format(Locale.ROOT, "samples %d%nMSE  %.6g%nRMSE %.6g%nMAE  %.6g%nR^2  %.6f%n", truth.length,
                    RegressionMetrics.mse(truth, predicted), metric("rmse"), metric("mae"), metric("r2"));
        }
        String[] names = classNames.toArray(String[]::new);
        int[] predictedClasses = ClassificationMetrics.predictions(scores);
        ConfusionMatrix cm = ConfusionMatrix.of(labels, predictedClasses, scores.cols());
        return ClassificationReport.of(cm, names).format(4) + System.lineSeparator()
                + "Confusion matrix (rows: true, columns: predicted)" + System.lineSeparator() + cm.format(names);
    }
}
