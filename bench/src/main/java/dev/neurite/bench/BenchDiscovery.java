package dev.neurite.bench;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Benchmark classes that {@link BenchPlan} has no plan for, found in the list JMH's annotation
 * processor generates: a new {@code @Benchmark} class runs in {@code ./neurite bench} (op: its
 * simple name in lower case) with no edit elsewhere. Each runs with its own {@code @Param}
 * defaults; a {@code backend} parameter is set to each backend the run covers. Its summary lines
 * report time per call; a class earns GFLOP/s or GB/s lines once the plan describes its work.
 */
final class BenchDiscovery {

    private BenchDiscovery() {
    }

    /** The discovered classes by op name, in the order of JMH's list; read once per JVM. */
    static Map<String, Class<?>> unplanned() {
        return Holder.UNPLANNED;
    }

    private static final class Holder {
        static final Map<String, Class<?>> UNPLANNED = java.util.Collections.unmodifiableMap(find());
    }

    private static Map<String, Class<?>> find() {
        Set<String> planned = new LinkedHashSet<>();
        for (int threads : List.of(1, 2)) {
            for (BenchRun run : BenchPlan.planned(BenchOptions.ALL_BACKENDS, threads)) {
                planned.add(run.bench().getName());
            }
        }
        Map<String, Class<?>> out = new LinkedHashMap<>();
        Set<BenchmarkListEntry> entries = BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), List.of());
        for (BenchmarkListEntry entry : entries) {
            String name = entry.getUserClassQName();
            if (!planned.contains(name)) {
                try {
                    Class<?> bench = Class.forName(name, false, BenchDiscovery.class.getClassLoader());
                    out.putIfAbsent(bench.getSimpleName().toLowerCase(Locale.ROOT), bench);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("JMH lists " + name + ", which is not in the jar", e);
                }
            }
        }
        return out;
    }

    /** The runs of the discovered classes among {@code ops}: once per backend when they take one. */
    static List<BenchRun> runs(Set<String> ops, List<String> backends) {
        List<BenchRun> runs = new ArrayList<>();
        for (Map.Entry<String, Class<?>> e : unplanned().entrySet()) {
            if (!ops.contains(e.getKey())) {
                continue;
            }
            Map<String, List<String>> defaults = paramDefaults(e.getValue());
            String op = e.getKey();
            if (defaults.containsKey("backend")) {
                for (String backend : backends) {
                    Map<String, List<String>> params = new LinkedHashMap<>(defaults);
                    params.put("backend", List.of(backend));
                    runs.add(new BenchRun(e.getValue(), params, p -> work(op, p)));
                }
            } else {
                runs.add(new BenchRun(e.getValue(), defaults, p -> work(op, p)));
            }
        }
        return runs;
    }

    /** Every {@code @Param} field with the values its annotation gives (JMH's defaults). */
    private static Map<String, List<String>> paramDefaults(Class<?> bench) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Class<?> c = bench; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Param p = f.getAnnotation(Param.class);
                if (p != null) {
                    params.putIfAbsent(f.getName(), List.of(p.value()));
                }
            }
        }
        return params;
    }

    private static CaseWork work(String op, Map<String, String> params) {
        StringBuilder shape = new StringBuilder();
        params.forEach((k, v) -> {
            if (!k.equals("backend")) {
                shape.append(shape.isEmpty() ? "" : ",").append(k).append(':').append(v);
            }
        });
        return new CaseWork(op, shape.isEmpty() ? "-" : shape.toString(), "", CaseWork.Metric.TIME, 0);
    }
}
