package dev.neurite.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Independent random draws from a {@link ParameterSpace}, reproducible from a seed. */
public final class RandomSearch {

    private RandomSearch() {
    }

    /**
     * {@code count} candidates; each parameter of each candidate is drawn from its distribution
     * with one {@link Random} seeded with {@code seed}, in candidate and then parameter order,
     * so the same seed and space give the same candidates.
     */
    public static List<Candidate> candidates(ParameterSpace space, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("random search needs at least one candidate, got " + count);
        }
        Random random = new Random(seed);
        List<Candidate> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, String> config = new LinkedHashMap<>();
            space.parameters().forEach((name, d) -> config.put(name, d.sample(random)));
            out.add(new Candidate(i, config));
        }
        return out;
    }
}
