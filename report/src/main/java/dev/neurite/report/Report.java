package dev.neurite.report;

import dev.neurite.metrics.RegressionMetrics;
import dev.neurite.tensor.Tensor;
import dev.neurite.train.EpochLogs;
import dev.neurite.train.History;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A self-contained HTML report of a run: title, command, summary, training curves, the
 * evaluation of a classifier (confusion-matrix heatmap, per-class precision/recall/F1, ROC curves
 * with AUC) or of a regression (metrics and a predicted-vs-true scatter), a comparison of models,
 * extra tables and notes. Charts are PNG files beside {@code report.html}; the page loads
 * nothing else (styles are inline, no scripts, no network).
 *
 * <pre>{@code
 * Report report = Report.builder("Fashion-MNIST MLP")
 *         .command("./neurite train --data fashion-mnist ...")
 *         .history(history)
 *         .classification(yTrue, scores, classNames)
 *         .comparison("MLP", Map.of("accuracy", 0.89, "macro_f1", 0.88, "seconds", 41.0))
 *         .note("Model saved to out/model")
 *         .build();
 * Path html = report.writeTo(outputDir);
 * }</pre>
 *
 * <p>Everything is computed when the builder receives it, so tensors may be closed before the
 * report is written. Immutable once built.
 */
public final class Report {

    /** Name of the page in the output directory. */
    public static final String HTML_FILE = "report.html";

    static final String LOSS_FILE = "loss.png";
    static final String ACCURACY_FILE = "accuracy.png";
    static final String CONFUSION_FILE = "confusion-matrix.png";
    static final String ROC_FILE = "roc.png";
    static final String SCATTER_FILE = "predicted-vs-true.png";

    /**
     * Regression results.
     *
     * @param yTrue true values
     * @param yPred predicted values
     */
    record RegressionResult(double[] yTrue, double[] yPred, double mse, double rmse, double mae, double r2) {
    }

    /**
     * A table given by the caller.
     *
     * @param heading section heading
     * @param header column names
     * @param rows cells, each row as wide as the header
     */
    record ExtraTable(String heading, List<String> header, List<List<String>> rows) {
    }

    /**
     * One chart file of the page.
     *
     * @param name file name in the output directory
     * @param png the image
     * @param width CSS width (the image is {@link ChartCanvas#SCALE} times as wide)
     * @param height CSS height
     * @param alt text alternative
     */
    record Chart(String name, byte[] png, int width, int height, String alt) {
    }

    private final String title;
    private final String command;
    private final List<EpochLogs> epochs;
    private final String stopReason;
    private final ClassificationResult classification;
    private final RegressionResult regression;
    private final ComparisonTable comparison;
    private final List<ExtraTable> tables;
    private final List<String> notes;
    private final Instant created;

    private Report(Builder b) {
        this.title = b.title;
        this.command = b.command;
        this.epochs = b.epochs;
        this.stopReason = b.stopReason;
        this.classification = b.classification;
        this.regression = b.regression;
        this.comparison = b.comparison;
        this.tables = List.copyOf(b.tables);
        this.notes = List.copyOf(b.notes);
        this.created = Instant.now();
    }

    /** A builder for a report called {@code title}. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** The title. */
    public String title() {
        return title;
    }

    /**
     * Writes {@code outputDir/report.html} and its PNG charts, creating the directory if missing.
     * Each file is written to a temporary file in the directory, forced to the device and renamed
     * over its target; the page comes last, so it never refers to a chart not yet in place.
     *
     * @return the path of {@code report.html}
     */
    public Path writeTo(Path outputDir) throws IOException {
        if (outputDir == null) {
            throw new IllegalArgumentException("writeTo needs an output directory, got null");
        }
        List<Chart> charts = charts();
        byte[] html = ReportPage.render(this, charts).getBytes(StandardCharsets.UTF_8);
        ReportFiles files = new ReportFiles(outputDir);
        for (Chart chart : charts) {
            files.write(chart.name(), chart.png());
        }
        Path page = files.write(HTML_FILE, html);
        files.sync();
        return page;
    }

    /** Renders every chart the report has data for. */
    List<Chart> charts() {
        List<Chart> out = new ArrayList<>();
        if (!epochs.isEmpty()) {
            boolean validated = epochs.stream().anyMatch(EpochLogs::hasValidation);
            List<LineChart.Series> loss = new ArrayList<>();
            loss.add(new LineChart.Series("training", column(EpochLogs::trainLoss), Palette.TRAIN, false));
            if (validated) {
                loss.add(new LineChart.Series("validation", column(EpochLogs::validationLoss), Palette.VALIDATION, true));
            }
            byte[] png = LineChart.render("Loss per epoch", "loss", loss, LineChart.Best.LOWEST, Double.NaN);
            if (png != null) {
                out.add(new Chart(LOSS_FILE, png, LineChart.WIDTH, LineChart.HEIGHT,
                        "Training" + (validated ? " and validation" : "") + " loss per epoch"));
            }
            List<LineChart.Series> accuracy = List.of(
                    new LineChart.Series("training", column(EpochLogs::trainAccuracy), Palette.TRAIN, false),
                    new LineChart.Series("validation", column(EpochLogs::validationAccuracy), Palette.VALIDATION, true));
            png = LineChart.render("Accuracy per epoch", "accuracy", accuracy, LineChart.Best.HIGHEST, 1.0);
            if (png != null) {
                out.add(new Chart(ACCURACY_FILE, png, LineChart.WIDTH, LineChart.HEIGHT,
                        "Training and validation accuracy per epoch"));
            }
        }
        if (classification != null) {
            ConfusionHeatmap.Image cm = ConfusionHeatmap.render(classification.confusion(), classification.classNames());
            out.add(new Chart(CONFUSION_FILE, cm.png(), cm.width(), cm.height(),
                    "Confusion matrix of " + classification.classNames().size() + " classes"));
            if (!classification.rocEntries().isEmpty()
                    && classification.rocEntries().stream().anyMatch(e -> e.curve() != null)) {
                String rocTitle = classification.binary()
                        ? "ROC curve (positive class: " + classification.classNames().get(1) + ")"
                        : "ROC curves, one class against the rest";
                RocChart.Image roc = RocChart.render(rocTitle, classification.rocEntries(),
                        classification.binary() ? Double.NaN : classification.rocAuc());
                out.add(new Chart(ROC_FILE, roc.png(), roc.width(), roc.height(), rocTitle));
            }
        }
        if (regression != null) {
            byte[] png = ScatterChart.render("Predicted against true values", regression.yTrue(), regression.yPred());
            out.add(new Chart(SCATTER_FILE, png, ScatterChart.WIDTH, ScatterChart.HEIGHT,
                    "Scatter plot of predicted against true values"));
        }
        return out;
    }

    private double[] column(java.util.function.ToDoubleFunction<EpochLogs> field) {
        return epochs.stream().mapToDouble(field).toArray();
    }

    String command() {
        return command;
    }

    List<EpochLogs> epochs() {
        return epochs;
    }

    Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    ClassificationResult classification() {
        return classification;
    }

    RegressionResult regression() {
        return regression;
    }

    ComparisonTable comparison() {
        return comparison;
    }

    List<ExtraTable> tables() {
        return tables;
    }

    List<String> notes() {
        return notes;
    }

    Instant created() {
        return created;
    }

    /** Collects a report's parts; every method except {@link Report#builder} is optional. */
    public static final class Builder {

        private final String title;
        private String command;
        private List<EpochLogs> epochs = List.of();
        private String stopReason;
        private ClassificationResult classification;
        private RegressionResult regression;
        private final ComparisonTable comparison = new ComparisonTable();
        private final List<ExtraTable> tables = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String title) {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("a report needs a title, got "
                        + (title == null ? "null" : "\"" + title + "\""));
            }
            this.title = title.strip();
        }

        /** The command line (or a description of the run), shown verbatim. */
        public Builder command(String command) {
            this.command = requireText("command", command);
            return this;
        }

        /** Loss and accuracy per epoch, training against validation; the epochs are copied now. */
        public Builder history(History history) {
            if (history == null) {
                throw new IllegalArgumentException("history is null");
            }
            this.epochs = List.copyOf(history.epochs());
            this.stopReason = history.stopReason().orElse(null);
            return this;
        }

        /**
         * A classifier's predictions: true class indices {@code yTrue[N]}, scores or probabilities
         * {@code (N, C)} (the predicted class is a row's highest) and {@code C} class names.
         *
         * @throws IllegalStateException if the report already has regression (or classification) results
         * @throws IllegalArgumentException for inconsistent lengths, classes or non-finite scores
         */
        public Builder classification(int[] yTrue, Tensor scores, List<String> classNames) {
            requireNoEvaluation("classification");
            this.classification = ClassificationResult.of(yTrue, scores, classNames);
            return this;
        }

        /**
         * A regression's predictions: true and predicted values, one per sample.
         *
         * @throws IllegalStateException if the report already has classification (or regression) results
         * @throws IllegalArgumentException for null, empty, different lengths or non-finite values
         */
        public Builder regression(double[] yTrue, double[] yPred) {
            requireNoEvaluation("regression");
            if (yTrue == null || yPred == null) {
                throw new IllegalArgumentException("regression needs yTrue and yPred, got "
                        + (yTrue == null ? "no yTrue" : "no yPred"));
            }
            double[] t = yTrue.clone();
            double[] p = yPred.clone();
            double mse = RegressionMetrics.mse(t, p); // validates lengths and values
            this.regression = new RegressionResult(t, p, mse, RegressionMetrics.rmse(t, p),
                    RegressionMetrics.mae(t, p), RegressionMetrics.r2(t, p));
            return this;
        }

        /**
         * One model's row in the side-by-side comparison: metric name to value. A better value
         * is highlighted per column where the name tells which way is better (accuracy, F1, AUC,
         * R^2 up; loss, errors, seconds down).
         */
        public Builder comparison(String model, Map<String, Double> metrics) {
            comparison.add(model, metrics);
            return this;
        }

        /** An extra table under {@code heading}; every row has as many cells as {@code header}. */
        public Builder table(String heading, List<String> header, List<List<String>> rows) {
            requireText("table heading", heading);
            if (header == null || header.isEmpty()) {
                throw new IllegalArgumentException("table \"" + heading + "\" needs a header with at least one column");
            }
            if (rows == null) {
                throw new IllegalArgumentException("table \"" + heading + "\" has null rows");
            }
            List<List<String>> copy = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                List<String> row = rows.get(i);
                if (row == null || row.size() != header.size()) {
                    throw new IllegalArgumentException("table \"" + heading + "\" row " + i + " has "
                            + (row == null ? "no" : row.size()) + " cells, the header has " + header.size());
                }
                copy.add(List.copyOf(row));
            }
            tables.add(new ExtraTable(heading, List.copyOf(header), List.copyOf(copy)));
            return this;
        }

        /** A paragraph of free text (line breaks are kept). */
        public Builder note(String text) {
            notes.add(requireText("note", text));
            return this;
        }

        public Report build() {
            return new Report(this);
        }

        private void requireNoEvaluation(String adding) {
            if (classification != null || regression != null) {
                String present = classification != null ? "classification" : "regression";
                throw new IllegalStateException("cannot add " + adding + " results: the report already has "
                        + present + " results (one report shows one of them, once)");
            }
        }

        private static String requireText(String what, String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException(what + " must not be empty, got "
                        + (text == null ? "null" : "\"" + text + "\""));
            }
            return text;
        }
    }
}
