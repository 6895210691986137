package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Runs {@code Main.run} in process and writes the small CSV files the command-line tests use. */
final class CliRun {

    static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");

    record Result(int code, String out, String err) {

        /** The last output line, which every workflow command makes its summary. */
        String lastLine() {
            return out.strip().lines().reduce((a, b) -> b).orElse("");
        }

        /** {@code key=value} pairs of the last line. */
        Map<String, String> summary() {
            Map<String, String> values = new HashMap<>();
            for (String part : lastLine().split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    values.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            return values;
        }

        double number(String key) {
            String v = summary().get(key);
            assertTrue(v != null, "no " + key + " in: " + lastLine());
            return Double.parseDouble(v);
        }

        Result succeeded() {
            assertEquals(0, code, "exit code; stderr:\n" + err + "\nstdout:\n" + out);
            return this;
        }

        /** Asserts a failure reported in exactly one line that contains {@code fragment}. */
        Result failedWith(String fragment) {
            return exitedWith(1, fragment);
        }

        /** Asserts a usage error (exit code 2) reported in exactly one line that contains {@code fragment}. */
        Result usageError(String fragment) {
            return exitedWith(2, fragment);
        }

        private Result exitedWith(int expectedCode, String fragment) {
            assertEquals(expectedCode, code, "exit code; stdout:\n" + out + "\nstderr:\n" + err);
            List<String> lines = err.lines().filter(l -> l.startsWith("neurite ")).toList();
            assertEquals(1, lines.size(), "one error line expected:\n" + err);
            assertTrue(lines.getFirst().contains(fragment), "error should mention '" + fragment + "': " + err);
            assertTrue(!err.contains("\tat "), "no stack trace:\n" + err);
            return this;
        }
    }

    private CliRun() {
    }

    static Result run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] text = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            text[i] = String.valueOf(args[i]);
        }
        int code = Main.run(text, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Three well separated classes in four features, with an id column first and the string label
     * column "species" in the middle of the header.
     */
    static Path classificationCsv(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("x1,x2,species,x3,x4\n");
        for (int i = 0; i < rows; i++) {
            int c = i % 3;
            sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s,%.4f,%.4f%n",
                    3 * c + random.nextGaussian() * 0.5, -2 * c + random.nextGaussian() * 0.5, SPECIES.get(c),
                    random.nextGaussian(), 10 + c + random.nextGaussian() * 0.5));
        }
        return Files.writeString(file, sb.toString());
    }

    /** {@code target = 3a - 2b + c + 5} plus a little noise. */
    static Path regressionCsv(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("a,b,c,target\n");
        for (int i = 0; i < rows; i++) {
            double a = random.nextDouble() * 2 - 1;
            double b = random.nextDouble() * 2 - 1;
            double c = random.nextDouble() * 2 - 1;
            sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f,%.4f%n", a, b, c,
                    3 * a - 2 * b + c + 5 + random.nextGaussian() * 0.01));
        }
        return Files.writeString(file, sb.toString());
    }
}
