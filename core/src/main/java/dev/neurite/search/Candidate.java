package dev.neurite.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One configuration to try: a value for every parameter of the space, in the space's order.
 *
 * @param index position in the list of candidates, from 0
 * @param values parameter name to value, in the space's order (unmodifiable)
 */
public record Candidate(int index, Map<String, String> values) {

    public Candidate {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of {@code name}. */
    public String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("candidate " + index + " has no parameter '" + name + "' (it has "
                    + String.join(", ", values.keySet()) + ")");
        }
        return v;
    }

    /** {@code name=value} pairs separated by blanks, e.g. {@code lr=0.001 layers=256,128}. */
    public String describe() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return "Candidate[" + index + ": " + describe() + "]";
    }
}
