package dev.neurite.cli;

import dev.neurite.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code neurite} command line. The {@code ./neurite} launcher adds
 * {@code test} and {@code bench}, which run Maven and JMH.
 */
@Command(name = "neurite", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Neurite: define, train, evaluate and serve neural networks.",
        subcommands = {DemoCommand.class, InfoCommand.class, GradcheckCommand.class, TrainCommand.class, EvaluateCommand.class,
            PredictCommand.class, CvCommand.class, SearchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "From the ./neurite launcher also:",
            "  test              build and run the whole test suite",
            "  bench [--quick]   JMH benchmarks of the kernel backends",
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs one command line and returns the process exit code: 0, 1 for an error (one line),
     * 2 for a usage error, {@value #DIVERGED} when training diverged.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
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
            case IllegalStateException i -> i.getMessage();
            case IOException i -> i.getMessage();
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
