package dev.neurite.cli;

import static dev.neurite.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.ModelIO;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainEvaluatePredictTest {

    /** Metrics are printed with four decimals. */
    private static final double PRINTED = 1e-4;
    /** Class probabilities are printed with six significant digits. */
    private static final double PROBABILITY_SUM = 1e-4;

    @TempDir
    Path dir;

    @Test
    void classificationCsvTrainsEvaluatesAndPredicts() throws IOException {
        Path train = CliRun.classificationCsv(dir.resolve("train.csv"), 240, 1);
        Path test = CliRun.classificationCsv(dir.resolve("test.csv"), 60, 2);
        Path out = dir.resolve("run");
        CliRun.Result trained = run("train", "--data", "csv:" + train, "--label", "species", "--test-csv", test,
                "--layers", "16", "--epochs", "8", "--lr", "1e-2", "--batch-size", "16", "--out", out).succeeded();
        assertTrue(trained.lastLine().startsWith("TRAIN test_accuracy="), trained.lastLine());
        double accuracy = trained.number("test_accuracy");
        assertTrue(accuracy > 0.9, "separable classes: " + trained.out());
        for (String baseline : List.of("logreg_accuracy", "svm_accuracy")) {
            assertTrue(trained.number(baseline) > 0.9, "linearly separable classes: " + trained.lastLine());
        }
        assertTrue(trained.number("seconds") >= 0);
        assertTrue(Files.isRegularFile(out.resolve("model").resolve(ModelIO.MODEL_FILE)));
        assertTrue(Files.isRegularFile(ModelIO.weightsFile(out.resolve("model"))));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));

        CliRun.Result evaluated = run("evaluate", "--model", out.resolve("model"), "--data", "csv:" + test).succeeded();
        assertEquals(accuracy, evaluated.number("accuracy"), PRINTED, "the same model on the same test file");
        assertTrue(evaluated.out().contains("versicolor") && evaluated.out().contains("Confusion matrix"), evaluated.out());

        // the test file still has its label column: predict ignores it
        Path predictions = dir.resolve("predictions.csv");
        run("predict", "--model", out.resolve("model"), "--input", test, "--output", predictions).succeeded();
        assertUmaskPermissions(predictions, out);
        List<String> lines = Files.readAllLines(predictions);
        assertEquals("prediction,p_setosa,p_versicolor,p_virginica", lines.getFirst());
        List<String> truth = Files.readAllLines(test).stream().skip(1).map(l -> l.split(",")[2]).toList();
        assertEquals(truth.size(), lines.size() - 1);
        int correct = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            assertTrue(CliRun.SPECIES.contains(cells[0]), lines.get(i));
            double sum = 0;
            for (int c = 1; c < cells.length; c++) {
                sum += Double.parseDouble(cells[c]);
            }
            assertEquals(1, sum, PROBABILITY_SUM, lines.get(i));
            correct += cells[0].equals(truth.get(i - 1)) ? 1 : 0;
        }
        assertEquals(accuracy, (double) correct / truth.size(), PRINTED, "predicted classes agree with evaluate");
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }

    @Test
    void regressionCsvTrainsEvaluatesAndPredicts() throws IOException {
        Path train = CliRun.regressionCsv(dir.resolve("train.csv"), 300, 3);
        Path test = CliRun.regressionCsv(dir.resolve("test.csv"), 50, 4);
        Path out = dir.resolve("run");
        CliRun.Result trained = run("train", "--data", "csv:" + train, "--label", "target", "--task", "regression",
                "--test-csv", test, "--layers", "16", "--epochs", "30", "--lr", "1e-2", "--batch-size", "16",
                "--out", out).succeeded();
        assertTrue(trained.lastLine().startsWith("TRAIN test_rmse="), trained.lastLine());
        assertTrue(trained.number("test_r2") > 0.9, "a nearly linear target: " + trained.out());
        double rmse = trained.number("test_rmse");

        CliRun.Result evaluated = run("evaluate", "--model", out.resolve("model"), "--data", "csv:" + test).succeeded();
        assertEquals(rmse, evaluated.number("rmse"), PRINTED);

        // features only, no target column: the same predictions as with it
        Path featuresOnly = dir.resolve("features.csv");
        Files.write(featuresOnly, Files.readAllLines(test).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        run("predict", "--model", out.resolve("model"), "--input", test, "--output", a).succeeded();
        run("predict", "--model", out.resolve("model"), "--input", featuresOnly, "--output", b).succeeded();
        List<String> withLabel = Files.readAllLines(a);
        assertEquals(withLabel, Files.readAllLines(b));
        assertEquals(51, withLabel.size());
        assertEquals("prediction", withLabel.getFirst());
        double sumSq = 0;
        List<String> targets = Files.readAllLines(test);
        for (int i = 1; i < withLabel.size(); i++) {
            double err = Double.parseDouble(withLabel.get(i)) - Double.parseDouble(targets.get(i).split(",")[3]);
            sumSq += err * err;
        }
        assertEquals(rmse, Math.sqrt(sumSq / 50), 1e-3, "predictions in target units, as evaluated");
    }

    @Test
    void trainingOptionsAreAppliedAndSavedWithTheModel() throws IOException {
        Path train = CliRun.classificationCsv(dir.resolve("train.csv"), 120, 12);
        Path out = dir.resolve("run");
        run("train", "--data", "csv:" + train, "--label", "2", "--layers", "8,8", "--optimizer", "nesterov",
                "--lr", "0.05", "--schedule", "cosine", "--batchnorm", "--dropout", "0.1", "--clip-norm", "1",
                "--clip-value", "0.5", "--l1", "1e-5", "--l2", "1e-4", "--early-stopping", "2", "--epochs", "3",
                "--scaler", "minmax", "--no-baselines", "--out", out).succeeded();
        String json = Files.readString(out.resolve("model").resolve(ModelIO.MODEL_FILE));
        for (String saved : List.of("\"nesterov\"", "\"cosine\"", "\"minmax\"", "\"label_column\": \"species\"",
                "\"BatchNorm\"", "\"Dropout\"", "scaler.min", "\"versicolor\"")) {
            assertTrue(json.contains(saved), saved + " in\n" + json);
        }
    }

    @Test
    void fashionMnistTrainsOnTheFirstRowsAndWritesModelAndReport() {
        Path out = dir.resolve("fashion");
        CliRun.Result r = run("train", "--data", "fashion-mnist", "--limit", "2000", "--epochs", "2",
                "--layers", "64", "--out", out).succeeded();
        assertTrue(r.out().contains("2000 training rows"), r.out());
        assertTrue(r.number("test_accuracy") > 0.5, "well above chance (0.1) after two epochs: " + r.lastLine());
        assertTrue(r.number("logreg_accuracy") > 0.5 && r.number("svm_accuracy") > 0.5, r.lastLine());
        assertTrue(Files.isRegularFile(out.resolve("model").resolve(ModelIO.MODEL_FILE)));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
    }

    @Test
    void fashionMnistTrainsOnTheOpenClDevice() {
        Path out = dir.resolve("fashion-device");
        CliRun.Result r = run("train", "--data", "fashion-mnist", "--limit", "2000", "--epochs", "2",
                "--layers", "64", "--device", "opencl", "--no-baselines", "--out", out).succeeded();
        assertTrue(r.number("test_accuracy") > 0.5, "well above chance (0.1) after two epochs: " + r.lastLine());
        run("train", "--data", "fashion-mnist", "--limit", "200", "--epochs", "1", "--device", "gpu",
                "--out", dir.resolve("gpu")).failedWith("unknown training device 'gpu'");
        // dropout draws its masks on the device
        CliRun.Result dropout = run("train", "--data", "fashion-mnist", "--limit", "400", "--epochs", "1",
                "--dropout", "0.2", "--device", "opencl", "--no-baselines", "--out", dir.resolve("dropout")).succeeded();
        assertTrue(dropout.number("test_accuracy") > 0.3, dropout.lastLine());
    }

    @Test
    void everyWorkflowCommandHasHelp() {
        for (String command : List.of("train", "evaluate", "predict", "cv", "search")) {
            CliRun.Result r = run(command, "--help").succeeded();
            assertTrue(r.out().contains("Usage: neurite " + command), r.out());
        }
        CliRun.Result train = run("train", "--help");
        for (String option : List.of("--data", "--label", "--test-csv", "--task", "--layers", "--optimizer", "--schedule",
                "--early-stopping", "--validation", "--scaler", "--backend", "--threads", "--out", "--limit")) {
            assertTrue(train.out().contains(option), option);
        }
    }

    /**
     * Every file and folder Neurite created has the permissions the umask gives, as a file or
     * folder created plainly beside them does (Files.createTempFile's owner-only mode would not).
     */
    private void assertUmaskPermissions(Path... created) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> file = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain-file")));
        Set<PosixFilePermission> folder = Files.getPosixFilePermissions(Files.createDirectory(dir.resolve("plain-dir")));
        for (Path root : created) {
            try (var all = Files.walk(root)) {
                for (Path p : all.toList()) {
                    assertEquals(Files.isDirectory(p) ? folder : file, Files.getPosixFilePermissions(p), p.toString());
                }
            }
        }
    }
}
