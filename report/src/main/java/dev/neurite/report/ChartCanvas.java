package dev.neurite.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A white drawing surface for one chart. Coordinates are CSS pixels; the image holds
 * {@link #SCALE} device pixels per CSS pixel so that charts stay sharp on high-density screens
 * (the page shows each image at its CSS size).
 */
final class ChartCanvas {

    /** Device pixels per CSS pixel. */
    static final int SCALE = 2;

    /** Horizontal anchor of a text. */
    enum Align { LEFT, CENTER, RIGHT }

    static final Color TEXT = new Color(0x22, 0x22, 0x22);
    static final Color MUTED = new Color(0x5f, 0x63, 0x68);
    static final Color GRID = new Color(0xe6, 0xe8, 0xeb);
    static final Color AXIS = new Color(0x9a, 0xa0, 0xa6);

    static {
        // Charts are drawn into images only; never ask for a display. Respect an explicit setting.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final int width;
    private final int height;
    private final BufferedImage image;
    private final Graphics2D g;

    ChartCanvas(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a chart needs a positive size, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(SCALE, SCALE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(TEXT);
        g.setFont(font(12, false));
    }

    /** Width in CSS pixels. */
    int width() {
        return width;
    }

    /** Height in CSS pixels. */
    int height() {
        return height;
    }

    /** The graphics, scaled to CSS pixels. */
    Graphics2D graphics() {
        return g;
    }

    static Font font(float size, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size);
    }

    static Stroke solid(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    static Stroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10,
                new float[] {6 * width / 1.5f, 3.5f * width / 1.5f}, 0);
    }

    static Stroke dotted(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10,
                new float[] {0.1f, 3 * width}, 0);
    }

    /** Width of {@code s} in the current font. */
    double textWidth(String s) {
        return g.getFontMetrics().getStringBounds(s, g).getWidth();
    }

    /** Width of {@code s} in {@code font}. */
    double textWidth(String s, Font font) {
        return g.getFontMetrics(font).getStringBounds(s, g).getWidth();
    }

    /**
     * Draws {@code s} in the current font and colour, anchored horizontally at {@code x} and
     * vertically centred on {@code y}.
     */
    void text(String s, double x, double y, Align align) {
        FontMetrics fm = g.getFontMetrics();
        double w = fm.getStringBounds(s, g).getWidth();
        double left = switch (align) {
            case LEFT -> x;
            case CENTER -> x - w / 2;
            case RIGHT -> x - w;
        };
        // centre the cap height: ascent without its internal leading, roughly 0.72 of it for Latin fonts
        double baseline = y + fm.getAscent() * 0.36;
        g.drawString(s, (float) left, (float) baseline);
    }

    /** Draws {@code s} rotated by {@code degrees} (counter-clockwise negative) about its anchor. */
    void rotatedText(String s, double x, double y, double degrees, Align align) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(Math.toRadians(degrees));
        text(s, 0, 0, align);
        g.setTransform(saved);
    }

    /** {@code s} shortened with an ellipsis to at most {@code maxWidth} in the current font. */
    String fit(String s, double maxWidth) {
        if (textWidth(s) <= maxWidth) {
            return s;
        }
        String ellipsis = "\u2026";
        int end = s.length();
        while (end > 1 && textWidth(s.substring(0, end) + ellipsis) > maxWidth) {
            end--;
            if (Character.isLowSurrogate(s.charAt(end)) && end > 1) {
                end--; // never split a surrogate pair
            }
        }
        return s.substring(0, end) + ellipsis;
    }

    /** The finished chart as PNG bytes; the canvas cannot be drawn on afterwards. */
    byte[] png() {
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG", e);
        }
        return out.toByteArray();
    }
}
