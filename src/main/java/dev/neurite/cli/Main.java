package dev.neurite.cli;

import java.io.PrintStream;

/** Entry point of the {@code neurite} command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command and returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String cmd = args.length == 0 ? "help" : args[0];
        try {
            switch (cmd) {
                case "info" -> InfoCommand.print(out);
                case "help", "-h", "--help" -> out.println("Usage: neurite info | test | bench [--quick] | help");
                default -> {
                    err.println("neurite: unknown command '" + cmd + "' (try ./neurite help)");
                    return 2;
                }
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("neurite " + cmd + ": " + e.getMessage());
            return 1;
        }
    }
}
