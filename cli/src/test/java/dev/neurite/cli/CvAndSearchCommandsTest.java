package dev.neurite.cli;

import static dev.neurite.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CvAndSearchCommandsTest {

    @TempDir
    Path dir;

    @Test
    void crossValidationReportsEveryFoldAndMeanAndStd() throws IOException {
        Path data = CliRun.classificationCsv(dir.resolve("data.csv"), 120, 6);
        CliRun.Result r = run("cv", "--data", "csv:" + data, "--label", "species", "--folds", "3", "--epochs", "3",
                "--layers", "8", "--lr", "1e-2", "--out", dir.resolve("cv")).succeeded();
        assertTrue(r.lastLine().startsWith("CV folds=3 "), r.lastLine());
        assertEquals(3, r.out().lines().filter(l -> l.startsWith("fold ")).count(), r.out());
        String accuracy = r.summary().get("accuracy");
        assertTrue(accuracy != null && accuracy.contains("+/-"), r.lastLine());
        assertTrue(Files.isRegularFile(dir.resolve("cv").resolve("report.html")));
    }

    @Test
    void regressionCrossValidationUsesPlainOrTimeSeriesFolds() throws IOException {
        Path data = CliRun.regressionCsv(dir.resolve("data.csv"), 120, 7);
        for (String split : List.of("--seed=3", "--time-series")) {
            CliRun.Result r = run("cv", "--data", "csv:" + data, "--label", "target", "--task", "regression",
                    "--folds", "3", split, "--epochs", "2", "--layers", "8", "--out", dir.resolve("cv" + split)).succeeded();
            assertTrue(r.lastLine().contains(" rmse=") && r.lastLine().contains(" r2="), r.lastLine());
        }
    }

    @Test
    void gridSearchTriesEveryCombinationAndRetrainsTheBest() throws IOException {
        Path data = CliRun.classificationCsv(dir.resolve("data.csv"), 150, 8);
        Path out = dir.resolve("search");
        CliRun.Result r = run("search", "--data", "csv:" + data, "--label", "species", "--epochs", "2",
                "--grid", "lr=1e-3,1e-2;layers=8|16,8", "--out", out).succeeded();
        assertTrue(r.lastLine().startsWith("SEARCH candidates=4 "), r.lastLine());
        for (String combination : List.of("lr=1e-3 layers=8 ", "lr=1e-3 layers=16,8 ", "lr=1e-2 layers=8 ",
                "lr=1e-2 layers=16,8 ")) {
            assertTrue(r.out().contains(combination), combination + " in\n" + r.out());
        }
        double test = r.number("test_accuracy");
        assertTrue(test >= 0 && test <= 1);
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(Files.isDirectory(out.resolve("model")));
    }

    @Test
    void randomSearchIsReproducibleWithASeed() throws IOException {
        Path data = CliRun.regressionCsv(dir.resolve("data.csv"), 100, 9);
        String[] lines = new String[2];
        for (int i = 0; i < 2; i++) {
            CliRun.Result r = run("search", "--data", "csv:" + data, "--label", "target", "--task", "regression",
                    "--epochs", "2", "--layers", "8", "--random", "3", "--space", "lr=logu:1e-3:1e-1;dropout=u:0:0.3",
                    "--seed", "11", "--out", dir.resolve("s" + i)).succeeded();
            // candidate lines without their timings
            lines[i] = String.join("\n", r.out().lines().filter(l -> l.startsWith("["))
                    .map(l -> l.replaceAll(" \\(.*s\\)$", "")).toList());
            assertEquals(3, lines[i].lines().count(), r.out());
        }
        assertEquals(lines[0], lines[1]);
    }

    @Test
    void searchRejectsABadSpecBeforeTraining() throws IOException {
        Path data = CliRun.classificationCsv(dir.resolve("data.csv"), 60, 10);
        Path out = dir.resolve("search");
        run("search", "--data", "csv:" + data, "--label", "species", "--grid", "lr=logu:1e-4:1e-2", "--out", out)
                .failedWith("range");
        run("search", "--data", "csv:" + data, "--label", "species", "--grid", "momentum=0.9", "--out", out)
                .failedWith("cannot search over 'momentum'");
        assertFalse(Files.exists(out));
    }
}
