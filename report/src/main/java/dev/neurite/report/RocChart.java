package dev.neurite.report;

import dev.neurite.metrics.RocCurve;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.List;

/**
 * ROC curves: one per class against the rest (or the single curve of a binary problem) on a
 * square plot, with the chance diagonal and a legend beside the plot that gives each class's AUC.
 */
final class RocChart {

    /** Height of the chart with up to 20 classes; more make it taller for the legend. */
    static final int MIN_HEIGHT = 500;
    /** Legend names longer than this are shortened. */
    private static final double MAX_NAME_WIDTH = 300;

    private static final double TOP = 46;
    private static final double BOTTOM = 54;
    private static final double LEGEND_GAP = 30;
    private static final double RIGHT = 16;
    private static final double SWATCH = 26;

    /**
     * One curve of the chart.
     *
     * @param label legend text (a class name)
     * @param curve the curve, or null where it is undefined (the class has no samples, or only)
     */
    record Entry(String label, RocCurve curve) {
    }

    /** The rendered chart and its size in CSS pixels. */
    record Image(byte[] png, int width, int height) {
    }

    private RocChart() {
    }

    /**
     * @param title chart title
     * @param macroAuc the mean AUC to show under the legend, NaN for none
     */
    static Image render(String title, List<Entry> entries, double macroAuc) {
        int n = entries.size();
        double rowHeight = n <= 20 ? 20 : 15;
        float legendFont = n <= 20 ? 12 : 10.5f;
        double plotSide = MIN_HEIGHT - TOP - BOTTOM;
        double legendHeight = (n + 2.5) * rowHeight;
        int height = (int) Math.ceil(Math.max(MIN_HEIGHT, TOP + legendHeight + 16));

        // the width follows the legend: measure the names first
        ChartCanvas probe = new ChartCanvas(1, 1);
        probe.graphics().setFont(ChartCanvas.font(legendFont, true));
        double names = probe.textWidth("macro average");
        probe.graphics().setFont(ChartCanvas.font(legendFont, false));
        for (Entry e : entries) {
            names = Math.max(names, probe.textWidth(probe.fit(e.label(), MAX_NAME_WIDTH)));
        }
        double aucWidth = probe.textWidth("0.0000");
        Ticks ticks = new Ticks(-0.02, 1.02, 0.2);
        double left = PlotArea.leftMargin(probe, ticks);
        double legendLeft = left + plotSide + LEGEND_GAP;
        int width = (int) Math.ceil(legendLeft + SWATCH + 8 + names + 24 + aucWidth + RIGHT);

        ChartCanvas c = new ChartCanvas(width, height);
        Graphics2D g = c.graphics();
        PlotArea plot = new PlotArea(left, TOP, plotSide, plotSide, ticks, ticks);
        plot.drawAxes(c, "false positive rate", "true positive rate");

        Shape clip = g.getClip();
        g.clip(plot.bounds());
        g.setColor(ChartCanvas.AXIS);
        g.setStroke(ChartCanvas.dashed(1.2f));
        g.draw(new Line2D.Double(plot.px(0), plot.py(0), plot.px(1), plot.py(1)));
        // draw the first classes last so that they stay on top where curves overlap
        for (int i = n - 1; i >= 0; i--) {
            RocCurve curve = entries.get(i).curve();
            if (curve == null) {
                continue;
            }
            double[] fpr = curve.fpr();
            double[] tpr = curve.tpr();
            Path2D.Double path = new Path2D.Double();
            path.moveTo(plot.px(fpr[0]), plot.py(tpr[0]));
            for (int k = 1; k < fpr.length; k++) {
                path.lineTo(plot.px(fpr[k]), plot.py(tpr[k]));
            }
            g.setColor(Palette.series(i));
            g.setStroke(stroke(i));
            g.draw(path);
        }
        g.setClip(clip);

        drawLegend(c, entries, macroAuc, legendLeft, width - RIGHT, rowHeight, legendFont);

        g.setColor(ChartCanvas.TEXT);
        g.setFont(ChartCanvas.font(14, true));
        c.text(title, left, 20, ChartCanvas.Align.LEFT);
        return new Image(c.png(), width, height);
    }

    private static Stroke stroke(int i) {
        // colours repeat after the palette runs out; the line style tells those curves apart
        return switch (i / Palette.size() % 3) {
            case 0 -> ChartCanvas.solid(2);
            case 1 -> ChartCanvas.dashed(2);
            default -> ChartCanvas.dotted(2.2f);
        };
    }

    private static void drawLegend(ChartCanvas c, List<Entry> entries, double macroAuc, double left, double right,
                                   double rowHeight, float fontSize) {
        Graphics2D g = c.graphics();
        g.setFont(ChartCanvas.font(fontSize, true));
        g.setColor(ChartCanvas.MUTED);
        double y = TOP + rowHeight / 2;
        c.text("class", left + SWATCH + 8, y, ChartCanvas.Align.LEFT);
        c.text("AUC", right, y, ChartCanvas.Align.RIGHT);
        double nameWidth = right - (c.textWidth("0.0000") + 24) - (left + SWATCH + 8);
        g.setFont(ChartCanvas.font(fontSize, false));
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            y = TOP + (i + 1.5) * rowHeight;
            g.setColor(Palette.series(i));
            g.setStroke(stroke(i));
            if (e.curve() != null) {
                g.draw(new Line2D.Double(left, y, left + SWATCH, y));
            }
            g.setColor(ChartCanvas.TEXT);
            c.text(c.fit(e.label(), nameWidth), left + SWATCH + 8, y, ChartCanvas.Align.LEFT);
            c.text(e.curve() == null ? "n/a" : Formats.fixed4(e.curve().auc()), right, y, ChartCanvas.Align.RIGHT);
        }
        if (!Double.isNaN(macroAuc)) {
            y = TOP + (entries.size() + 1.1) * rowHeight;
            g.setColor(ChartCanvas.GRID);
            g.setStroke(ChartCanvas.solid(1));
            g.draw(new Line2D.Double(left, y, right, y));
            y += rowHeight * 0.8;
            g.setColor(ChartCanvas.TEXT);
            g.setFont(ChartCanvas.font(fontSize, true));
            c.text("macro average", left + SWATCH + 8, y, ChartCanvas.Align.LEFT);
            c.text(Formats.fixed4(macroAuc), right, y, ChartCanvas.Align.RIGHT);
        }
    }
}
