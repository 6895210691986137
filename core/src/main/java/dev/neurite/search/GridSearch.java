package dev.neurite.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every combination of the listed values of a finite {@link ParameterSpace}. */
public final class GridSearch {

    /** More candidates than this is almost certainly a mistake in the spec. */
    public static final int MAX_CANDIDATES = 100_000;

    private GridSearch() {
    }

    /**
     * The Cartesian product of the parameters' values, the last parameter varying fastest (as
     * nested loops in declaration order).
     *
     * @throws IllegalArgumentException when a parameter is a range, or the grid is too large
     */
    public static List<Candidate> candidates(ParameterSpace space) {
        List<String> names = space.names();
        List<List<String>> values = new ArrayList<>();
        long total = 1;
        for (String name : names) {
            Distribution d = space.parameters().get(name);
            if (!(d instanceof Distribution.Choice choice)) {
                throw new IllegalArgumentException("grid search: parameter '" + name + "' is a range ("
                        + d.describe() + "); a grid needs listed values (or use random search)");
            }
            values.add(choice.values());
            total *= choice.values().size();
            if (total > MAX_CANDIDATES) {
                throw new IllegalArgumentException("grid search: more than " + MAX_CANDIDATES + " combinations");
            }
        }
        List<Candidate> out = new ArrayList<>((int) total);
        int[] position = new int[names.size()];
        for (int index = 0; index < total; index++) {
            Map<String, String> config = new LinkedHashMap<>();
            for (int p = 0; p < names.size(); p++) {
                config.put(names.get(p), values.get(p).get(position[p]));
            }
            out.add(new Candidate(index, config));
            // odometer increment, last parameter fastest
            for (int p = names.size() - 1; p >= 0; p--) {
                if (++position[p] < values.get(p).size()) {
                    break;
                }
                position[p] = 0;
            }
        }
        return out;
    }
}
