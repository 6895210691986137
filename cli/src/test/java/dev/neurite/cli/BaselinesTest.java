package dev.neurite.cli;

import static dev.neurite.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baselines of {@code ./neurite train}, checked against references computed here. */
class BaselinesTest {

    /** Metrics are printed with four decimals; the CLI reads the CSV values as float32. */
    private static final double PRINTED = 1.5e-4;
    /** Labels whose sorted (class index) order differs from the order the rows cycle through. */
    private static final List<String> LABELS = List.of("30", "5", "100", "7");
    /** Blob centres, 8 standard deviations apart. */
    private static final double[][] CENTRES = {{0, 0, 0}, {8, 0, 0}, {0, 8, 0}, {0, 0, 8}};

    @TempDir
    Path dir;

    @Test
    void linearClassifiersMatchTheNearestCentroidRuleOnSeparableBlobs() throws IOException {
        Path train = blobsCsv(dir.resolve("train.csv"), 400, 1, LABELS);
        Path test = blobsCsv(dir.resolve("test.csv"), 200, 2, LABELS);
        double reference = nearestCentroidAccuracy(train, test);
        // the blobs are linearly separable with a wide margin; the reference rule is linear too
        assertTrue(reference >= 0.99, "nearest centroid: " + reference);
        CliRun.Result r = run("train", "--data", "csv:" + train, "--label", "y", "--test-csv", test,
                "--layers", "8", "--epochs", "20", "--out", dir.resolve("run")).succeeded();
        for (String baseline : List.of("logreg_accuracy", "svm_accuracy")) {
            assertTrue(r.number(baseline) >= reference - 0.02, baseline + " vs nearest centroid " + reference + ": " + r.out());
        }
        assertTrue(r.out().contains("Baseline logreg accuracy") && r.out().contains("Baseline svm    accuracy"), r.out());
        String html = Files.readString(dir.resolve("run").resolve("report.html"));
        assertTrue(html.contains("Logistic regression") && html.contains("Linear SVM"), "comparison rows in the report");
    }

    @Test
    void linearClassifiersDoNotInheritTheMlpsTrainingSettings() throws IOException {
        Path train = blobsCsv(dir.resolve("train.csv"), 400, 3, List.of("owl", "cat", "emu", "ant"));
        Path test = blobsCsv(dir.resolve("test.csv"), 200, 4, List.of("owl", "cat", "emu", "ant"));
        double reference = nearestCentroidAccuracy(train, test);
        // an MLP that barely moves: one epoch of plain SGD with a tiny step and a stopping rule
        CliRun.Result r = run("train", "--data", "csv:" + train, "--label", "y", "--test-csv", test,
                "--layers", "8", "--epochs", "1", "--optimizer", "sgd", "--lr", "1e-5", "--batch-size", "400",
                "--early-stopping", "1", "--out", dir.resolve("run")).succeeded();
        for (String baseline : List.of("logreg_accuracy", "svm_accuracy")) {
            assertTrue(r.number(baseline) >= reference - 0.02, baseline + " vs nearest centroid " + reference + ": " + r.out());
        }
    }

    @Test
    void linearClassifiersTrainOnTheCpuBesideAnOpenClMlp() throws IOException {
        Path train = blobsCsv(dir.resolve("train.csv"), 200, 8, LABELS);
        Path test = blobsCsv(dir.resolve("test.csv"), 100, 9, LABELS);
        double reference = nearestCentroidAccuracy(train, test);
        // the device path has no hinge loss: the SVM must not be sent there
        CliRun.Result r = run("train", "--data", "csv:" + train, "--label", "y", "--test-csv", test,
                "--layers", "8", "--epochs", "2", "--device", "opencl", "--out", dir.resolve("run")).succeeded();
        for (String baseline : List.of("logreg_accuracy", "svm_accuracy")) {
            assertTrue(r.number(baseline) >= reference - 0.02, baseline + " vs nearest centroid " + reference + ": " + r.out());
        }
    }

    @Test
    void regressionBaselinesMatchAnIndependentFit() throws IOException {
        Path train = CliRun.regressionCsv(dir.resolve("train.csv"), 300, 5);
        Path test = CliRun.regressionCsv(dir.resolve("test.csv"), 80, 6);
        CliRun.Result r = run("train", "--data", "csv:" + train, "--label", "target", "--task", "regression",
                "--test-csv", test, "--validation", "0", "--layers", "8", "--epochs", "2",
                "--out", dir.resolve("run")).succeeded();
        assertTrue(r.lastLine().matches("TRAIN test_rmse=\\S+ test_r2=\\S+ mean_r2=\\S+ linear_r2=\\S+ seconds=\\S+"),
                r.lastLine());

        double[][] trainRows = numbers(train);
        double[][] testRows = numbers(test);
        double[] truth = column(testRows, 3);
        double mean = 0;
        for (double[] row : trainRows) {
            mean += row[3];
        }
        mean /= trainRows.length;
        double[] constant = new double[truth.length];
        Arrays.fill(constant, mean);
        double[][] features = Arrays.stream(trainRows).map(row -> Arrays.copyOf(row, 3)).toArray(double[][]::new);
        double[] w = LeastSquaresTest.ordinaryLeastSquares(features, column(trainRows, 3));
        double[] fitted = new double[truth.length];
        for (int i = 0; i < fitted.length; i++) {
            fitted[i] = w[0] + w[1] * testRows[i][0] + w[2] * testRows[i][1] + w[3] * testRows[i][2];
        }

        assertEquals(r2(truth, constant), r.number("mean_r2"), PRINTED);
        assertEquals(r2(truth, fitted), r.number("linear_r2"), PRINTED);
        assertTrue(r.number("linear_r2") > 0.999, "the target is linear up to noise: " + r.lastLine());
        assertTrue(r.number("mean_r2") <= 0 && r.number("mean_r2") > -0.1, "the mean explains nothing: " + r.lastLine());
        assertEquals(rmse(truth, constant), printed(r.out(), "Baseline mean   rmse "), PRINTED, r.out());
        assertEquals(rmse(truth, fitted), printed(r.out(), "Baseline linear rmse "), PRINTED, r.out());
        String html = Files.readString(dir.resolve("run").resolve("report.html"));
        assertTrue(html.contains("Mean of training targets") && html.contains("Linear least squares"), "comparison rows");
    }

    @Test
    void noBaselinesSkipsTheRegressionBaselines() throws IOException {
        Path train = CliRun.regressionCsv(dir.resolve("train.csv"), 120, 7);
        CliRun.Result r = run("train", "--data", "csv:" + train, "--label", "target", "--task", "regression",
                "--layers", "4", "--epochs", "1", "--no-baselines", "--out", dir.resolve("run")).succeeded();
        assertFalse(r.out().contains("Baseline"), r.out());
        assertFalse(r.lastLine().contains("mean_r2") || r.lastLine().contains("linear_r2"), r.lastLine());
        assertFalse(Files.readString(dir.resolve("run").resolve("report.html")).contains("Linear least squares"));
    }

    /** Gaussian blobs (standard deviation 1) round the {@link #CENTRES}; the label column {@code y} is third. */
    static Path blobsCsv(Path file, int rows, long seed, List<String> labels) throws IOException {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("f1,f2,y,f3\n");
        for (int i = 0; i < rows; i++) {
            double[] c = CENTRES[i % CENTRES.length];
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%.4f%n", c[0] + random.nextGaussian(),
                    c[1] + random.nextGaussian(), labels.get(i % CENTRES.length), c[2] + random.nextGaussian()));
        }
        return Files.writeString(file, sb.toString());
    }

    /** Test accuracy of the rule "nearest training-class mean" (a linear classifier). */
    private static double nearestCentroidAccuracy(Path train, Path test) throws IOException {
        List<String[]> trainRows = cells(train);
        List<String> labels = trainRows.stream().map(c -> c[2]).distinct().toList();
        double[][] centroids = new double[labels.size()][3];
        int[] counts = new int[labels.size()];
        for (String[] c : trainRows) {
            int k = labels.indexOf(c[2]);
            double[] x = features(c);
            for (int j = 0; j < 3; j++) {
                centroids[k][j] += x[j];
            }
            counts[k]++;
        }
        for (int k = 0; k < centroids.length; k++) {
            for (int j = 0; j < 3; j++) {
                centroids[k][j] /= counts[k];
            }
        }
        List<String[]> testRows = cells(test);
        int correct = 0;
        for (String[] c : testRows) {
            double[] x = features(c);
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int k = 0; k < centroids.length; k++) {
                double d = 0;
                for (int j = 0; j < 3; j++) {
                    d += (x[j] - centroids[k][j]) * (x[j] - centroids[k][j]);
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            correct += labels.get(best).equals(c[2]) ? 1 : 0;
        }
        return (double) correct / testRows.size();
    }

    private static List<String[]> cells(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")).toList();
    }

    private static double[] features(String[] c) {
        return new double[] {Double.parseDouble(c[0]), Double.parseDouble(c[1]), Double.parseDouble(c[3])};
    }

    private static double[][] numbers(Path csv) throws IOException {
        return cells(csv).stream()
                .map(c -> Arrays.stream(c).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
    }

    private static double[] column(double[][] rows, int j) {
        return Arrays.stream(rows).mapToDouble(r -> r[j]).toArray();
    }

    private static double rmse(double[] truth, double[] predicted) {
        double s = 0;
        for (int i = 0; i < truth.length; i++) {
            s += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
        }
        return Math.sqrt(s / truth.length);
    }

    private static double r2(double[] truth, double[] predicted) {
        double mean = Arrays.stream(truth).average().orElseThrow();
        double total = 0;
        double residual = 0;
        for (int i = 0; i < truth.length; i++) {
            total += (truth[i] - mean) * (truth[i] - mean);
            residual += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
        }
        return 1 - residual / total;
    }

    /** The number right after {@code prefix} in {@code out} (up to a comma). */
    private static double printed(String out, String prefix) {
        int at = out.indexOf(prefix);
        assertTrue(at >= 0, "no '" + prefix + "' in:\n" + out);
        int start = at + prefix.length();
        return Double.parseDouble(out.substring(start, out.indexOf(',', start)));
    }
}
