package dev.neurite.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The workload the launcher runs once per build to record the JDK's ahead-of-time cache
 * ({@code -XX:AOTCacheOutput}, JEP 483/514/515): train, evaluate and predict on a small generated
 * CSV file, so that later commands start with those classes already loaded and linked, and with
 * method profiles that let the JIT compile the hot code sooner. Not a command: it writes only to
 * a temporary folder, which it deletes.
 */
public final class StartupTraining {

    /** Rows and feature columns of the generated file: enough for every code path, cheap to train. */
    static final int ROWS = 300;
    static final int FEATURES = 12;

    private StartupTraining() {
    }

    /** Exits 0 when every command succeeded, 1 (with the command and its output) otherwise. */
    public static void main(String[] args) throws IOException {
        String failure = run();
        if (failure != null) {
            System.err.println(failure);
            System.exit(1);
        }
    }

    /** Runs the workload; {@code null} when every command succeeded, else what failed. */
    static String run() throws IOException {
        Path dir = Files.createTempDirectory("neurite-startup");
        try {
            Path csv = dir.resolve("rows.csv");
            writeRows(csv);
            Path out = dir.resolve("run");
            Path model = out.resolve("model");
            String[][] commands = {
                {"train", "--data", "csv:" + csv, "--label", "label", "--layers", "16", "--epochs", "2",
                    "--batch-size", "32", "--out", out.toString()},
                {"evaluate", "--model", model.toString(), "--data", "csv:" + csv},
                {"predict", "--model", model.toString(), "--input", csv.toString(),
                    "--output", dir.resolve("predictions.csv").toString()},
            };
            for (String[] command : commands) {
                StringWriter output = new StringWriter();
                PrintWriter writer = new PrintWriter(output);
                int code = Main.run(command, writer, writer);
                if (code != 0) {
                    writer.flush();
                    return "neurite " + String.join(" ", command) + " exited " + code + ":\n" + output;
                }
            }
            return null;
        } finally {
            RunDirectory.delete(dir);
        }
    }

    /** Three classes separated along the first two features, the rest noise. */
    private static void writeRows(Path csv) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < FEATURES; j++) {
                header.append('f').append(j).append(',');
            }
            w.write(header.append("label\n").toString());
            for (int i = 0; i < ROWS; i++) {
                int label = i % 3;
                StringBuilder row = new StringBuilder();
                for (int j = 0; j < FEATURES; j++) {
                    double centre = j == 0 ? label : j == 1 ? -label : 0;
                    row.append(centre + random.nextGaussian() * 0.3).append(',');
                }
                w.write(row.append("class").append(label).append('\n').toString());
            }
        }
    }
}
