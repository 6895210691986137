package dev.neurite.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code neurite} command line. The {@code ./neurite} launcher adds
 * {@code test} and {@code bench}, which run Maven and JMH.
 */
@Command(name = "neurite", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Neurite: define, train, evaluate and serve neural networks.",
        subcommands = {InfoCommand.class, GradcheckCommand.class, CommandLine.HelpCommand.class},
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
            // bad input (shapes, sizes, settings) is a one-line error, not a stack trace
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                line.getErr().println("neurite " + line.getCommandName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
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
