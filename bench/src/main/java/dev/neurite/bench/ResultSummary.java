package dev.neurite.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns JMH results into one {@code BENCH} line per case: the speed from the median of all
 * measured iterations (robust on a shared machine), the best iteration, and a {@code SLOW} flag
 * when a fork (or, with one fork, an iteration) ran at under half the median speed: the mark of
 * code that never reached C2, where Vector API code is a hundred times slower.
 */
final class ResultSummary {

    /** A fork or iteration slower than this fraction of the median speed is flagged. */
    static final double SLOW_RATIO = 0.5;

    private ResultSummary() {
    }

    /** One line per expected case of {@code run}; a case without a result gets an error line. */
    static List<String> lines(BenchRun run, int threads, Collection<RunResult> results, String logHint) {
        List<String> out = new ArrayList<>();
        for (Map<String, String> params : run.cases()) {
            CaseWork work = run.work().apply(params);
            String backend = params.getOrDefault("backend", "java");
            StringBuilder line = new StringBuilder("BENCH op=").append(work.op())
                    .append(" shape=").append(work.shape())
                    .append(" backend=").append(backend)
                    .append(" threads=").append(threads);
            if (!work.extra().isEmpty()) {
                line.append(' ').append(work.extra());
            }
            RunResult result = find(results, params);
            List<double[]> forks = result == null ? List.of() : iterationTimes(result);
            if (forks.isEmpty()) {
                line.append(" error=\"no result: the case failed, see ").append(logHint).append('"');
            } else {
                line.append(speed(work, forks));
                line.append(allocation(result));
            }
            out.add(line.toString());
        }
        return out;
    }

    /** True for a line that reports a failed case. */
    static boolean isError(String line) {
        return line.contains(" error=");
    }

    private static String speed(CaseWork work, List<double[]> forks) {
        double[] all = forks.stream().flatMapToDouble(Arrays::stream).toArray();
        double median = median(all);
        double fastest = Arrays.stream(all).min().orElse(median);
        double slowest;
        if (forks.size() >= 2) {
            slowest = forks.stream().mapToDouble(ResultSummary::median).max().orElse(median);
        } else {
            slowest = Arrays.stream(all).max().orElse(median);
        }
        // times are ns per call: speed ratio of the slowest fork (or iteration) to the median
        double ratio = median / slowest;
        StringBuilder s = work.metric() == CaseWork.Metric.TIME
                ? new StringBuilder(String.format(Locale.ROOT, " time_us=%s best_us=%s n=%d",
                        micros(median), micros(fastest), all.length))
                : new StringBuilder(String.format(Locale.ROOT, " %s=%.2f best=%.2f time_us=%s n=%d",
                        work.metric().key(), work.rate(median), work.rate(fastest), micros(median), all.length));
        if (forks.size() >= 2) {
            s.append(" forks=").append(forks.size());
        }
        if (ratio < SLOW_RATIO) {
            s.append(String.format(Locale.ROOT, " SLOW slowest_%s=%.2fx", forks.size() >= 2 ? "fork" : "iter", ratio));
        }
        return s.toString();
    }

    private static String micros(double nanos) {
        double us = nanos / 1000.0;
        return us >= 100 ? String.format(Locale.ROOT, "%.0f", us) : String.format(Locale.ROOT, "%.3g", us);
    }

    /** {@code alloc_bytes_per_op=} from JMH's GC profiler, when it ran; empty otherwise. */
    private static String allocation(RunResult result) {
        var secondary = result.getAggregatedResult().getSecondaryResults();
        var norm = secondary.get("gc.alloc.rate.norm");
        if (norm == null) {
            return "";
        }
        return String.format(Locale.ROOT, " alloc_bytes_per_op=%.1f", norm.getScore());
    }

    /** The measured iteration times (ns per call) of each fork. */
    private static List<double[]> iterationTimes(RunResult result) {
        List<double[]> forks = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            double[] times = fork.getIterationResults().stream()
                    .mapToDouble(it -> it.getPrimaryResult().getScore())
                    .filter(t -> t > 0 && Double.isFinite(t))
                    .toArray();
            if (times.length > 0) {
                forks.add(times);
            }
        }
        return forks;
    }

    private static RunResult find(Collection<RunResult> results, Map<String, String> params) {
        for (RunResult r : results) {
            boolean match = true;
            for (Map.Entry<String, String> e : params.entrySet()) {
                if (!e.getValue().equals(r.getParams().getParam(e.getKey()))) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return r;
            }
        }
        return null;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
