package dev.neurite.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * Models side by side: one row per model, one column per metric. Columns keep the order of a
 * {@link SequencedMap} (a {@code LinkedHashMap}, a {@code TreeMap}); metrics from unordered maps
 * ({@code Map.of}) are put in a fixed order (accuracy, precision, recall, F1, AUC, R^2, losses and
 * errors, others, times) so that the page is the same on every run.
 */
final class ComparisonTable {

    /** Whether a larger or a smaller value of a metric is better, judged from its name. */
    enum Direction { HIGHER, LOWER, NONE }

    private static final Set<String> LOWER_TOKENS = Set.of("loss", "error", "err", "mse", "rmse", "mae", "mape",
            "seconds", "second", "sec", "secs", "s", "ms", "time", "latency", "minutes");
    private static final String[] HIGHER_PREFIXES = {"acc", "precision", "recall", "f1", "auc", "r2", "score",
        "iou", "kappa", "mcc", "top"};
    /** Column groups of unordered maps, in page order; a metric's group is its first matching entry. */
    private static final String[] GROUPS = {"acc", "top", "precision", "recall", "f1", "auc", "r2", "loss",
        "mse", "rmse", "mae", "error"};

    private final SequencedMap<String, Map<String, Double>> rows = new LinkedHashMap<>();
    private final Set<String> columns = new LinkedHashSet<>();

    void add(String model, Map<String, Double> metrics) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a comparison row needs a model name, got " + (model == null ? "null" : "\"" + model + "\""));
        }
        if (metrics == null) {
            throw new IllegalArgumentException("comparison row \"" + model + "\" has no metrics map");
        }
        if (rows.containsKey(model)) {
            throw new IllegalArgumentException("comparison already has a row for model \"" + model + "\"");
        }
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("comparison row \"" + model + "\" has a null metric name or value: "
                        + e.getKey() + "=" + e.getValue());
            }
            keys.add(e.getKey());
        }
        if (!(metrics instanceof SequencedMap)) {
            keys.sort(Comparator.comparingInt(ComparisonTable::group).thenComparing(Comparator.naturalOrder()));
        }
        columns.addAll(keys);
        rows.put(model, new LinkedHashMap<>(metrics));
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    List<String> columns() {
        return List.copyOf(columns);
    }

    List<String> models() {
        return List.copyOf(rows.keySet());
    }

    /** The value of {@code metric} for {@code model}; NaN where the model has none. */
    double value(String model, String metric) {
        Double v = rows.get(model).get(metric);
        return v == null ? Double.NaN : v;
    }

    /** True where {@code model} has the best value of {@code metric} (ties all count; needs two values). */
    boolean isBest(String model, String metric) {
        Direction d = direction(metric);
        double v = value(model, metric);
        if (d == Direction.NONE || !Double.isFinite(v)) {
            return false;
        }
        int finite = 0;
        double best = d == Direction.HIGHER ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (String m : rows.keySet()) {
            double x = value(m, metric);
            if (Double.isFinite(x)) {
                finite++;
                best = d == Direction.HIGHER ? Math.max(best, x) : Math.min(best, x);
            }
        }
        return finite >= 2 && v == best;
    }

    /** The values of a column formatted alike: integers plainly, otherwise decimals fitting the largest value. */
    List<String> formatColumn(String metric) {
        double maxAbs = 0;
        boolean integers = true;
        for (String m : rows.keySet()) {
            double v = value(m, metric);
            if (Double.isFinite(v)) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
                integers &= v == Math.rint(v) && Math.abs(v) < 1e15;
            }
        }
        String pattern = integers ? null
                : maxAbs <= 1 ? "%.4f" : maxAbs < 100 ? "%.3f" : maxAbs < 1000 ? "%.2f" : "%,.1f";
        if (!integers && maxAbs > 0 && maxAbs < 1e-3) {
            pattern = "%.3e";
        }
        List<String> out = new ArrayList<>();
        for (String m : rows.keySet()) {
            double v = value(m, metric);
            if (!Double.isFinite(v)) {
                out.add(Formats.general(v));
            } else if (pattern == null) {
                out.add(String.format(Locale.ROOT, "%,d", (long) v));
            } else {
                out.add(String.format(Locale.ROOT, pattern, v));
            }
        }
        return out;
    }

    static Direction direction(String metric) {
        List<String> tokens = tokens(metric);
        boolean lower = tokens.stream().anyMatch(LOWER_TOKENS::contains);
        boolean higher = tokens.stream().anyMatch(t -> Arrays.stream(HIGHER_PREFIXES).anyMatch(t::startsWith));
        if (lower == higher) {
            return Direction.NONE;
        }
        return lower ? Direction.LOWER : Direction.HIGHER;
    }

    private static int group(String metric) {
        List<String> tokens = tokens(metric);
        if (direction(metric) == Direction.LOWER && tokens.stream().anyMatch(
                t -> t.equals("seconds") || t.equals("time") || t.equals("s") || t.equals("ms") || t.startsWith("sec"))) {
            return GROUPS.length + 1; // times last
        }
        for (int g = 0; g < GROUPS.length; g++) {
            String prefix = GROUPS[g];
            if (tokens.stream().anyMatch(t -> t.startsWith(prefix))) {
                return g;
            }
        }
        return GROUPS.length;
    }

    private static List<String> tokens(String metric) {
        return Arrays.stream(metric.toLowerCase(Locale.ROOT).replace("^", "").split("[^a-z0-9]+"))
                .filter(t -> !t.isEmpty()).toList();
    }
}
