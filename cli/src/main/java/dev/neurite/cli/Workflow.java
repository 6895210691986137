package dev.neurite.cli;

import dev.neurite.train.ProgressBar;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/** Small things the workflow commands share: the command line as text, progress output, number format. */
final class Workflow {

    private Workflow() {
    }

    /** The command as typed, for reports: {@code ./neurite train --data ...}, quoted where needed. */
    static String commandLine(CommandSpec spec) {
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        return "./neurite " + args.stream().map(Workflow::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./:,=+@%-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    /** A progress bar printing to the command's output. */
    static ProgressBar progressBar(PrintWriter out) {
        return new ProgressBar(stream(out));
    }

    static PrintStream stream(PrintWriter out) {
        return new PrintStream(new WriterOutputStream(out), true, StandardCharsets.UTF_8);
    }

    /** Four decimals, as every summary line prints metrics. */
    static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
    }
}
