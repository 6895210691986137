package dev.neurite.cli;

import static dev.neurite.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.ModelIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task detection, held-out rows, options that cannot apply and run folders: each case used to
 * give a wrong answer with exit code 0.
 */
class RunRulesTest {

    /** Metrics are printed with four decimals. */
    private static final double PRINTED = 1e-4;

    @TempDir
    Path dir;

    /** A regression target with many distinct whole numbers (as a price in dollars would be). */
    private Path integerTarget(int rows) throws IOException {
        Random random = new Random(5);
        StringBuilder sb = new StringBuilder("a,b,price\n");
        for (int i = 0; i < rows; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%d%n", a, b, Math.round(100 + 300 * a - 50 * b)));
        }
        return Files.writeString(dir.resolve("prices.csv"), sb.toString());
    }

    @Test
    void aNumericTargetIsNotTakenForClassesWithoutTask() throws IOException {
        Path prices = integerTarget(214);
        run("train", "--data", "csv:" + prices, "--label", "price", "--epochs", "1", "--out", dir.resolve("a"))
                .failedWith("the label column 'price' holds ");
        assertTrue(run("train", "--data", "csv:" + prices, "--label", "price", "--epochs", "1", "--out", dir.resolve("a"))
                .err().contains("give --task regression"));
        run("train", "--data", "csv:" + prices, "--label", "price", "--task", "regression", "--epochs", "1",
                "--no-baselines", "--out", dir.resolve("b")).succeeded();
        // asked for explicitly, many classes are allowed (the split then needs enough rows per class)
        Path fractional = Files.writeString(dir.resolve("frac.csv"), "a,y\n1,0.5\n2,1.5\n3,0.5\n4,1.5\n");
        run("cv", "--data", "csv:" + fractional, "--label", "y", "--out", dir.resolve("c"))
                .failedWith("holds non-integer values such as 0.5");
    }

    @Test
    void aSingleClassAndNoFeaturesAreClearErrors() throws IOException {
        Path one = Files.writeString(dir.resolve("one.csv"), "a,b,y\n1,2,x\n3,4,x\n5,6,x\n7,8,x\n");
        run("train", "--data", "csv:" + one, "--label", "y", "--epochs", "1", "--out", dir.resolve("a"))
                .failedWith("one.csv: the label column 'y' holds a single class [x]; classification needs at least two");
        Path narrow = Files.writeString(dir.resolve("narrow.csv"), "y\n1\n0\n1\n0\n");
        run("train", "--data", "csv:" + narrow, "--label", "y", "--epochs", "1", "--out", dir.resolve("b"))
                .failedWith("narrow.csv:1: no feature columns besides the label 'y'");
        Path ids = Files.writeString(dir.resolve("ids.csv"), "a,name\n1,ann\n2,bob\n3,cy\n4,dee\n5,eve\n");
        run("train", "--data", "csv:" + ids, "--label", "name", "--epochs", "1", "--out", dir.resolve("c"))
                .failedWith("5 classes leave about one row per class");
    }

    @Test
    void labelAndDataOptionsAreChecked() throws IOException {
        Path data = CliRun.classificationCsv(dir.resolve("d.csv"), 60, 3);
        run("train", "--data", "csv:" + data, "--label", "99999999999", "--out", dir.resolve("a"))
                .failedWith("--label 99999999999 is not a column index");
        run("train", "--data", "csv:" + dir, "--label", "y", "--out", dir.resolve("a")).failedWith("is a directory");
        run("train", "--data", "fashion-mnist", "--label", "y", "--limit", "100", "--out", dir.resolve("a"))
                .failedWith("--label does not apply to --data fashion-mnist");
        run("train", "--data", "csv:" + data, "--label", "species", "--test-csv", data, "--test-split", "0.3",
                "--out", dir.resolve("a")).failedWith("--test-split does not apply with --test-csv");
        assertFalse(Files.exists(dir.resolve("a")), "nothing written by a refused run");
    }

    @Test
    void evaluateOnTheTrainingFileScoresOnlyTheHeldOutRows() throws IOException {
        Path data = CliRun.classificationCsv(dir.resolve("iris.csv"), 150, 4);
        Path out = dir.resolve("run");
        CliRun.Result trained = run("train", "--data", "csv:" + data, "--label", "species", "--layers", "4",
                "--epochs", "2", "--lr", "3e-3", "--no-baselines", "--out", out).succeeded();
        CliRun.Result held = run("evaluate", "--model", out.resolve("model"), "--data", "csv:" + data).succeeded();
        assertTrue(held.out().contains("Scoring the 30 rows that train held out of"), held.out());
        assertEquals(trained.number("test_accuracy"), held.number("accuracy"), PRINTED);
        CliRun.Result all = run("evaluate", "--model", out.resolve("model"), "--data", "csv:" + data, "--all-rows")
                .succeeded();
        assertTrue(all.out().contains(": 150 rows"), all.out());
        run("evaluate", "--model", out.resolve("model"), "--data", "csv:" + data, "--test-split", "0.5")
                .failedWith("--test-split does not apply to evaluate");
        run("evaluate", "--model", out.resolve("model"), "--data", "csv:" + data, "--task", "regression")
                .failedWith("--task does not apply to evaluate");

        // a changed file is another file: every row is scored
        Files.writeString(data, Files.readString(data) + "1,1,setosa,1,1\n");
        CliRun.Result changed = run("evaluate", "--model", out.resolve("model"), "--data", "csv:" + data).succeeded();
        assertTrue(changed.out().contains("Scoring every row") && changed.out().contains(": 151 rows"), changed.out());
    }

    @Test
    void earlyStoppingNeedsValidationRows() throws IOException {
        Path data = CliRun.classificationCsv(dir.resolve("d.csv"), 90, 6);
        run("train", "--data", "csv:" + data, "--label", "species", "--early-stopping", "2", "--validation", "0",
                "--out", dir.resolve("a")).failedWith("--early-stopping needs validation data");
        CliRun.Result cv = run("cv", "--data", "csv:" + data, "--label", "species", "--folds", "3", "--epochs", "3",
                "--early-stopping", "1", "--validation", "0.2", "--layers", "4", "--out", dir.resolve("cv")).succeeded();
        assertTrue(cv.lastLine().startsWith("CV folds=3"), cv.lastLine());
        assertTrue(Files.readString(dir.resolve("cv").resolve("report.html")).contains("early stopping on 0.2"));
        run("cv", "--data", "csv:" + data, "--label", "species", "--validation", "0.2", "--out", dir.resolve("b"))
                .failedWith("--validation does not apply to cv without --early-stopping");
        run("cv", "--data", "csv:" + data, "--label", "species", "--test-csv", data, "--out", dir.resolve("b"))
                .failedWith("--test-csv does not apply to cv");
        CliRun.Result every = run("cv", "--data", "csv:" + data, "--label", "species", "--folds", "3", "--epochs", "1",
                "--test-split", "0", "--layers", "4", "--out", dir.resolve("every")).succeeded();
        assertTrue(every.out().contains("fold 1: 60 train, 30 validation rows"), every.out());
        run("search", "--data", "csv:" + data, "--label", "species", "--grid", "lr=1e-2", "--folds", "3",
                "--validation", "0.3", "--out", dir.resolve("s")).failedWith("--validation does not apply to search --folds");
    }

    @Test
    void aRunNeverMixesWithAnotherRunsFiles() throws IOException {
        Path data = CliRun.classificationCsv(dir.resolve("d.csv"), 60, 7);
        Path out = dir.resolve("run");
        run("train", "--data", "csv:" + data, "--label", "species", "--epochs", "1", "--no-baselines", "--out", out)
                .succeeded();
        Path marker = Files.writeString(out.resolve("from-the-first-run.txt"), "x");
        byte[] weights = Files.readAllBytes(ModelIO.weightsFile(out.resolve("model")));
        for (String command : new String[] {"train", "cv"}) {
            run(command, "--data", "csv:" + data, "--label", "species", "--epochs", "1", "--seed", "9", "--out", out)
                    .failedWith("--out " + out + " already holds files of another run; give --overwrite");
        }
        assertTrue(Files.exists(marker));
        run("train", "--data", "csv:" + data, "--label", "species", "--epochs", "1", "--no-baselines", "--seed", "9",
                "--out", out, "--overwrite").succeeded();
        assertFalse(Files.exists(marker), "the previous run is replaced as a whole");
        assertNotEquals(new String(weights, java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(Files.readAllBytes(ModelIO.weightsFile(out.resolve("model"))),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".run")), "no staging folder left");
        }
        // a failed run leaves nothing
        Path failed = dir.resolve("failed");
        run("train", "--data", "csv:" + data, "--label", "species", "--epochs", "1", "--device", "gpu", "--out", failed)
                .failedWith("unknown training device");
        assertFalse(Files.exists(failed));
    }

    @Test
    void defaultRunFoldersAreFreshAndNamedForTheCommand() throws IOException {
        Path a = RunDirectory.fresh(dir, "train");
        assertTrue(a.getFileName().toString().matches("train-\\d{8}-\\d{6}"), a.toString());
        Files.createDirectory(a);
        Path b = RunDirectory.fresh(dir, "train");
        assertNotEquals(a, b);
        assertTrue(b.getFileName().toString().startsWith(a.getFileName() + "-")
                || !b.getFileName().toString().equals(a.getFileName().toString()), b.toString());
    }

    @Test
    void aDivergingSearchCandidateIsRankedLastAndTheSearchGoesOn() throws IOException {
        Path data = CliRun.classificationCsv(dir.resolve("d.csv"), 90, 8);
        CliRun.Result r = run("search", "--data", "csv:" + data, "--label", "species", "--epochs", "2", "--layers", "4",
                "--optimizer", "sgd", "--grid", "lr=1e10,1e-2", "--out", dir.resolve("s")).succeeded();
        assertTrue(r.out().contains("Candidate lr=1e10 diverged: training diverged at epoch"), r.out());
        assertTrue(r.lastLine().contains("best=\"lr=1e-2\""), r.lastLine());
        CliRun.Result all = run("search", "--data", "csv:" + data, "--label", "species", "--epochs", "2",
                "--optimizer", "sgd", "--grid", "lr=1e10,1e12", "--out", dir.resolve("t"));
        assertEquals(Main.DIVERGED, all.code(), all.err());
        assertTrue(all.out().contains("Every candidate diverged"), all.out());
        assertFalse(Files.exists(dir.resolve("t")));
    }
}
