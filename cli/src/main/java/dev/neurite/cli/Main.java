package dev.neurite.cli;

import dev.neurite.kernel.opencl.OpenClException;
import dev.neurite.tensor.MemoryLimitException;
import dev.neurite.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code neurite} command line. The {@code ./neurite} launcher adds
 * {@code test} and {@code bench}, which run Maven and JMH.
 */
@Command(name = "neurite", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Neurite: define, train, evaluate and serve neural networks.",
        footer = {"", "From the ./neurite launcher also:",
            "  test              build and run the whole test suite",
            "  bench [--quick]   JMH benchmarks of the kernel backends",
            "  package           the library, sources and javadoc jars in target/",
            "",
            "Settings (JVM properties through NEURITE_JAVA_OPTS, or environment variables):",
            "  -Dneurite.backend=scalar|simd|blas  NEURITE_BACKEND; default: fastest",
            "  -Dneurite.threads=N                 NEURITE_THREADS; default: cores",
            "  -Dneurite.blas.library=PATH         default: libopenblas.so.0",
            "  -Dneurite.simd.bits=128|256|512     default: the CPU's width"})
public final class Main implements Runnable {

    /** Exit code of a run whose training diverged (1 is any other error). */
    static final int DIVERGED = 3;

    /** Set to true to print stack traces after the one-line error. */
    static final String DEBUG_PROPERTY = "neurite.debug";
    /** Columns of the help text. */
    static final int USAGE_WIDTH = 100;
    /** Options that take a comma-separated list, where a space instead of a comma is a common slip. */
    private static final List<String> COMMA_LIST_OPTIONS = List.of("--layers");

    /**
     * The subcommands, in the order the help lists them. A command line that names one builds only
     * that one: picocli reflects over every command it is given, which costs a cold process about a
     * tenth of a second for all of them. Anything else (help, a typo to suggest a fix for) builds all.
     */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("demo", DemoCommand::new);
        commands.put("info", InfoCommand::new);
        commands.put("gradcheck", GradcheckCommand::new);
        commands.put("train", TrainCommand::new);
        commands.put("evaluate", EvaluateCommand::new);
        commands.put("predict", PredictCommand::new);
        commands.put("export", ExportCommand::new);
        commands.put("spark-train", SparkTrainCommand::new);
        commands.put("cv", CvCommand::new);
        commands.put("search", SearchCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return Collections.unmodifiableMap(commands);
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The root command for {@code args}: with the one subcommand they name, or with all. */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        Supplier<Object> named = args.length > 0 && !"help".equals(args[0]) ? COMMANDS.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(args[0], named.get());
        } else {
            COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        return cli;
    }

    /**
     * Runs one command line and returns the process exit code: 0, 1 for an error (one line),
     * 2 for a usage error, {@value #DIVERGED} when training diverged.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setUsageHelpWidth(USAGE_WIDTH);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, line, parse) -> {
            // bad input (files, shapes, sizes, settings) is a one-line error, not a stack trace
            TrainingDivergedException diverged = diverged(e);
            line.getErr().println("neurite " + line.getCommandName() + ": "
                    + (diverged == null ? message(e) : message(diverged)));
            line.getErr().flush();
            if (Boolean.getBoolean(DEBUG_PROPERTY)) {
                e.printStackTrace(line.getErr());
            }
            return diverged == null ? 1 : DIVERGED;
        });
        return cli.execute(args);
    }

    /**
     * A usage error (unknown option or command, missing or malformed option value): one line
     * naming the command and the problem, with a hint where one helps, then a pointer to the
     * help instead of the whole help text, which would push the error off the screen.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        String name = line.getCommandSpec().qualifiedName();
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            String hint = commaListHint(unmatched.getUnmatched(), args);
            if (hint == null && !unmatched.getSuggestions().isEmpty()) {
                hint = String.join(" or ", unmatched.getSuggestions());
            }
            if (hint != null) {
                text += "; did you mean " + hint + "?";
            }
        }
        err.println(name + ": " + text.lines().findFirst().orElse(text));
        err.println("Run '" + name + " --help' for the options.");
        err.flush();
        return line.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * {@code --layers 64,32} when the arguments hold {@code --layers 64 32} and {@code 32} is
     * unmatched, else null.
     */
    private static String commaListHint(List<String> unmatched, String[] args) {
        for (int i = 0; i < args.length; i++) {
            for (String option : COMMA_LIST_OPTIONS) {
                String value;
                int next;
                if (args[i].equals(option) && i + 1 < args.length) {
                    value = args[i + 1];
                    next = i + 2;
                } else if (args[i].startsWith(option + "=")) {
                    value = args[i].substring(option.length() + 1);
                    next = i + 1;
                } else {
                    continue;
                }
                List<String> parts = new ArrayList<>(List.of(value.replaceAll("^,+|,+$", "")));
                while (next < args.length && unmatched.contains(args[next]) && !args[next].startsWith("-")) {
                    parts.add(args[next++].replaceAll("^,+|,+$", ""));
                }
                if (parts.size() > 1) {
                    return option + " " + String.join(",", parts);
                }
            }
        }
        return null;
    }

    /** A training divergence in {@code e}'s causes, or null. */
    private static TrainingDivergedException diverged(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TrainingDivergedException d) {
                return d;
            }
        }
        return null;
    }

    /** The line for a divergence: commands save only after training, so nothing was saved. */
    static String message(TrainingDivergedException d) {
        return "training diverged at epoch " + (d.epoch() + 1) + ", step " + (d.step() + 1) + ": " + d.reason()
                + "; no model saved (try a smaller --lr)";
    }

    /** The first line of the message people read for {@code e}. */
    static String message(Throwable e) {
        String text = switch (e) {
            case NoSuchFileException n -> "no such file: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case FileAlreadyExistsException f -> "already exists: " + f.getFile();
            case UncheckedIOException u -> message(u.getCause());
            case IllegalArgumentException i -> i.getMessage();
            case MemoryLimitException m -> m.getMessage();
            case IllegalStateException i -> i.getMessage();
            case IOException i -> i.getMessage();
            case OpenClException o -> o.getMessage();
            default -> "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (run with -D" + DEBUG_PROPERTY + "=true for the stack trace)";
        };
        if (text == null || text.isBlank()) {
            text = e.getClass().getSimpleName();
        }
        return text.lines().findFirst().orElse(text);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"Neurite " + (v == null ? "(development build)" : v)};
        }
    }
}
