package dev.neurite.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import dev.neurite.kernel.provider.KernelProvider;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the Neurite kernel benchmarks through JMH and prints one {@code BENCH} line per case
 * (see bench/README.md). Backends that do not load here get an {@code unavailable=} line and are
 * skipped. Exits 1 if any case failed (its result check or its fork), 2 on a bad command line.
 */
public final class BenchMain {

    private final BenchOptions options;

    private BenchMain(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && !args[0].startsWith("--") && !args[0].equals("-h")) {
            // a JMH command line (a pattern, -prof gc, -l, -h ...): the jar behaves as any JMH jar
            org.openjdk.jmh.Main.main(args);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("neurite-bench: " + e.getMessage());
            }
            System.err.print(BenchOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        // several JMH runs may share this machine; each measures its own forks
        System.setProperty("jmh.ignoreLock", "true");
        System.exit(new BenchMain(options).run());
    }

    private int run() throws IOException {
        if (ModuleLayer.boot().findModule(ForkFlags.VECTOR_MODULE).isEmpty()) {
            note("warning: this JVM lacks --add-modules " + ForkFlags.VECTOR_MODULE
                    + ", so simd is judged unavailable here (the forks get the flag)");
        }
        List<String> available = new ArrayList<>();
        String blasCore = null;
        for (String backend : options.backends()) {
            BackendProbe.Outcome outcome = BackendProbe.probe(backend);
            if (outcome.kernels() == null) {
                emit("BENCH backend=" + backend + " unavailable=\"" + outcome.unavailable().replace('"', '\'') + '"');
                if (backend.equals("blas")) {
                    blasCore = "openblas_core=unknown";
                }
            } else {
                available.add(backend);
                if (backend.equals("blas")) {
                    blasCore = BackendProbe.openblasCore();
                }
            }
        }
        if (blasCore != null) {
            emit("BENCH " + blasCore + " OPENBLAS_CORETYPE=" + envOrUnset("OPENBLAS_CORETYPE")
                    + " OPENBLAS_L2_SIZE=" + envOrUnset("OPENBLAS_L2_SIZE"));
        }
        if (options.listOnly()) {
            for (int threads : options.threads()) {
                for (BenchRun run : BenchPlan.build(options, available, threads)) {
                    for (var params : run.cases()) {
                        CaseWork w = run.work().apply(params);
                        note("case op=" + w.op() + " shape=" + w.shape() + " backend="
                                + params.getOrDefault("backend", "java") + " threads=" + threads
                                + (w.extra().isEmpty() ? "" : " " + w.extra()));
                    }
                }
            }
            return 0;
        }
        note("JMH output: " + options.log().toAbsolutePath());
        int failed = 0;
        try (PrintStream jmhLog = new PrintStream(new FileOutputStream(options.log().toFile(), true), true,
                StandardCharsets.UTF_8)) {
            for (int threads : options.threads()) {
                for (BenchRun run : BenchPlan.build(options, available, threads)) {
                    note("running " + run.bench().getSimpleName()
                            + (run.backend() == null ? "" : " backend=" + run.backend())
                            + " threads=" + threads + " (" + run.cases().size() + " cases)");
                    Collection<RunResult> results = runJmh(run, threads, jmhLog);
                    for (String line : ResultSummary.lines(run, threads, results, options.log().toString())) {
                        emit(line);
                        if (ResultSummary.isError(line)) {
                            failed++;
                        }
                    }
                }
            }
        }
        note(failed == 0 ? "all cases ran" : failed + " case(s) failed; see " + options.log());
        return failed == 0 ? 0 : 1;
    }

    private Collection<RunResult> runJmh(BenchRun run, int threads, PrintStream jmhLog) {
        boolean quick = options.quick();
        List<String> jvmArgs = new ArrayList<>(ForkFlags.ALL);
        jvmArgs.add("-Dneurite.threads=" + threads);
        // Neurite settings given to this JVM (the OpenCL device, GEMM tiles to compare, ...) reach the forks
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("neurite.") && !name.equals("neurite.threads") && !name.equals("neurite.backend")) {
                jvmArgs.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include("^" + Pattern.quote(run.bench().getName()) + "\\.")
                .forks(options.forkCount())
                .warmupIterations(quick ? 3 : 4)
                .warmupTime(TimeValue.milliseconds(quick ? 200 : 500))
                .measurementIterations(quick ? 4 : 5)
                .measurementTime(TimeValue.milliseconds(quick ? 200 : 500))
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(false);
        run.params().forEach((key, values) -> builder.param(key, values.toArray(String[]::new)));
        if (run.wholeModel()) {
            // the model benches take the default backend; GC profiling gives allocations per call
            // (replaces the flags set above: jvmArgsAppend sets the list, it does not add to it)
            builder.jvmArgsAppend(withBackend(jvmArgs, run.backend())).addProfiler(GCProfiler.class);
        }

        jmhLog.println("# neurite-bench: " + run.bench().getSimpleName() + " " + run.params()
                + " threads=" + threads + (options.label().isEmpty() ? "" : " " + options.label()));
        try {
            return new Runner(builder.build(), OutputFormatFactory.createFormatInstance(jmhLog, VerboseMode.NORMAL))
                    .run();
        } catch (RunnerException | RuntimeException e) {
            e.printStackTrace(jmhLog);
            return List.of();
        }
    }

    private static String[] withBackend(List<String> jvmArgs, String backend) {
        List<String> all = new ArrayList<>(jvmArgs);
        all.add("-D" + KernelProvider.PROPERTY + "=" + backend);
        return all.toArray(String[]::new);
    }

    /** Prints a summary line with the label, and appends it to the summary file. */
    private void emit(String line) throws IOException {
        String labelled = options.label().isEmpty() ? line : line + " " + options.label();
        System.out.println(labelled);
        if (options.summary() != null) {
            Path file = options.summary();
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, labelled + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** A progress note: stdout only, marked so that it is not taken for a summary line. */
    private static void note(String text) {
        System.out.println("# " + text);
    }

    private static String envOrUnset(String name) {
        String v = System.getenv(name);
        return v == null ? "unset" : v;
    }
}
