package dev.neurite.data.split;

import dev.neurite.data.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@link FoldEvaluator} on every fold and summarises each metric as mean +/- sample
 * standard deviation over the folds (see {@link CrossValidationResult}).
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /** Splits {@code data} with {@code splitter} and evaluates every fold. */
    public static CrossValidationResult run(FoldSplitter splitter, Dataset data, FoldEvaluator evaluator) {
        return run(splitter.split(data), evaluator);
    }

    /** Evaluates every fold in {@code folds}, in order. */
    public static CrossValidationResult run(List<Fold> folds, FoldEvaluator evaluator) {
        Objects.requireNonNull(evaluator, "evaluator");
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("cross-validation: no folds to run");
        }
        List<Map<String, Double>> results = new ArrayList<>(folds.size());
        for (Fold fold : folds) {
            Map<String, Double> metrics = evaluator.evaluate(fold.train().clone(), fold.validation().clone());
            if (metrics == null || metrics.isEmpty()) {
                throw new IllegalStateException("cross-validation: fold " + fold.number() + " returned no metrics");
            }
            if (!results.isEmpty() && !results.getFirst().keySet().equals(metrics.keySet())) {
                throw new IllegalStateException("cross-validation: fold " + fold.number() + " returned metrics "
                        + metrics.keySet() + ", fold " + folds.getFirst().number() + " returned "
                        + results.getFirst().keySet());
            }
            metrics.forEach((name, value) -> {
                if (value == null) {
                    throw new IllegalStateException("cross-validation: fold " + fold.number() + " returned no value for '"
                            + name + "'");
                }
            });
            results.add(new LinkedHashMap<>(metrics));
        }
        return new CrossValidationResult(results);
    }
}
