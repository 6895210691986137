package dev.neurite.cli;

import static dev.neurite.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that reads features takes them by header name, or by position only when asked
 * with --no-header; files that do not fit are refused with one line, never scored by position.
 */
class ColumnRuleTest {

    /** Metrics are printed with four decimals. */
    private static final double PRINTED = 1e-4;

    @TempDir
    Path dir;

    private Path train;
    private Path test;
    private Path model;

    @BeforeEach
    void trainOnce() throws IOException {
        train = CliRun.classificationCsv(dir.resolve("train.csv"), 150, 21);
        test = CliRun.classificationCsv(dir.resolve("test.csv"), 60, 22);
        Path out = dir.resolve("run");
        run("train", "--data", "csv:" + train, "--label", "species", "--test-csv", test, "--layers", "8",
                "--epochs", "6", "--lr", "1e-2", "--batch-size", "16", "--no-baselines", "--out", out).succeeded();
        model = out.resolve("model");
    }

    /** {@code file} with its columns in the order {@code order} (indices into the original header). */
    private Path reordered(Path file, String name, int... order) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] cells = line.split(",");
            List<String> out = new ArrayList<>();
            for (int c : order) {
                out.add(cells[c]);
            }
            lines.add(String.join(",", out));
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void evaluateAndTrainTestCsvMatchColumnsByName() throws IOException {
        double original = run("evaluate", "--model", model, "--data", "csv:" + test).succeeded().number("accuracy");
        Path shuffled = reordered(test, "shuffled.csv", 4, 2, 3, 0, 1);
        double reordered = run("evaluate", "--model", model, "--data", "csv:" + shuffled).succeeded().number("accuracy");
        assertEquals(original, reordered, PRINTED, "the same rows in another column order");
        assertTrue(original > 0.9, "separable classes: " + original);

        CliRun.Result a = run("train", "--data", "csv:" + train, "--label", "species", "--test-csv", test, "--layers", "8",
                "--epochs", "6", "--lr", "1e-2", "--batch-size", "16", "--no-baselines", "--out", dir.resolve("a"))
                .succeeded();
        CliRun.Result b = run("train", "--data", "csv:" + train, "--label", "species", "--test-csv", shuffled, "--layers",
                "8", "--epochs", "6", "--lr", "1e-2", "--batch-size", "16", "--no-baselines", "--out", dir.resolve("b"))
                .succeeded();
        assertEquals(a.number("test_accuracy"), b.number("test_accuracy"), PRINTED);
    }

    @Test
    void predictMatchesByNameAndRefusesARenamedColumn() throws IOException {
        Path straight = dir.resolve("p1.csv");
        Path shuffledOut = dir.resolve("p2.csv");
        run("predict", "--model", model, "--input", test, "--output", straight).succeeded();
        run("predict", "--model", model, "--input", reordered(test, "shuffled.csv", 3, 4, 0, 1), "--output", shuffledOut)
                .succeeded();
        assertEquals(Files.readAllLines(straight), Files.readAllLines(shuffledOut));

        Path renamed = dir.resolve("renamed.csv");
        Files.writeString(renamed, Files.readString(test).replaceFirst("x2", "x2_new"));
        Path output = dir.resolve("renamed-out.csv");
        run("predict", "--model", model, "--input", renamed, "--output", output)
                .failedWith("renamed.csv:1: the header does not name the expected feature columns: missing ['x2'], "
                        + "unexpected ['x2_new']");
        assertFalse(Files.exists(output));
    }

    @Test
    void duplicateFeatureNamesAreRefusedAtTrainingAndPrediction() throws IOException {
        Path twice = dir.resolve("twice.csv");
        Files.writeString(twice, Files.readString(train).replaceFirst("x2", "x1"));
        run("train", "--data", "csv:" + twice, "--label", "species", "--epochs", "1", "--out", dir.resolve("dup"))
                .failedWith("twice.csv:1: the header names two columns 'x1' (columns 1 and 2)");
        run("predict", "--model", model, "--input", twice, "--output", dir.resolve("dup.csv"))
                .failedWith("the header names two columns 'x1'");
    }

    @Test
    void aFileWithoutHeaderIsRefusedUnlessAskedForByPosition() throws IOException {
        List<String> lines = Files.readAllLines(test);
        Path headerless = Files.write(dir.resolve("headerless.csv"), lines.subList(1, 11));
        run("predict", "--model", model, "--input", headerless, "--output", dir.resolve("x.csv"))
                .failedWith("headerless.csv:1: the first row (");
        assertTrue(run("predict", "--model", model, "--input", headerless, "--output", dir.resolve("x.csv")).err()
                .contains("looks like data, not column names; a file without a header row is read by position with "
                        + "noHeader() (--no-header on the command line)"));
        Path featuresOnly = dir.resolve("features-only.csv");
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(1, 11)) {
            String[] c = line.split(",");
            rows.add(String.join(",", c[0], c[1], c[3], c[4]));
        }
        Files.write(featuresOnly, rows);
        run("predict", "--model", model, "--input", featuresOnly, "--output", dir.resolve("x.csv"))
                .failedWith("looks like data");

        Path byPosition = dir.resolve("by-position.csv");
        run("predict", "--model", model, "--input", featuresOnly, "--output", byPosition, "--no-header").succeeded();
        Path withLabel = dir.resolve("with-label.csv");
        run("predict", "--model", model, "--input", headerless, "--output", withLabel, "--no-header").succeeded();
        Path named = dir.resolve("named.csv");
        run("predict", "--model", model, "--input", Files.write(dir.resolve("ten.csv"), lines.subList(0, 11)),
                "--output", named).succeeded();
        List<String> expected = Files.readAllLines(named);
        assertEquals(11, expected.size(), "10 rows in, 10 predictions out");
        assertEquals(expected, Files.readAllLines(byPosition));
        assertEquals(expected, Files.readAllLines(withLabel));

        double all = run("evaluate", "--model", model, "--data", "csv:" + headerless, "--no-header").succeeded()
                .number("accuracy");
        double byName = run("evaluate", "--model", model, "--data", "csv:" + dir.resolve("ten.csv")).succeeded()
                .number("accuracy");
        assertEquals(byName, all, PRINTED);
    }

    @Test
    void overflowingAndNonNumericInputsNameFileLineAndColumn() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(test).subList(0, 5));
        String[] cells = lines.get(3).split(",");
        cells[1] = "1e999";
        lines.set(3, String.join(",", cells));
        Path inf = Files.write(dir.resolve("inf.csv"), lines);
        Path output = dir.resolve("inf-out.csv");
        run("predict", "--model", model, "--input", inf, "--output", output)
                .failedWith("inf.csv:4, column 2 ('x2'): '1e999' overflows float32");
        assertFalse(Files.exists(output));
        run("evaluate", "--model", model, "--data", "csv:" + inf).failedWith("inf.csv:4, column 2 ('x2')");
        cells[1] = "3e38";
        lines.set(3, String.join(",", cells));
        run("predict", "--model", model, "--input", Files.write(dir.resolve("big.csv"), lines), "--output", output)
                .succeeded();
        cells[1] = "4e38";
        lines.set(3, String.join(",", cells));
        run("predict", "--model", model, "--input", Files.write(dir.resolve("bigger.csv"), lines), "--output", output)
                .failedWith("bigger.csv:4, column 2 ('x2'): '4e38' overflows float32");
        run("train", "--data", "csv:" + inf, "--label", "species", "--epochs", "1", "--out", dir.resolve("t"))
                .failedWith("inf.csv:4, column 2 ('x2')");
    }

    @Test
    void predictReadsStandardInputAndWritesStandardOutput() throws IOException {
        Path named = dir.resolve("named.csv");
        run("predict", "--model", model, "--input", test, "--output", named).succeeded();
        InputStream saved = System.in;
        CliRun.Result r;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(test)));
            r = run("predict", "--model", model, "--input", "-", "--output", "-").succeeded();
        } finally {
            System.setIn(saved);
        }
        assertEquals(Files.readString(named, StandardCharsets.UTF_8), r.out(), "predictions alone on standard output");
        assertTrue(r.err().contains("PREDICT rows=60 output=-"), r.err());
    }

    @Test
    void predictWritesThroughALinkInsteadOfReplacingIt() throws IOException {
        Path real = dir.resolve("real.csv");
        Files.writeString(real, "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real);
        run("predict", "--model", model, "--input", test, "--output", link).succeeded();
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertTrue(Files.readString(real).startsWith("prediction,p_setosa"), "written through the link");
    }

    @Test
    void outputPathsThatCannotBeWrittenAreNamed() {
        run("predict", "--model", model, "--input", test, "--output", "/").failedWith("--output / is a directory");
        run("predict", "--model", model, "--input", test, "--output", dir.resolve("missing").resolve("p.csv"))
                .failedWith("no such directory");
        run("predict", "--model", model, "--input", test, "--output", "/proc/x.csv")
                .failedWith("--output /proc/x.csv: cannot create a file in /proc");
        run("predict", "--model", model, "--input", dir, "--output", dir.resolve("p.csv"))
                .failedWith("is a directory; expected a CSV file");
    }
}
