package dev.neurite.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Evaluates every candidate with an {@link Objective} and ranks them by one of its metrics.
 *
 * <pre>{@code
 * ParameterSpace space = ParameterSpace.parse("lr=logu:1e-4:1e-2;dropout=u:0:0.5", Set.of());
 * SearchResults results = HyperparameterSearch.run(RandomSearch.candidates(space, 20, 7),
 *         c -> Map.of("accuracy", trainAndValidate(c)), "accuracy", SearchResults.Direction.MAXIMIZE, r -> {});
 * Candidate best = results.best().candidate();
 * }</pre>
 */
public final class HyperparameterSearch {

    /** Trains and scores one candidate, returning its metrics by name. */
    @FunctionalInterface
    public interface Objective {
        Map<String, Double> evaluate(Candidate candidate);
    }

    private HyperparameterSearch() {
    }

    /**
     * Evaluates {@code candidates} in order, calling {@code progress} after each, and ranks them
     * by the metric {@code scoreName}, which every evaluation must return.
     */
    public static SearchResults run(List<Candidate> candidates, Objective objective, String scoreName,
                                    SearchResults.Direction direction, Consumer<SearchResult> progress) {
        Objects.requireNonNull(objective, "objective");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a search needs at least one candidate");
        }
        List<SearchResult> results = new ArrayList<>();
        for (Candidate candidate : candidates) {
            long start = System.nanoTime();
            Map<String, Double> metrics = objective.evaluate(candidate);
            Double score = metrics.get(scoreName);
            if (score == null) {
                throw new IllegalStateException("the objective returned no '" + scoreName + "' for " + candidate.describe()
                        + " (it returned " + metrics.keySet() + ")");
            }
            SearchResult result = new SearchResult(candidate, score, metrics, (System.nanoTime() - start) / 1e9);
            results.add(result);
            progress.accept(result);
        }
        return new SearchResults(scoreName, direction, results);
    }
}
