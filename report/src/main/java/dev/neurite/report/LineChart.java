package dev.neurite.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.List;

/**
 * Per-epoch curves (training against validation loss or accuracy): epochs on x from 1, one line
 * per series with a marker per epoch while there are few, a legend in the header band and a ring
 * around the best point.
 */
final class LineChart {

    static final int WIDTH = 520;
    static final int HEIGHT = 340;

    private static final double TOP = 46;
    private static final double BOTTOM = 54;
    private static final double RIGHT = 18;
    /** Markers are drawn while there are at most this many epochs. */
    private static final int MAX_MARKED_POINTS = 40;

    /**
     * One curve; NaN values leave a gap.
     *
     * @param name legend text
     * @param values one value per epoch
     * @param color line colour
     * @param dashed whether the line is dashed (told apart without colour)
     */
    record Series(String name, double[] values, Color color, boolean dashed) {
    }

    /** Which point to ring: the lowest (losses) or the highest (accuracies) of the last series. */
    enum Best { LOWEST, HIGHEST }

    private LineChart() {
    }

    /**
     * The chart, or null when no series has a finite value.
     *
     * @param upperBound values are never drawn above this (1 for accuracies), NaN for none
     */
    static byte[] render(String title, String yTitle, List<Series> series, Best best, double upperBound) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int epochs = 0;
        for (Series s : series) {
            epochs = Math.max(epochs, s.values().length);
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            return null;
        }
        ChartCanvas c = new ChartCanvas(WIDTH, HEIGHT);
        Graphics2D g = c.graphics();
        Ticks yTicks = Ticks.covering(min, max, 5);
        if (!Double.isNaN(upperBound) && yTicks.hi() > upperBound && max <= upperBound) {
            yTicks = Ticks.fixed(yTicks.lo(), upperBound, yTicks.step());
        }
        Ticks xTicks = Ticks.integers(1, Math.max(1, epochs), 8, epochs <= 1 ? 1 : 0.35);
        double left = PlotArea.leftMargin(c, yTicks);
        PlotArea plot = new PlotArea(left, TOP, WIDTH - left - RIGHT, HEIGHT - TOP - BOTTOM, xTicks, yTicks);
        plot.drawAxes(c, "epoch", yTitle);

        Shape clip = g.getClip();
        g.clip(plot.bounds());
        boolean markers = epochs <= MAX_MARKED_POINTS;
        for (Series s : series) {
            drawSeries(g, plot, s, markers);
        }
        g.setClip(clip);
        ringBest(c, plot, series, best);

        g.setColor(ChartCanvas.TEXT);
        g.setFont(ChartCanvas.font(14, true));
        c.text(title, left, 20, ChartCanvas.Align.LEFT);
        drawLegend(c, series, WIDTH - RIGHT, 20);
        return c.png();
    }

    private static void drawSeries(Graphics2D g, PlotArea plot, Series s, boolean markers) {
        double[] v = s.values();
        Path2D.Double path = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                pen = false;
                continue;
            }
            double x = plot.px(i + 1);
            double y = plot.py(v[i]);
            if (pen) {
                path.lineTo(x, y);
            } else {
                path.moveTo(x, y);
                pen = true;
            }
        }
        g.setColor(s.color());
        g.setStroke(s.dashed() ? ChartCanvas.dashed(2) : ChartCanvas.solid(2));
        g.draw(path);
        if (markers) {
            g.setStroke(ChartCanvas.solid(1.5f));
            for (int i = 0; i < v.length; i++) {
                if (Double.isFinite(v[i])) {
                    Ellipse2D dot = new Ellipse2D.Double(plot.px(i + 1) - 3, plot.py(v[i]) - 3, 6, 6);
                    g.setColor(s.dashed() ? Color.WHITE : s.color());
                    g.fill(dot);
                    g.setColor(s.color());
                    g.draw(dot);
                }
            }
        }
    }

    /** Rings the best point of the last series that has one and labels its epoch. */
    private static void ringBest(ChartCanvas c, PlotArea plot, List<Series> series, Best best) {
        for (int k = series.size() - 1; k >= 0; k--) {
            double[] v = series.get(k).values();
            int at = -1;
            for (int i = 0; i < v.length; i++) {
                if (Double.isFinite(v[i]) && (at < 0 || (best == Best.LOWEST ? v[i] < v[at] : v[i] > v[at]))) {
                    at = i;
                }
            }
            if (at < 0) {
                continue;
            }
            Graphics2D g = c.graphics();
            double x = plot.px(at + 1);
            double y = plot.py(v[at]);
            g.setColor(ChartCanvas.MUTED);
            g.setStroke(ChartCanvas.dotted(1.2f));
            g.draw(new Line2D.Double(x, y, x, plot.bottom()));
            g.setColor(series.get(k).color());
            g.setStroke(ChartCanvas.solid(1.5f));
            g.draw(new Ellipse2D.Double(x - 7, y - 7, 14, 14));
            g.setFont(ChartCanvas.font(11, false));
            g.setColor(ChartCanvas.MUTED);
            String label = "best: epoch " + (at + 1);
            double labelY = best == Best.LOWEST ? y - 16 : y + 18;
            if (labelY < plot.top() + 8) {
                labelY = y + 18;
            } else if (labelY > plot.bottom() - 8) {
                labelY = y - 16;
            }
            boolean rightSide = x + 10 + c.textWidth(label) < plot.right();
            c.text(label, rightSide ? x + 8 : x - 8, labelY, rightSide ? ChartCanvas.Align.LEFT : ChartCanvas.Align.RIGHT);
            return;
        }
    }

    /** Legend entries laid out right to left, ending at {@code right}. */
    private static void drawLegend(ChartCanvas c, List<Series> series, double right, double y) {
        Graphics2D g = c.graphics();
        g.setFont(ChartCanvas.font(12, false));
        double x = right;
        for (int k = series.size() - 1; k >= 0; k--) {
            Series s = series.get(k);
            if (!hasFinite(s.values())) {
                continue;
            }
            double w = c.textWidth(s.name());
            g.setColor(ChartCanvas.TEXT);
            c.text(s.name(), x, y, ChartCanvas.Align.RIGHT);
            x -= w + 8;
            g.setColor(s.color());
            g.setStroke(s.dashed() ? ChartCanvas.dashed(2) : ChartCanvas.solid(2));
            g.draw(new Line2D.Double(x - 24, y, x, y));
            x -= 24 + 18;
        }
    }

    static boolean hasFinite(double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }
}
