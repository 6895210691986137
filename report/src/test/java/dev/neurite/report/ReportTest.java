package dev.neurite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.SGD;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import dev.neurite.train.History;
import dev.neurite.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    /** A class name that needs every kind of escaping. */
    static final String NASTY = "<b>&\"x\"";
    static final List<String> NAMES = List.of("cat", "dog", NASTY);
    /**
     * The hand-made confusion: row = true class, column = predicted class.
     * Column sums (predictions per class): 7, 5, 5; row sums (support): 6, 6, 5.
     */
    static final int[][] CONFUSION = {
        {5, 1, 0},
        {2, 3, 1},
        {0, 1, 4},
    };
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"");

    private static History history;
    /** The classification report, written once for the tests that read it (charts take a while to draw). */
    @TempDir
    static Path shared;
    private static Path sharedHtml;
    private static String sharedPage;

    @BeforeAll
    static void writeSharedReport() throws IOException {
        train();
        sharedHtml = classificationReport().writeTo(shared.resolve("nested/out")); // created if missing
        sharedPage = Files.readString(sharedHtml, StandardCharsets.UTF_8);
    }

    static void train() {
        // a real History: a linear model on three separable blobs, three epochs with validation
        int n = 30;
        Tensor x = Tensor.managed(DType.F32, n, 2);
        Tensor y = Tensor.managed(DType.F32, n, 1);
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            x.set(i, 0, c + 0.1 * Math.sin(i));
            x.set(i, 1, -c + 0.1 * Math.cos(i));
            y.set(i, 0, c);
        }
        try (Sequential model = new Sequential(2, 1, new Dense(2, 3));
             SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
            history = new Trainer(model, loss, new SGD(model.parameters(), 0.1))
                    .epochs(3).batchSize(10).seed(1).validation(x, y).fit(x, y);
        }
    }

    /** Labels and probability rows whose argmax gives exactly {@link #CONFUSION}. */
    static Object[] handMadePredictions() {
        List<Integer> labels = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                for (int k = 0; k < CONFUSION[t][p]; k++) {
                    double top = 0.5 + 0.04 * k + 0.01 * t; // varied so the ROC curves have several points
                    double[] row = new double[3];
                    for (int j = 0; j < 3; j++) {
                        row[j] = j == p ? top : (1 - top) / 2;
                    }
                    labels.add(t);
                    rows.add(row);
                }
            }
        }
        int[] yTrue = labels.stream().mapToInt(Integer::intValue).toArray();
        Tensor scores = Tensor.of(rows.stream().flatMapToDouble(java.util.Arrays::stream).toArray(), rows.size(), 3);
        return new Object[] {yTrue, scores};
    }

    static Report classificationReport() {
        Object[] data = handMadePredictions();
        Map<String, Double> mlp = new LinkedHashMap<>();
        mlp.put("accuracy", 0.70);
        mlp.put("seconds", 12.0);
        Map<String, Double> baseline = new LinkedHashMap<>();
        baseline.put("accuracy", 0.35);
        baseline.put("seconds", 0.5);
        return Report.builder("Hand-made <report>")
                .command("./neurite train --name '" + NASTY + "' && echo <done>")
                .history(history)
                .classification((int[]) data[0], (Tensor) data[1], NAMES)
                .comparison("MLP", mlp)
                .comparison("Baseline", baseline)
                .table("Cross-validation", List.of("fold", "accuracy"), List.of(List.of("1", "0.7000"), List.of("2", "0.6500")))
                .note("first note")
                .build();
    }

    @Test
    void writesEveryReferencedPngAtTheSizeThePageGives() throws IOException {
        Path out = shared.resolve("nested/out");
        assertEquals(out.resolve(Report.HTML_FILE), sharedHtml);
        String page = sharedPage;

        Set<String> referenced = new TreeSet<>();
        Matcher m = IMG.matcher(page);
        while (m.find()) {
            String name = m.group(1);
            referenced.add(name);
            assertFalse(name.contains("/") || name.contains(":"), "image " + name + " is not a relative file name");
            BufferedImage image = ImageIO.read(out.resolve(name).toFile());
            assertNotNull(image, name + " is not a readable PNG");
            assertEquals(Integer.parseInt(m.group(2)) * ChartCanvas.SCALE, image.getWidth(), name + " width");
            assertEquals(Integer.parseInt(m.group(3)) * ChartCanvas.SCALE, image.getHeight(), name + " height");
        }
        Set<String> pngs = files(out).stream().filter(f -> f.endsWith(".png")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(pngs, referenced, "every PNG written is on the page and every image on the page is written");
        assertEquals(Set.of(Report.LOSS_FILE, Report.ACCURACY_FILE, Report.CONFUSION_FILE, Report.ROC_FILE), pngs);

        BufferedImage loss = ImageIO.read(out.resolve(Report.LOSS_FILE).toFile());
        assertEquals(LineChart.WIDTH * ChartCanvas.SCALE, loss.getWidth());
        assertEquals(LineChart.HEIGHT * ChartCanvas.SCALE, loss.getHeight());
        BufferedImage roc = ImageIO.read(out.resolve(Report.ROC_FILE).toFile());
        assertTrue(roc.getHeight() >= RocChart.MIN_HEIGHT * ChartCanvas.SCALE, "ROC chart height " + roc.getHeight());
        assertFalse(page.contains("http://") || page.contains("https://"), "the page loads nothing from the network");
    }

    @Test
    void perClassTableHoldsHandComputedValues() {
        String page = sharedPage;
        int classes = CONFUSION.length;
        for (int c = 0; c < classes; c++) {
            long tp = CONFUSION[c][c];
            long predicted = 0;
            long support = 0;
            for (int k = 0; k < classes; k++) {
                predicted += CONFUSION[k][c];
                support += CONFUSION[c][k];
            }
            double precision = (double) tp / predicted;
            double recall = (double) tp / support;
            double f1 = 2 * precision * recall / (precision + recall);
            String row = rowOf(page, "<td>" + Html.escape(NAMES.get(c)) + "</td>");
            List<String> cells = numericCells(row);
            assertEquals(List.of(f4(precision), f4(recall), f4(f1), Long.toString(support)), cells, "row of " + NAMES.get(c));
        }
        // 12 of 17 samples on the diagonal
        assertEquals(List.of(f4(12.0 / 17), "17"), numericCells(rowOf(page, "<td>accuracy</td>")));
        double macroPrecision = (5.0 / 7 + 3.0 / 5 + 4.0 / 5) / 3;
        assertEquals(f4(macroPrecision), numericCells(rowOf(page, "<td>macro avg</td>")).getFirst());
    }

    @Test
    void escapesTextFromData() {
        String page = sharedPage;
        assertTrue(page.contains("&lt;b&gt;&amp;&quot;x&quot;"), "class name escaped");
        assertFalse(page.contains(NASTY), "class name never raw");
        assertTrue(page.contains("Hand-made &lt;report&gt;"), "title escaped");
        assertTrue(page.contains("echo &lt;done&gt;"), "command escaped");
        assertFalse(page.contains("<done>") || page.contains("<report>"));
    }

    @Test
    void highlightsTheBestValueOfEachColumn() {
        String page = sharedPage;
        // accuracy: higher is better (MLP); seconds: lower is better (Baseline)
        assertEquals(List.of("0.7000", "12.000"), numericCells(rowOf(page, "<td>MLP</td>")));
        assertTrue(rowOf(page, "<td>MLP</td>").contains("<td class=\"num best\">0.7000</td>"));
        assertTrue(rowOf(page, "<td>Baseline</td>").contains("<td class=\"num best\">0.500</td>"));
        assertTrue(rowOf(page, "<td>Baseline</td>").contains("<td class=\"num\">0.3500</td>"));
    }

    @Test
    void regressionReportHasMetricsAndScatter(@TempDir Path dir) throws IOException {
        double[] yTrue = {1, 2, 3, 4};
        double[] yPred = {1.5, 2, 2, 4};
        Path html = Report.builder("Regression").regression(yTrue, yPred).build().writeTo(dir);
        String page = Files.readString(html);
        double mse = (0.25 + 0 + 1 + 0) / 4;
        double r2 = 1 - (0.25 + 1) / 5.0; // mean 2.5, total sum of squares 5
        assertTrue(page.contains(f4(mse)), "MSE " + f4(mse));
        assertTrue(page.contains(f4(Math.sqrt(mse))), "RMSE");
        assertTrue(page.contains(f4(r2)), "R^2");
        BufferedImage scatter = ImageIO.read(dir.resolve(Report.SCATTER_FILE).toFile());
        assertEquals(ScatterChart.WIDTH * ChartCanvas.SCALE, scatter.getWidth());
        assertEquals(Set.of(Report.HTML_FILE, Report.SCATTER_FILE), Set.copyOf(files(dir)));
    }

    @Test
    void classificationAndRegressionTogetherAreRejected() {
        Object[] data = handMadePredictions();
        Report.Builder classified = Report.builder("t").classification((int[]) data[0], (Tensor) data[1], NAMES);
        assertThrows(IllegalStateException.class, () -> classified.regression(new double[] {1}, new double[] {1}));
        Report.Builder regressed = Report.builder("t").regression(new double[] {1}, new double[] {1});
        assertThrows(IllegalStateException.class,
                () -> regressed.classification((int[]) data[0], (Tensor) data[1], NAMES));
    }

    @Test
    void badInputIsRejected() {
        Object[] data = handMadePredictions();
        assertThrows(IllegalArgumentException.class, () -> Report.builder(" "));
        assertThrows(IllegalArgumentException.class,
                () -> Report.builder("t").classification((int[]) data[0], (Tensor) data[1], List.of("a", "b")));
        assertThrows(IllegalArgumentException.class,
                () -> Report.builder("t").regression(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> Report.builder("t").table("x", List.of("a", "b"), List.of(List.of("1"))));
        assertThrows(IllegalArgumentException.class,
                () -> Report.builder("t").comparison("m", Map.of("a", 1.0)).comparison("m", Map.of("a", 2.0)));
    }

    @Test
    void writesLeaveNoTemporaryFilesAndReplaceOldOnes(@TempDir Path dir) throws IOException {
        Report report = Report.builder("Regression").regression(new double[] {1, 2, 3}, new double[] {1, 2, 2}).build();
        report.writeTo(dir);
        Files.writeString(dir.resolve(Report.HTML_FILE), "stale");
        report.writeTo(dir); // over existing files
        List<String> names = files(dir);
        assertEquals(Set.of(Report.HTML_FILE, Report.SCATTER_FILE), Set.copyOf(names),
                "only the report's files, no temporaries: " + names);
        assertTrue(Files.readString(dir.resolve(Report.HTML_FILE)).startsWith("<!DOCTYPE html>"));
        assertEquals(Set.of(Report.HTML_FILE, Report.LOSS_FILE, Report.ACCURACY_FILE, Report.CONFUSION_FILE,
                Report.ROC_FILE), Set.copyOf(files(shared.resolve("nested/out"))), "classification report files");
    }

    @Test
    void comparisonColumnsOfUnorderedMapsHaveAFixedOrder() {
        ComparisonTable t = new ComparisonTable();
        t.add("m", Map.of("seconds", 1.0, "macro_f1", 0.5, "accuracy", 0.6, "log_loss", 0.7));
        assertEquals(List.of("accuracy", "macro_f1", "log_loss", "seconds"), t.columns());
        assertEquals(ComparisonTable.Direction.HIGHER, ComparisonTable.direction("top5_accuracy"));
        assertEquals(ComparisonTable.Direction.LOWER, ComparisonTable.direction("val_loss"));
        assertEquals(ComparisonTable.Direction.NONE, ComparisonTable.direction("estimated_params"));
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The table row that contains {@code marker}. */
    private static String rowOf(String page, String marker) {
        int at = page.indexOf(marker);
        assertTrue(at >= 0, "page has " + marker);
        return page.substring(page.lastIndexOf("<tr", at), page.indexOf("</tr>", at));
    }

    /** Non-empty right-aligned cells of a row, in order. */
    private static List<String> numericCells(String row) {
        Matcher m = Pattern.compile("<td class=\"num[^\"]*\"[^>]*>([^<]*)</td>").matcher(row);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            if (!m.group(1).isEmpty()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
