package dev.neurite.report;

import dev.neurite.metrics.ConfusionMatrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;

/**
 * The confusion matrix as a heatmap: rows are true classes, columns predicted classes, each cell
 * shows its count and is coloured by its share of the row (the recall of the diagonal), so that
 * classes of different sizes read alike. A colour bar explains the scale.
 */
final class ConfusionHeatmap {

    /** Side of the matrix to aim for, in CSS pixels. */
    private static final double MATRIX_SIDE = 520;
    private static final double MIN_CELL = 12;
    private static final double MAX_CELL = 96;
    /** Cells narrower than this carry no count. */
    private static final double MIN_CELL_FOR_TEXT = 20;
    /** Cells at least this tall also show the row share under the count. */
    private static final double MIN_CELL_FOR_SHARE = 44;
    private static final double MAX_LABEL_WIDTH = 150;
    private static final double TOP = 58;
    private static final double BAR_WIDTH = 14;
    private static final float LABEL_FONT = 12;

    /** The rendered chart and its size in CSS pixels. */
    record Image(byte[] png, int width, int height) {
    }

    private ConfusionHeatmap() {
    }

    static Image render(ConfusionMatrix cm, List<String> classNames) {
        int n = cm.numClasses();
        double cell = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor(MATRIX_SIDE / n)));
        double side = cell * n;

        // measure the labels on a scratch canvas: the image size depends on them
        ChartCanvas probe = new ChartCanvas(1, 1);
        Font labelFont = ChartCanvas.font(cell < 16 ? 10 : LABEL_FONT, false);
        probe.graphics().setFont(labelFont);
        double labelWidth = 0;
        for (String name : classNames) {
            labelWidth = Math.max(labelWidth, probe.textWidth(probe.fit(name, MAX_LABEL_WIDTH)));
        }
        boolean rotate = labelWidth > cell - 6;
        // steeper labels for narrow columns, so that neighbouring labels do not overlap
        double angle = cell >= 36 ? 40 : cell >= 22 ? 65 : 90;
        double xLabelHeight = rotate
                ? labelWidth * Math.sin(Math.toRadians(angle)) + 14
                : 18;

        double matrixLeft = 30 + labelWidth + 10;
        int width = (int) Math.ceil(matrixLeft + side + 28 + BAR_WIDTH + 56);
        int height = (int) Math.ceil(TOP + side + 8 + xLabelHeight + 34);
        ChartCanvas c = new ChartCanvas(width, height);
        Graphics2D g = c.graphics();

        long[][] counts = cm.counts();
        for (int t = 0; t < n; t++) {
            long rowTotal = cm.support(t);
            for (int p = 0; p < n; p++) {
                double share = rowTotal == 0 ? 0 : (double) counts[t][p] / rowTotal;
                Color fill = Palette.blues(share);
                double x = matrixLeft + p * cell;
                double y = TOP + t * cell;
                g.setColor(fill);
                g.fill(new Rectangle2D.Double(x, y, cell, cell));
                if (cell >= MIN_CELL_FOR_TEXT) {
                    drawCount(c, counts[t][p], share, rowTotal > 0, t == p, fill, x + cell / 2, y + cell / 2, cell);
                }
            }
        }
        // thin white separators keep neighbouring cells of similar colour apart
        g.setColor(Color.WHITE);
        g.setStroke(ChartCanvas.solid(cell < 20 ? 0.5f : 1f));
        for (int i = 1; i < n; i++) {
            g.draw(new Line2D.Double(matrixLeft + i * cell, TOP, matrixLeft + i * cell, TOP + side));
            g.draw(new Line2D.Double(matrixLeft, TOP + i * cell, matrixLeft + side, TOP + i * cell));
        }
        g.setColor(ChartCanvas.AXIS);
        g.setStroke(ChartCanvas.solid(1));
        g.draw(new Rectangle2D.Double(matrixLeft, TOP, side, side));

        g.setFont(labelFont);
        g.setColor(ChartCanvas.TEXT);
        for (int i = 0; i < n; i++) {
            String name = c.fit(classNames.get(i), MAX_LABEL_WIDTH);
            c.text(name, matrixLeft - 8, TOP + (i + 0.5) * cell, ChartCanvas.Align.RIGHT);
            double cx = matrixLeft + (i + 0.5) * cell;
            if (rotate) {
                c.rotatedText(name, angle == 90 ? cx : cx + 4, TOP + side + 10, -angle, ChartCanvas.Align.RIGHT);
            } else {
                c.text(name, cx, TOP + side + 14, ChartCanvas.Align.CENTER);
            }
        }

        g.setFont(ChartCanvas.font(12.5f, false));
        c.text("predicted class", matrixLeft + side / 2, height - 18, ChartCanvas.Align.CENTER);
        c.rotatedText("true class", 14, TOP + side / 2, -90, ChartCanvas.Align.CENTER);

        drawColourBar(c, matrixLeft + side + 28, TOP, side);

        g.setColor(ChartCanvas.TEXT);
        g.setFont(ChartCanvas.font(14, true));
        c.text("Confusion matrix", 14, 18, ChartCanvas.Align.LEFT);
        g.setFont(ChartCanvas.font(11.5f, false));
        g.setColor(ChartCanvas.MUTED);
        c.text("counts; colour = share of the true class (row)", 14, 38, ChartCanvas.Align.LEFT);
        return new Image(c.png(), width, height);
    }

    private static void drawCount(ChartCanvas c, long count, double share, boolean rowHasSamples, boolean diagonal,
                                  Color fill, double cx, double cy, double cell) {
        Graphics2D g = c.graphics();
        Color ink = Palette.textOn(fill);
        if (count == 0) {
            ink = new Color(0xb0, 0xb6, 0xbd); // zeros recede
        }
        g.setColor(ink);
        float size = (float) Math.min(13, Math.max(8, cell * 0.26));
        g.setFont(ChartCanvas.font(size, diagonal));
        String text = compact(count);
        if (c.textWidth(text) > cell - 4) {
            g.setFont(ChartCanvas.font(size * 0.8f, diagonal));
        }
        boolean withShare = cell >= MIN_CELL_FOR_SHARE && count > 0 && rowHasSamples;
        c.text(text, cx, withShare ? cy - 6 : cy, ChartCanvas.Align.CENTER);
        if (withShare) {
            g.setFont(ChartCanvas.font(size * 0.78f, false));
            c.text(sharePercent(share), cx, cy + 9, ChartCanvas.Align.CENTER);
        }
    }

    /** Counts in full up to 99,999, then as 123k or 1.2M. */
    static String compact(long count) {
        if (count < 100_000) {
            return Formats.count(count);
        }
        if (count < 10_000_000) {
            return Math.round(count / 1000.0) + "k";
        }
        return String.format(Locale.ROOT, "%.1fM", count / 1e6);
    }

    private static String sharePercent(double share) {
        double pct = 100 * share;
        return pct >= 9.95 || pct == 0 ? String.format(Locale.ROOT, "%.0f%%", pct)
                : String.format(Locale.ROOT, "%.1f%%", pct);
    }

    private static void drawColourBar(ChartCanvas c, double x, double top, double side) {
        Graphics2D g = c.graphics();
        int steps = 100;
        for (int i = 0; i < steps; i++) {
            double t0 = (double) i / steps;
            g.setColor(Palette.blues(1 - t0 - 0.5 / steps));
            g.fill(new Rectangle2D.Double(x, top + t0 * side, BAR_WIDTH, side / steps + 0.5));
        }
        g.setColor(ChartCanvas.AXIS);
        g.setStroke(ChartCanvas.solid(1));
        g.draw(new Rectangle2D.Double(x, top, BAR_WIDTH, side));
        g.setFont(ChartCanvas.font(11, false));
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = top + side * (1 - pct / 100.0);
            g.setColor(ChartCanvas.AXIS);
            g.draw(new Line2D.Double(x + BAR_WIDTH, y, x + BAR_WIDTH + 4, y));
            g.setColor(ChartCanvas.MUTED);
            c.text(pct + "%", x + BAR_WIDTH + 7, y, ChartCanvas.Align.LEFT);
        }
    }
}
