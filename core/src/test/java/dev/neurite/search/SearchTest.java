package dev.neurite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchTest {

    private static final Set<String> LISTS = Set.of("layers");
    private static final int DRAWS = 2000;

    @Test
    void gridEnumeratesEveryCombinationOnce() {
        ParameterSpace space = ParameterSpace.parse("lr=1e-3,3e-3,1e-2;layers=128|256,128;optimizer=adam|sgd", LISTS);
        List<Candidate> grid = GridSearch.candidates(space);
        assertEquals(3 * 2 * 2, grid.size());
        Set<Map<String, String>> seen = new HashSet<>();
        for (Candidate c : grid) {
            assertTrue(seen.add(c.values()), "repeated " + c);
        }
        for (String lr : List.of("1e-3", "3e-3", "1e-2")) {
            for (String layers : List.of("128", "256,128")) {
                for (String opt : List.of("adam", "sgd")) {
                    assertTrue(seen.contains(Map.of("lr", lr, "layers", layers, "optimizer", opt)), lr + layers + opt);
                }
            }
        }
        // the last parameter varies fastest; indices count up
        assertEquals("adam", grid.get(0).get("optimizer"));
        assertEquals("sgd", grid.get(1).get("optimizer"));
        for (int i = 0; i < grid.size(); i++) {
            assertEquals(i, grid.get(i).index());
        }
    }

    @Test
    void listValuedParametersSplitOnlyAtBars() {
        ParameterSpace space = ParameterSpace.parse("layers=256,128", LISTS);
        assertEquals(List.of("256,128"), space.parameters().get("layers").values());
        ParameterSpace scalar = ParameterSpace.parse("lr=1,2", LISTS);
        assertEquals(List.of("1", "2"), scalar.parameters().get("lr").values());
    }

    @Test
    void gridRejectsRanges() {
        ParameterSpace space = ParameterSpace.parse("lr=logu:1e-4:1e-2", LISTS);
        assertThrows(IllegalArgumentException.class, () -> GridSearch.candidates(space));
    }

    @Test
    void randomSearchIsReproducibleWithASeed() {
        ParameterSpace space = ParameterSpace.parse("lr=logu:1e-4:1e-2;dropout=u:0:0.5;layers=choice:128|256,128;batch=int:16:64", LISTS);
        List<Candidate> a = RandomSearch.candidates(space, 10, 7);
        List<Candidate> b = RandomSearch.candidates(space, 10, 7);
        List<Candidate> c = RandomSearch.candidates(space, 10, 8);
        assertEquals(a, b);
        assertNotEquals(a, c);
        for (Candidate candidate : a) {
            assertTrue(Set.of("128", "256,128").contains(candidate.get("layers")), candidate.toString());
            double dropout = Double.parseDouble(candidate.get("dropout"));
            assertTrue(dropout >= 0 && dropout < 0.5, candidate.toString());
            long batch = Long.parseLong(candidate.get("batch"));
            assertTrue(batch >= 16 && batch <= 64, candidate.toString());
        }
    }

    @Test
    void logUniformStaysInRangeAndCoversEveryDecade() {
        ParameterSpace space = ParameterSpace.parse("lr=logu:1e-4:1e-1", LISTS);
        List<Candidate> draws = RandomSearch.candidates(space, DRAWS, 3);
        int[] perDecade = new int[3];
        for (Candidate c : draws) {
            double lr = Double.parseDouble(c.get("lr"));
            assertTrue(lr >= 1e-4 && lr < 1e-1, "out of range: " + lr);
            perDecade[Math.min(2, (int) Math.floor(Math.log10(lr) + 4))]++;
        }
        // log-uniform: each decade gets about a third; a uniform draw would put ~90% in the last
        for (int count : perDecade) {
            assertTrue(count > DRAWS / 4 && count < DRAWS * 5 / 12, java.util.Arrays.toString(perDecade));
        }
    }

    @Test
    void badSpecsAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterSpace.parse("lr=logu:0:1", LISTS));
        assertTrue(e.getMessage().contains("lr"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterSpace.parse("lr", LISTS));
        assertThrows(IllegalArgumentException.class, () -> ParameterSpace.parse("lr=u:2:1", LISTS));
        assertThrows(IllegalArgumentException.class, () -> ParameterSpace.parse("lr=1;lr=2", LISTS));
    }

    @Test
    void resultsRankBestFirstAndNaNLast() {
        ParameterSpace space = ParameterSpace.parse("x=1,2,3,4", LISTS);
        List<Candidate> grid = GridSearch.candidates(space);
        Map<String, Double> scores = Map.of("1", 0.5, "2", Double.NaN, "3", 0.9, "4", 0.7);
        SearchResults max = HyperparameterSearch.run(grid, c -> Map.of("acc", scores.get(c.get("x"))), "acc",
                SearchResults.Direction.MAXIMIZE, r -> { });
        assertEquals(List.of("3", "4", "1", "2"), max.ranked().stream().map(r -> r.candidate().get("x")).toList());
        SearchResults min = HyperparameterSearch.run(grid, c -> Map.of("acc", scores.get(c.get("x"))), "acc",
                SearchResults.Direction.MINIMIZE, r -> { });
        assertEquals("1", min.best().candidate().get("x"));
        assertEquals(List.of("rank", "x", "acc", "seconds"), max.header());
        assertEquals(5, max.table().lines().count());
    }
}
