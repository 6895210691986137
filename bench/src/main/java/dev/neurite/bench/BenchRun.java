package dev.neurite.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One JMH invocation of the suite: a benchmark class with the values of each of its
 * {@code @Param}s (JMH runs their cross product, one fork per case), and how to describe a case.
 */
public record BenchRun(Class<?> bench, Map<String, List<String>> params, Function<Map<String, String>, CaseWork> work) {

    /** Every parameter combination this run should produce, in JMH's order of keys. */
    public List<Map<String, String>> cases() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : e.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** True for the whole-model benchmarks (package {@code bench.nn}), which run on the default backend. */
    public boolean wholeModel() {
        return bench.getPackageName().endsWith(".nn");
    }

    /** The backend of this run, or {@code null} for the backend-free stream loops. */
    public String backend() {
        List<String> b = params.get("backend");
        return b == null ? null : b.getFirst();
    }
}
