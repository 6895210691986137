package dev.neurite.bench;

import dev.neurite.bench.kernel.ElementwiseBench;
import dev.neurite.bench.kernel.OptimizerBench;
import dev.neurite.bench.kernel.GemmBench;
import dev.neurite.bench.kernel.GemmShape;
import dev.neurite.bench.kernel.OpenClGemmBench;
import dev.neurite.bench.kernel.ReductionBench;
import dev.neurite.bench.kernel.SoftmaxBench;
import dev.neurite.bench.kernel.TriadBench;
import dev.neurite.bench.nn.OpenClTrainStepBench;
import dev.neurite.bench.nn.PredictBench;
import dev.neurite.bench.nn.TrainStepBench;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the suite runs for a set of options: one {@link BenchRun} per benchmark class and
 * backend (each backend's cases differ), for each thread count (JVM-wide, so separate forks).
 *
 * <p>{@code predict} and {@code trainstep} time the whole MLP on every backend; their forks
 * select the backend with {@code -Dneurite.backend} and run JMH's GC profiler, which gives
 * their {@code alloc_bytes_per_op}.
 *
 * <p>The blas backend is run on {@code gemm} and {@code dot} only, the ops OpenBLAS computes; its
 * other ops are delegated to the simd backend and measured there.
 *
 * <p>The opencl backend is measured where it pays, with data resident on the device: GEMM
 * ({@link OpenClGemmBench}, the same shapes plus {@link GemmShape#DEVICE_SQUARES} in full runs)
 * and the whole training step ({@link OpenClTrainStepBench}). Its host-tensor ops, which copy to
 * the device and back on every call, are left to the tests.
 */
final class BenchPlan {

    /** The scalar backend is run on GEMMs up to this many multiply-adds (M*N*K): 256^3 and the MLP layers. */
    static final long SCALAR_GEMM_MAX_MNK = 1L << 25;

    private BenchPlan() {
    }

    /**
     * The runs of one thread count, over the given (available) backends. The scalar backend never
     * uses the kernel threads, so it runs only at the first thread count.
     */
    static List<BenchRun> build(BenchOptions options, List<String> available, int threads) {
        List<BenchRun> runs = plannedRuns(options, available, threads);
        boolean firstThreads = threads == options.threads().getFirst();
        runs.addAll(BenchDiscovery.runs(options.ops(), available.stream()
                .filter(b -> firstThreads || !b.equals("scalar")).toList()));
        return runs;
    }

    /** The runs the plan describes (every class but those {@link BenchDiscovery} finds). */
    private static List<BenchRun> plannedRuns(BenchOptions options, List<String> available, int threads) {
        List<BenchRun> runs = new ArrayList<>();
        boolean firstThreads = threads == options.threads().getFirst();
        if (available.contains("opencl") && firstThreads) {
            // the device does not use the kernel threads: once is enough
            addOpenCl(options, runs);
        }
        List<String> backends = available.stream()
                .filter(b -> !b.equals("opencl") && (firstThreads || !b.equals("scalar"))).toList();
        Set<String> ops = options.ops();
        List<String> sizes = options.quick() ? List.of("1M") : List.of("1M", "16M");
        if (ops.contains("gemm")) {
            List<String> shapes = options.quick() ? GemmShape.QUICK : List.copyOf(GemmShape.ALL.keySet());
            for (String backend : backends) {
                List<String> mine = shapes.stream()
                        .filter(s -> !backend.equals("scalar") || mnk(GemmShape.named(s)) <= SCALAR_GEMM_MAX_MNK)
                        .toList();
                if (!mine.isEmpty()) {
                    runs.add(new BenchRun(GemmBench.class, params("backend", List.of(backend), "shape", mine),
                            GemmBench::work));
                }
            }
        }
        List<String> elementwise = selected(ops, "relu", "sigmoid", "tanh", "exp");
        for (String backend : backends) {
            if (!elementwise.isEmpty() && !backend.equals("blas")) {
                runs.add(new BenchRun(ElementwiseBench.class,
                        params("backend", List.of(backend), "op", elementwise, "size", sizes), ElementwiseBench::work));
            }
        }
        for (String backend : backends) {
            if (ops.contains("softmax") && !backend.equals("blas")) {
                runs.add(new BenchRun(SoftmaxBench.class,
                        params("backend", List.of(backend), "shape", List.of("128x10", "1024x1000")),
                        SoftmaxBench::work));
            }
        }
        for (String backend : backends) {
            List<String> reductions = backend.equals("blas")
                    ? selected(ops, "dot") : selected(ops, "sum", "dot", "rowmax");
            if (!reductions.isEmpty()) {
                runs.add(new BenchRun(ReductionBench.class,
                        params("backend", List.of(backend), "op", reductions, "size", sizes), ReductionBench::work));
            }
        }
        List<String> optimizers = selected(ops, "adam", "rmsprop", "sgd");
        for (String backend : backends) {
            // the blas backend hands optimizer updates to the simd one
            if (!optimizers.isEmpty() && !backend.equals("blas")) {
                runs.add(new BenchRun(OptimizerBench.class, params("backend", List.of(backend), "op", optimizers,
                        "state", List.of("normal", "subnormal")), OptimizerBench::work));
            }
        }
        // whole-model cases: every backend, the fork bound to it with -Dneurite.backend
        for (String backend : backends) {
            if (ops.contains("predict")) {
                runs.add(new BenchRun(PredictBench.class,
                        params("backend", List.of(backend), "batch", List.of("1", "128")), PredictBench::work));
            }
            if (ops.contains("trainstep")) {
                runs.add(new BenchRun(TrainStepBench.class, params("backend", List.of(backend)),
                        TrainStepBench::work));
            }
        }
        List<String> stream = selected(ops, "triad", "copy");
        if (!stream.isEmpty()) {
            runs.add(new BenchRun(TriadBench.class, params("op", stream, "size", List.of("16M")), TriadBench::work));
        }
        return runs;
    }

    /** The planned runs of every op over {@code backends}: which classes the plan describes. */
    static List<BenchRun> planned(List<String> backends, int threads) {
        BenchOptions all = new BenchOptions(false, new LinkedHashSet<>(BenchOptions.ALL_OPS),
                new LinkedHashSet<>(backends), List.of(threads), "", null, null, null, false);
        return plannedRuns(all, backends, threads);
    }

    private static void addOpenCl(BenchOptions options, List<BenchRun> runs) {
        if (options.ops().contains("gemm")) {
            List<String> shapes = new ArrayList<>(options.quick() ? GemmShape.QUICK : GemmShape.ALL.keySet());
            if (!options.quick()) {
                shapes.addAll(GemmShape.DEVICE_SQUARES);
            }
            runs.add(new BenchRun(OpenClGemmBench.class, params("backend", List.of("opencl"), "shape", shapes),
                    OpenClGemmBench::work));
        }
        if (options.ops().contains("trainstep")) {
            runs.add(new BenchRun(OpenClTrainStepBench.class, params("backend", List.of("opencl")),
                    OpenClTrainStepBench::work));
        }
    }

    private static long mnk(GemmShape s) {
        return (long) s.m() * s.n() * s.k();
    }

    private static List<String> selected(Set<String> ops, String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (ops.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private static Map<String, List<String>> params(Object... keysAndValues) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) keysAndValues[i + 1];
            m.put((String) keysAndValues[i], values);
        }
        return m;
    }
}
