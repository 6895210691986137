package dev.neurite.cli;

import dev.neurite.pipeline.Preprocessing;
import dev.neurite.data.Dataset;
import dev.neurite.metrics.RegressionMetrics;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.Loss;
import dev.neurite.nn.loss.MultiClassHingeLoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The simple models that give the MLP's test metrics context, fitted on the MLP's training rows
 * and scored on the same test rows: logistic regression and a linear SVM for classification, the
 * training mean and linear least squares for regression.
 *
 * <p>The linear classifiers are convex problems, so they get a recipe of their own rather than
 * the MLP's settings: zero initial weights, Adam with a cosine-decayed step and a fixed number of
 * optimizer steps, enough to converge, on the CPU. The MLP's learning rate, epochs and random
 * initial weights would leave them far short of their optimum, near chance even on separable
 * classes.
 */
final class Baselines {

    /** Adam's initial step for the linear classifiers (features are scaled as for the MLP). */
    static final double LR = 0.01;
    /** Optimizer steps of each linear classifier, whatever the data size. */
    static final int STEPS = 3000;
    static final int BATCH_SIZE = 128;
    /** L2 penalty: keeps the weights finite on separable classes. */
    static final double L2 = 1e-4;

    /**
     * One baseline's test metrics.
     *
     * @param key its name in the summary line ({@code logreg}, {@code svm}, {@code mean}, {@code linear})
     * @param title its row in the report's comparison
     * @param headline the metric the summary line shows ({@code accuracy} or {@code r2})
     * @param metrics the same metrics as the MLP's row, then {@code seconds}
     */
    record Result(String key, String title, String headline, Map<String, Double> metrics) {

        /** {@code Baseline logreg accuracy 0.9800, macro F1 0.9799 (0.4 s)} or the regression metrics. */
        String line() {
            String values = headline.equals("accuracy")
                    ? "accuracy " + Workflow.f4(metrics.get("accuracy")) + ", macro F1 " + Workflow.f4(metrics.get("macro_f1"))
                    : "rmse " + Workflow.f4(metrics.get("rmse")) + ", mae " + Workflow.f4(metrics.get("mae"))
                            + ", r2 " + Workflow.f4(metrics.get("r2"));
            return String.format(Locale.ROOT, "Baseline %-6s %s (%.1f s)", key, values, metrics.get("seconds"));
        }

        /** {@code logreg_accuracy=0.9800}, for the summary line. */
        String summary() {
            return key + "_" + headline + "=" + Workflow.f4(metrics.get(headline));
        }
    }

    private Baselines() {
    }

    /**
     * Logistic regression and a linear SVM (Weston-Watkins hinge) on the features as {@code pre}
     * scales them, trained on {@code train}'s rows with {@code s}'s seed.
     */
    static List<Result> classification(TrainingSettings s, Preprocessing pre, Dataset train, Dataset test, int classes) {
        try (Tensor x = pre.features(train.x()); Tensor xt = pre.features(test.x())) {
            int[] labels = Splitting.labels(test);
            TrainingSettings linear = settings(s, train.size());
            return List.of(
                    classifier("logreg", "Logistic regression", new SoftmaxCrossEntropyLoss(), linear, x, train, xt, labels, classes),
                    classifier("svm", "Linear SVM", new MultiClassHingeLoss(), linear, x, train, xt, labels, classes));
        }
    }

    /**
     * The recipe of the linear classifiers, keeping only the seed of {@code s}. They train on the
     * CPU: they are small, and the device path has no hinge loss.
     */
    static TrainingSettings settings(TrainingSettings s, int rows) {
        int batch = Math.min(BATCH_SIZE, Math.max(1, rows));
        int stepsPerEpoch = (Math.max(1, rows) + batch - 1) / batch;
        int epochs = (STEPS + stepsPerEpoch - 1) / stepsPerEpoch;
        return new TrainingSettings(List.of(), "identity", "adam", LR, "cosine", epochs, batch, 0, false, 0, L2, 0, 0,
                0, s.scaler(), s.seed(), "cpu");
    }

    private static Result classifier(String key, String title, Loss loss, TrainingSettings s, Tensor x, Dataset train,
                                     Tensor xt, int[] labels, int classes) {
        long start = System.nanoTime();
        try (Sequential model = Networks.linear(train.features(), classes, s.seed())) {
            Fitter.fit(model, loss, s, x, train.y(), null, null);
            Map<String, Double> row;
            try (Evaluation e = Evaluation.ofScores(model, xt, labels)) {
                row = new LinkedHashMap<>(e.metrics());
            }
            row.put("seconds", (System.nanoTime() - start) / 1e9);
            return new Result(key, title, "accuracy", row);
        }
    }

    /**
     * The mean of {@code train}'s targets and linear least squares on its raw features, both
     * scored on {@code test} in the units of the targets.
     */
    static List<Result> regression(Dataset train, Dataset test) {
        double[] truth = test.y().toDoubleArray();

        long start = System.nanoTime();
        double mean = Arrays.stream(train.y().toDoubleArray()).average().orElseThrow();
        double[] constant = new double[truth.length];
        Arrays.fill(constant, mean);
        Result meanResult = regressor("mean", "Mean of training targets", truth, constant, start);

        start = System.nanoTime();
        double[] fitted = LeastSquares.fit(train.x(), train.y()).predict(test.x());
        Result linearResult = regressor("linear", "Linear least squares", truth, fitted, start);
        return List.of(meanResult, linearResult);
    }

    private static Result regressor(String key, String title, double[] truth, double[] predicted, long start) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("rmse", RegressionMetrics.rmse(truth, predicted));
        row.put("mae", RegressionMetrics.mae(truth, predicted));
        row.put("r2", RegressionMetrics.r2(truth, predicted));
        row.put("seconds", (System.nanoTime() - start) / 1e9);
        return new Result(key, title, "r2", row);
    }
}
