package dev.neurite.cli;

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

    /** Set to true to print stack traces after the one-line error. */
    static final String DEBUG_PROPERTY = "neurite.debug";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line and returns the process exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parse) -> {
            // bad input (files, shapes, sizes, settings) is a one-line error, not a stack trace
            line.getErr().println("neurite " + line.getCommandName() + ": " + message(e));
            line.getErr().flush();
            if (Boolean.getBoolean(DEBUG_PROPERTY)) {
                e.printStackTrace(line.getErr());
            }
            return 1;
        });
        return cli.execute(args);
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
