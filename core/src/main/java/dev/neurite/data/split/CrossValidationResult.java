package dev.neurite.data.split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics of every fold of a cross-validation, and per metric the mean and the sample
 * standard deviation over the folds, {@code sqrt(sum((m_f - mean)^2) / (folds - 1))} (ddof = 1:
 * the folds are a sample of the possible splits). With a single fold the std is NaN.
 */
public final class CrossValidationResult {

    private final List<Map<String, Double>> folds;

    CrossValidationResult(List<Map<String, Double>> folds) {
        List<Map<String, Double>> copies = new ArrayList<>();
        for (Map<String, Double> m : folds) {
            copies.add(Collections.unmodifiableMap(m));
        }
        this.folds = List.copyOf(copies);
    }

    /** The metrics of each fold, in fold order. */
    public List<Map<String, Double>> folds() {
        return folds;
    }

    /** The metric names, in the order the evaluator returned them. */
    public List<String> metricNames() {
        return List.copyOf(folds.getFirst().keySet());
    }

    /** The values of {@code metric}, one per fold. */
    public double[] values(String metric) {
        if (!folds.getFirst().containsKey(metric)) {
            throw new IllegalArgumentException("cross-validation: no metric '" + metric + "'; the metrics are "
                    + metricNames());
        }
        return folds.stream().mapToDouble(m -> m.get(metric)).toArray();
    }

    /** The mean of {@code metric} over the folds. */
    public double mean(String metric) {
        double[] v = values(metric);
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    /** The sample standard deviation (ddof = 1) of {@code metric} over the folds; NaN for one fold. */
    public double std(String metric) {
        double[] v = values(metric);
        if (v.length < 2) {
            return Double.NaN;
        }
        double mean = mean(metric);
        double sumSq = 0;
        for (double x : v) {
            sumSq += (x - mean) * (x - mean);
        }
        return Math.sqrt(sumSq / (v.length - 1));
    }

    /** One line per metric: {@code name: mean +/- std}, over the folds, sample std. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "cross-validation over %d folds (mean +/- sample std, ddof=1):",
                folds.size()));
        for (String name : metricNames()) {
            text.append(String.format(Locale.ROOT, "%n  %s: %.6g +/- %.6g", name, mean(name), std(name)));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
