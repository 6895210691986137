package dev.neurite.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@link BenchMain}. A later occurrence of an option replaces an earlier
 * one (so a script can append its own {@code --backends} after the user's), except
 * {@code --label}, whose values add up.
 */
public record BenchOptions(boolean quick, Set<String> ops, Set<String> backends, List<Integer> threads,
                           String label, Path summary, Path log, Integer forks, boolean listOnly) {

    /** Op groups that {@code --ops} accepts besides single ops. */
    static final List<String> GROUPS = List.of("elementwise", "reduction", "stream", "optimizer", "nn");
    /** Every single op, in suite order. */
    static final List<String> ALL_OPS = List.of(
            "gemm", "relu", "sigmoid", "tanh", "exp", "softmax", "sum", "dot", "rowmax", "triad", "copy",
            "adam", "rmsprop", "sgd", "predict", "trainstep");
    /** Backends in suite order. */
    static final List<String> ALL_BACKENDS = List.of("scalar", "simd", "blas", "opencl");

    /** The usage text; a file, so that {@code bench/run.sh --help} prints it without building the jar. */
    static final String USAGE = usage();

    /** Parses the arguments. @throws IllegalArgumentException with a message for the user */
    static BenchOptions parse(String[] args) {
        boolean quick = false;
        boolean listOnly = false;
        Set<String> ops = new LinkedHashSet<>(ALL_OPS);
        ops.addAll(BenchDiscovery.unplanned().keySet());
        Set<String> backends = new LinkedHashSet<>(ALL_BACKENDS);
        List<Integer> threads = List.of(1, 2);
        String label = "";
        Path summary = null;
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "neurite-bench-jmh.log");
        Integer forks = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--quick" -> quick = true;
                case "--list" -> listOnly = true;
                case "--ops", "--backends", "--threads", "--label", "--summary", "--log", "--forks" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (arg) {
                        case "--ops" -> ops = parseOps(value);
                        case "--backends" -> backends = parseNames(value, ALL_BACKENDS, "backend");
                        case "--threads" -> threads = parseThreads(value);
                        case "--label" -> label = addLabel(label, value);
                        case "--summary" -> summary = Path.of(value);
                        case "--log" -> log = Path.of(value);
                        default -> forks = Integer.parseInt(value.trim());
                    }
                }
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return new BenchOptions(quick, ops, backends, threads, label, summary, log, forks, listOnly);
    }

    private static String addLabel(String labels, String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return labels;
        }
        String one = v.contains("=") ? v : "label=" + v;
        return labels.isEmpty() ? one : labels + " " + one;
    }

    /** Forks per case: the option, else 1 for a quick run and 2 for a full one. */
    int forkCount() {
        return forks != null ? forks : quick ? 1 : 2;
    }

    private static Set<String> parseOps(String value) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : split(value)) {
            switch (name) {
                case "elementwise" -> out.addAll(List.of("relu", "sigmoid", "tanh", "exp"));
                case "optimizer" -> out.addAll(List.of("adam", "rmsprop", "sgd"));
                case "reduction" -> out.addAll(List.of("sum", "dot", "rowmax"));
                case "stream" -> out.addAll(List.of("triad", "copy"));
                case "nn" -> out.addAll(List.of("predict", "trainstep"));
                default -> {
                    Set<String> discovered = BenchDiscovery.unplanned().keySet();
                    if (!ALL_OPS.contains(name) && !discovered.contains(name)) {
                        throw new IllegalArgumentException("unknown op '" + name + "'; expected one of "
                                + ALL_OPS + (discovered.isEmpty() ? "" : ", " + discovered) + " or " + GROUPS);
                    }
                    out.add(name);
                }
            }
        }
        return out;
    }

    private static Set<String> parseNames(String value, List<String> known, String what) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : split(value)) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown " + what + " '" + name + "'; expected one of " + known);
            }
            out.add(name);
        }
        return out;
    }

    private static List<Integer> parseThreads(String value) {
        List<Integer> out = new ArrayList<>();
        for (String t : split(value)) {
            int n = Integer.parseInt(t);
            if (n < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + n);
            }
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String s = part.trim().toLowerCase(Locale.ROOT);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty list '" + value + "'");
        }
        return out;
    }

    private static String usage() {
        try (var in = BenchOptions.class.getResourceAsStream("usage.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("the jar lacks dev/neurite/bench/usage.txt", e);
        }
    }
}
