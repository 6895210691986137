package dev.neurite.report;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/**
 * The rectangle of a chart where data is drawn, with linear x and y scales, a light grid, tick
 * labels and axis titles around it.
 */
final class PlotArea {

    private static final double TICK_LENGTH = 4;
    private static final double TICK_GAP = 6;
    private static final float TICK_FONT = 11.5f;
    private static final float LABEL_FONT = 12.5f;

    private final double left;
    private final double top;
    private final double width;
    private final double height;
    private final Ticks x;
    private final Ticks y;

    PlotArea(double left, double top, double width, double height, Ticks x, Ticks y) {
        this.left = left;
        this.top = top;
        this.width = width;
        this.height = height;
        this.x = x;
        this.y = y;
    }

    /** Room the y tick labels need left of the plot, including the axis title. */
    static double leftMargin(ChartCanvas c, Ticks y) {
        double widest = 0;
        for (double v : y.values()) {
            widest = Math.max(widest, c.textWidth(y.label(v), ChartCanvas.font(TICK_FONT, false)));
        }
        return 24 + widest + TICK_GAP + TICK_LENGTH + 4;
    }

    double left() {
        return left;
    }

    double top() {
        return top;
    }

    double right() {
        return left + width;
    }

    double bottom() {
        return top + height;
    }

    /** Horizontal pixel of data value {@code v}. */
    double px(double v) {
        return left + (v - x.lo()) / (x.hi() - x.lo()) * width;
    }

    /** Vertical pixel of data value {@code v}. */
    double py(double v) {
        return top + height - (v - y.lo()) / (y.hi() - y.lo()) * height;
    }

    /** The data rectangle, for clipping series to it. */
    Shape bounds() {
        return new Rectangle2D.Double(left, top, width, height);
    }

    /** Grid, axes, tick labels and the two axis titles. */
    void drawAxes(ChartCanvas c, String xTitle, String yTitle) {
        Graphics2D g = c.graphics();
        g.setStroke(ChartCanvas.solid(1));
        g.setColor(ChartCanvas.GRID);
        for (double v : y.values()) {
            g.draw(new Line2D.Double(left, py(v), right(), py(v)));
        }
        for (double v : x.values()) {
            g.draw(new Line2D.Double(px(v), top, px(v), bottom()));
        }
        g.setColor(ChartCanvas.AXIS);
        g.draw(new Line2D.Double(left, bottom(), right(), bottom()));
        g.draw(new Line2D.Double(left, top, left, bottom()));

        g.setFont(ChartCanvas.font(TICK_FONT, false));
        for (double v : y.values()) {
            g.setColor(ChartCanvas.AXIS);
            g.draw(new Line2D.Double(left - TICK_LENGTH, py(v), left, py(v)));
            g.setColor(ChartCanvas.MUTED);
            c.text(y.label(v), left - TICK_LENGTH - TICK_GAP, py(v), ChartCanvas.Align.RIGHT);
        }
        for (double v : x.values()) {
            g.setColor(ChartCanvas.AXIS);
            g.draw(new Line2D.Double(px(v), bottom(), px(v), bottom() + TICK_LENGTH));
            g.setColor(ChartCanvas.MUTED);
            c.text(x.label(v), px(v), bottom() + TICK_LENGTH + TICK_GAP + 4, ChartCanvas.Align.CENTER);
        }

        g.setColor(ChartCanvas.TEXT);
        g.setFont(ChartCanvas.font(LABEL_FONT, false));
        c.text(xTitle, left + width / 2, bottom() + 36, ChartCanvas.Align.CENTER);
        c.rotatedText(yTitle, 12, top + height / 2, -90, ChartCanvas.Align.CENTER);
    }
}
