package dev.neurite.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one candidate scored.
 *
 * @param candidate the configuration
 * @param score the value candidates are ranked by
 * @param metrics every metric measured, the score among them (unmodifiable, in insertion order)
 * @param seconds wall time of the evaluation
 */
public record SearchResult(Candidate candidate, double score, Map<String, Double> metrics, double seconds) {

    public SearchResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
