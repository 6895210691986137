package dev.neurite.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;

/**
 * Predicted against true values of a regression on equal axes, with the line {@code y = x}
 * where a perfect model's points would lie. Large sets are thinned to an even sample.
 */
final class ScatterChart {

    static final int WIDTH = 560;
    static final int HEIGHT = 540;

    /** At most this many points are drawn; more only darken the cloud. */
    static final int MAX_POINTS = 20_000;

    private static final double TOP = 46;
    private static final double BOTTOM = 54;
    private static final double RIGHT = 24;

    private ScatterChart() {
    }

    static byte[] render(String title, double[] yTrue, double[] yPred) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < yTrue.length; i++) {
            min = Math.min(min, Math.min(yTrue[i], yPred[i]));
            max = Math.max(max, Math.max(yTrue[i], yPred[i]));
        }
        ChartCanvas c = new ChartCanvas(WIDTH, HEIGHT);
        Graphics2D g = c.graphics();
        Ticks ticks = Ticks.covering(min, max, 6);
        double left = PlotArea.leftMargin(c, ticks);
        double side = Math.min(WIDTH - left - RIGHT, HEIGHT - TOP - BOTTOM);
        PlotArea plot = new PlotArea(left, TOP, side, side, ticks, ticks);
        plot.drawAxes(c, "true value", "predicted value");

        Shape clip = g.getClip();
        g.clip(plot.bounds());
        int stride = Math.max(1, (yTrue.length + MAX_POINTS - 1) / MAX_POINTS);
        double radius = yTrue.length > 2000 ? 1.8 : 2.8;
        double alpha = yTrue.length > 2000 ? 0.25 : 0.55;
        g.setColor(Palette.withAlpha(Palette.TRAIN, alpha));
        for (int i = 0; i < yTrue.length; i += stride) {
            g.fill(new Ellipse2D.Double(plot.px(yTrue[i]) - radius, plot.py(yPred[i]) - radius, 2 * radius, 2 * radius));
        }
        g.setColor(Palette.VALIDATION);
        g.setStroke(ChartCanvas.dashed(1.6f));
        g.draw(new Line2D.Double(plot.px(ticks.lo()), plot.py(ticks.lo()), plot.px(ticks.hi()), plot.py(ticks.hi())));
        g.setClip(clip);

        g.setColor(ChartCanvas.TEXT);
        g.setFont(ChartCanvas.font(14, true));
        c.text(title, left, 20, ChartCanvas.Align.LEFT);
        g.setFont(ChartCanvas.font(12, false));
        double x = plot.right();
        c.text("y = x", x, 20, ChartCanvas.Align.RIGHT);
        x -= c.textWidth("y = x") + 8;
        g.setColor(Palette.VALIDATION);
        g.draw(new Line2D.Double(x - 24, 20, x, 20));
        x -= 24 + 18;
        g.setColor(ChartCanvas.TEXT);
        String points = stride == 1 ? "samples" : "samples (1 in " + stride + ")";
        c.text(points, x, 20, ChartCanvas.Align.RIGHT);
        x -= c.textWidth(points) + 10;
        g.setColor(new Color(Palette.TRAIN.getRGB()));
        g.fill(new Ellipse2D.Double(x - 4, 16, 8, 8));
        return c.png();
    }
}
