package dev.neurite.report;

import dev.neurite.metrics.ClassificationMetrics;
import dev.neurite.metrics.ClassificationReport;
import dev.neurite.metrics.RegressionMetrics;
import dev.neurite.tensor.Tensor;
import dev.neurite.train.History;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Temporary stand-in for the HTML training report: the same builder API, writing one plain
 * HTML page (tables and text, no images). Replaced by the real report package.
 */
public final class Report {

    private final String html;

    private Report(String html) {
        this.html = html;
    }

    /** A builder of a report titled {@code title}. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Writes {@code dir/report.html} atomically (temp + rename); returns its path. */
    public Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve("report.html");
        Path tmp = Files.createTempFile(dir, ".report", ".tmp");
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** Collects the sections of a report. */
    public static final class Builder {
        private final String title;
        private final StringBuilder body = new StringBuilder();
        private boolean classification;
        private boolean regression;

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        public Builder command(String command) {
            body.append("<pre>").append(escape(command)).append("</pre>\n");
            return this;
        }

        public Builder history(History history) {
            body.append("<h2>History</h2>\n<pre>").append(escape(history.table())).append("</pre>\n");
            return this;
        }

        public Builder classification(int[] yTrue, Tensor scores, List<String> classNames) {
            if (regression) {
                throw new IllegalStateException("a report is either classification or regression");
            }
            classification = true;
            int[] predicted = ClassificationMetrics.predictions(scores);
            ClassificationReport cr = ClassificationReport.of(yTrue, predicted, classNames.toArray(String[]::new));
            body.append("<h2>Classification</h2>\n<pre>").append(escape(cr.format(4))).append("</pre>\n");
            return this;
        }

        public Builder regression(double[] yTrue, double[] yPred) {
            if (classification) {
                throw new IllegalStateException("a report is either classification or regression");
            }
            regression = true;
            body.append(String.format(Locale.ROOT, "<h2>Regression</h2>\n<p>MSE %.6g, RMSE %.6g, MAE %.6g, R^2 %.6g</p>\n",
                    RegressionMetrics.mse(yTrue, yPred), RegressionMetrics.rmse(yTrue, yPred),
                    RegressionMetrics.mae(yTrue, yPred), RegressionMetrics.r2(yTrue, yPred)));
            return this;
        }

        public Builder comparison(String model, Map<String, Double> metrics) {
            List<List<String>> rows = new ArrayList<>();
            metrics.forEach((k, v) -> rows.add(List.of(k, String.format(Locale.ROOT, "%.4f", v))));
            return table("Model: " + model, List.of("metric", "value"), rows);
        }

        public Builder table(String heading, List<String> header, List<List<String>> rows) {
            body.append("<h2>").append(escape(heading)).append("</h2>\n<table>\n<tr>");
            header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
            body.append("</tr>\n");
            for (List<String> row : rows) {
                body.append("<tr>");
                row.forEach(c -> body.append("<td>").append(escape(c)).append("</td>"));
                body.append("</tr>\n");
            }
            body.append("</table>\n");
            return this;
        }

        public Builder note(String text) {
            body.append("<p>").append(escape(text)).append("</p>\n");
            return this;
        }

        public Report build() {
            return new Report("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title)
                    + "</title></head><body>\n<h1>" + escape(title) + "</h1>\n" + body + "</body></html>\n");
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
