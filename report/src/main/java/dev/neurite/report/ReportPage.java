package dev.neurite.report;

import dev.neurite.metrics.Average;
import dev.neurite.metrics.ClassificationReport;
import dev.neurite.train.EpochLogs;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The HTML of a {@link Report}: sections in reading order, every text from data escaped. */
final class ReportPage {

    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Report report;
    private final Map<String, Report.Chart> charts;
    private final StringBuilder out = new StringBuilder(16_384);

    private ReportPage(Report report, List<Report.Chart> charts) {
        this.report = report;
        this.charts = charts.stream().collect(Collectors.toMap(Report.Chart::name, Function.identity()));
    }

    static String render(Report report, List<Report.Chart> charts) {
        return new ReportPage(report, charts).page();
    }

    private String page() {
        String title = Html.escape(report.title());
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(title).append(" \u2014 Neurite report</title>\n")
                .append("<style>\n").append(PageStyle.CSS).append("</style>\n</head>\n<body>\n<main>\n");
        out.append("<header>\n<p class=\"kicker\">Neurite report</p>\n<h1>").append(title).append("</h1>\n")
                .append("<p class=\"meta\">Written ").append(CREATED.format(report.created())).append("</p>\n</header>\n");
        if (report.command() != null) {
            open("Command");
            out.append("<pre class=\"command\"><code>").append(Html.escape(report.command())).append("</code></pre>\n");
            close();
        }
        summary();
        training();
        classification();
        regression();
        comparison();
        for (Report.ExtraTable t : report.tables()) {
            extraTable(t);
        }
        if (!report.notes().isEmpty()) {
            open("Notes");
            for (String note : report.notes()) {
                out.append("<p class=\"note\">").append(Html.escape(note)).append("</p>\n");
            }
            close();
        }
        out.append("<footer>Written by Neurite. Charts are the PNG files next to this page.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Summary

    private void summary() {
        List<String[]> cards = new ArrayList<>(); // label, value, detail
        ClassificationResult c = report.classification();
        if (c != null) {
            ClassificationReport r = c.report();
            cards.add(card("Accuracy", Formats.percent(r.accuracy()),
                    Formats.count(r.total()) + " samples, " + r.numClasses() + " classes"));
            cards.add(card("Macro F1", Formats.fixed4(r.f1(Average.MACRO)), "weighted " + Formats.fixed4(r.f1(Average.WEIGHTED))));
            if (!Double.isNaN(c.rocAuc())) {
                cards.add(card("ROC AUC", Formats.fixed4(c.rocAuc()), c.binary() ? "binary" : "one-vs-rest, macro"));
            }
            if (!Double.isNaN(c.logLoss())) {
                cards.add(card("Log loss", Formats.fixed4(c.logLoss()), "of the predicted probabilities"));
            }
        }
        Report.RegressionResult g = report.regression();
        if (g != null) {
            cards.add(card("R\u00b2", Formats.fixed4(g.r2()), Formats.count(g.yTrue().length) + " samples"));
            cards.add(card("RMSE", Formats.general(g.rmse()), "MSE " + Formats.general(g.mse())));
            cards.add(card("MAE", Formats.general(g.mae()), "mean absolute error"));
        }
        List<EpochLogs> epochs = report.epochs();
        if (!epochs.isEmpty()) {
            EpochLogs last = epochs.getLast();
            double seconds = epochs.stream().mapToDouble(EpochLogs::seconds).sum();
            cards.add(card("Epochs", Integer.toString(epochs.size()), Formats.duration(seconds) + " of training"));
            cards.add(card("Final loss", Formats.general(last.trainLoss()), last.hasValidation()
                    ? "validation " + Formats.general(last.validationLoss()) : "training"));
            EpochLogs best = bestValidation(epochs);
            if (best != null) {
                cards.add(card("Best val. acc.", Formats.percent(best.validationAccuracy()),
                        "epoch " + (best.epoch() + 1)));
            }
        }
        if (cards.isEmpty()) {
            return;
        }
        open("Summary");
        out.append("<div class=\"cards\">\n");
        for (String[] card : cards) {
            out.append("<div class=\"card\"><div class=\"label\">").append(Html.escape(card[0]))
                    .append("</div><div class=\"value\">").append(Html.escape(card[1]))
                    .append("</div><div class=\"detail\">").append(Html.escape(card[2])).append("</div></div>\n");
        }
        out.append("</div>\n");
        report.stopReason().ifPresent(reason -> out.append("<p class=\"callout\">Training stopped early: ")
                .append(Html.escape(reason)).append("</p>\n"));
        close();
    }

    private static String[] card(String label, String value, String detail) {
        return new String[] {label, value, detail};
    }

    private static EpochLogs bestValidation(List<EpochLogs> epochs) {
        EpochLogs best = null;
        for (EpochLogs e : epochs) {
            if (!Double.isNaN(e.validationAccuracy()) && (best == null || e.validationAccuracy() > best.validationAccuracy())) {
                best = e;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------------------------------------
    // Training

    private void training() {
        List<EpochLogs> epochs = report.epochs();
        if (epochs.isEmpty()) {
            return;
        }
        open("Training");
        out.append("<div class=\"figures\">\n");
        figure(Report.LOSS_FILE, null);
        figure(Report.ACCURACY_FILE, null);
        out.append("</div>\n");
        boolean trainAcc = epochs.stream().anyMatch(e -> !Double.isNaN(e.trainAccuracy()));
        boolean valLoss = epochs.stream().anyMatch(EpochLogs::hasValidation);
        boolean valAcc = epochs.stream().anyMatch(e -> !Double.isNaN(e.validationAccuracy()));
        out.append("<details><summary>Values per epoch</summary>\n<div class=\"scroll\"><table>\n<thead><tr>");
        th("epoch", true);
        th("loss", true);
        if (trainAcc) {
            th("accuracy", true);
        }
        if (valLoss) {
            th("val. loss", true);
        }
        if (valAcc) {
            th("val. accuracy", true);
        }
        th("learning rate", true);
        th("seconds", true);
        out.append("</tr></thead>\n<tbody>\n");
        for (EpochLogs e : epochs) {
            out.append("<tr>");
            td(Integer.toString(e.epoch() + 1), true);
            td(Formats.general(e.trainLoss()), true);
            if (trainAcc) {
                td(Formats.fixed4(e.trainAccuracy()), true);
            }
            if (valLoss) {
                td(Formats.general(e.validationLoss()), true);
            }
            if (valAcc) {
                td(Formats.fixed4(e.validationAccuracy()), true);
            }
            td(String.format(Locale.ROOT, "%.4g", e.learningRate()), true);
            td(String.format(Locale.ROOT, "%.2f", e.seconds()), true);
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div></details>\n");
        close();
    }

    // ---------------------------------------------------------------------------------------------
    // Evaluation

    private void classification() {
        ClassificationResult c = report.classification();
        if (c == null) {
            return;
        }
        open("Evaluation on " + Formats.count(c.report().total()) + " samples");
        out.append("<div class=\"figures\">\n");
        figure(Report.CONFUSION_FILE, "Rows are true classes, columns predicted classes; the diagonal holds the"
                + " correct predictions. Colour shows each cell's share of its row, so the diagonal reads as recall.");
        if (charts.containsKey(Report.ROC_FILE)) {
            String caption = c.binary()
                    ? "True against false positive rate as the decision threshold falls; the area under the curve (AUC)"
                      + " is the chance that a random positive scores above a random negative."
                    : "Each class against all others. AUC 0.5 is chance (the dashed diagonal), 1 is perfect.";
            if (c.someCurveUndefined()) {
                caption += " Classes marked n/a have no samples in the evaluation data (or nothing else does), so"
                        + " their curve is undefined and left out of the average.";
            }
            figure(Report.ROC_FILE, caption);
        }
        out.append("</div>\n");
        close();
        perClassTable(c);
    }

    private void perClassTable(ClassificationResult c) {
        ClassificationReport r = c.report();
        open("Per-class metrics");
        out.append("<div class=\"scroll\"><table>\n<thead><tr>");
        th("class", false);
        th("precision", true);
        th("recall", true);
        th("F1", true);
        th("support", true);
        out.append("</tr></thead>\n<tbody>\n");
        for (int k = 0; k < r.numClasses(); k++) {
            out.append("<tr>");
            td(r.className(k), false);
            td(Formats.fixed4(r.precision(k)), true);
            td(Formats.fixed4(r.recall(k)), true);
            double f1 = r.f1(k);
            out.append("<td class=\"num bar\" style=\"--w: ")
                    .append(String.format(Locale.ROOT, "%.1f%%", 100 * f1)).append("\">")
                    .append(Formats.fixed4(f1)).append("</td>");
            td(Formats.count(r.support(k)), true);
            out.append("</tr>\n");
        }
        out.append("<tr class=\"total\">");
        td("accuracy", false);
        td("", true);
        td("", true);
        td(Formats.fixed4(r.accuracy()), true);
        td(Formats.count(r.total()), true);
        out.append("</tr>\n");
        averageRow(r, "macro avg", Average.MACRO);
        averageRow(r, "weighted avg", Average.WEIGHTED);
        out.append("</tbody></table></div>\n");
        out.append("<p class=\"hint\">Precision: share of the predictions of a class that are right. Recall: share of"
                + " the samples of a class that are found. F1: their harmonic mean. Support: samples of the class.</p>\n");
        close();
    }

    private void averageRow(ClassificationReport r, String label, Average a) {
        out.append("<tr class=\"total\">");
        td(label, false);
        td(Formats.fixed4(r.precision(a)), true);
        td(Formats.fixed4(r.recall(a)), true);
        td(Formats.fixed4(r.f1(a)), true);
        td(Formats.count(r.total()), true);
        out.append("</tr>\n");
    }

    private void regression() {
        Report.RegressionResult g = report.regression();
        if (g == null) {
            return;
        }
        open("Regression metrics");
        out.append("<div class=\"figures\">\n<div class=\"scroll\"><table>\n<thead><tr>");
        th("metric", false);
        th("value", true);
        out.append("</tr></thead>\n<tbody>\n");
        String[][] rows = {
            {"mean squared error (MSE)", Formats.general(g.mse())},
            {"root mean squared error (RMSE)", Formats.general(g.rmse())},
            {"mean absolute error (MAE)", Formats.general(g.mae())},
            {"coefficient of determination (R\u00b2)", Formats.fixed4(g.r2())},
            {"samples", Formats.count(g.yTrue().length)},
        };
        for (String[] row : rows) {
            out.append("<tr>");
            td(row[0], false);
            td(row[1], true);
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div>\n");
        figure(Report.SCATTER_FILE, "Each point is a sample; points on the dashed line are predicted exactly.");
        out.append("</div>\n");
        close();
    }

    // ---------------------------------------------------------------------------------------------
    // Tables

    private void comparison() {
        ComparisonTable t = report.comparison();
        if (t.isEmpty()) {
            return;
        }
        open("Model comparison");
        List<String> columns = t.columns();
        List<String> models = t.models();
        List<List<String>> formatted = columns.stream().map(t::formatColumn).toList();
        out.append("<div class=\"scroll\"><table>\n<thead><tr>");
        th("model", false);
        for (String column : columns) {
            ComparisonTable.Direction d = ComparisonTable.direction(column);
            th(column + (d == ComparisonTable.Direction.HIGHER ? " \u2191" : d == ComparisonTable.Direction.LOWER ? " \u2193" : ""), true);
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int m = 0; m < models.size(); m++) {
            out.append("<tr>");
            td(models.get(m), false);
            for (int k = 0; k < columns.size(); k++) {
                boolean best = t.isBest(models.get(m), columns.get(k));
                out.append(best ? "<td class=\"num best\">" : "<td class=\"num\">")
                        .append(Html.escape(formatted.get(k).get(m))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div>\n");
        out.append("<p class=\"hint\">\u2191 higher is better, \u2193 lower is better; the best value of each such"
                + " column is highlighted.</p>\n");
        close();
    }

    private void extraTable(Report.ExtraTable t) {
        open(t.heading());
        boolean[] numeric = new boolean[t.header().size()];
        for (int k = 0; k < numeric.length; k++) {
            boolean all = !t.rows().isEmpty();
            for (List<String> row : t.rows()) {
                String cell = row.get(k);
                all &= cell == null || cell.isBlank() || Formats.looksNumeric(cell);
            }
            numeric[k] = all;
        }
        out.append("<div class=\"scroll\"><table>\n<thead><tr>");
        for (int k = 0; k < numeric.length; k++) {
            th(t.header().get(k), numeric[k]);
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            out.append("<tr>");
            for (int k = 0; k < numeric.length; k++) {
                td(row.get(k) == null ? "" : row.get(k), numeric[k]);
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div>\n");
        close();
    }

    // ---------------------------------------------------------------------------------------------
    // Markup

    private void open(String heading) {
        out.append("<section>\n<h2>").append(Html.escape(heading)).append("</h2>\n");
    }

    private void close() {
        out.append("</section>\n");
    }

    private void figure(String file, String caption) {
        Report.Chart chart = charts.get(file);
        if (chart == null) {
            return;
        }
        // the figure is as wide as its image, so that a caption wraps under it
        out.append("<figure style=\"width: ").append(chart.width()).append("px\"><img src=\"").append(Html.escape(chart.name())).append("\" width=\"").append(chart.width())
                .append("\" height=\"").append(chart.height()).append("\" alt=\"").append(Html.escape(chart.alt()))
                .append("\">");
        if (caption != null) {
            out.append("<figcaption>").append(Html.escape(caption)).append("</figcaption>");
        }
        out.append("</figure>\n");
    }

    private void th(String text, boolean numeric) {
        out.append(numeric ? "<th class=\"num\">" : "<th>").append(Html.escape(text)).append("</th>");
    }

    private void td(String text, boolean numeric) {
        out.append(numeric ? "<td class=\"num\">" : "<td>").append(Html.escape(text)).append("</td>");
    }
}
