package dev.neurite.train;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints training progress. On a terminal it redraws one line per epoch in place (bar, samples
 * per second, time left, running loss) and ends it with the epoch's results; elsewhere (output
 * redirected to a file or a pipe, where carriage returns make a mess) it prints one plain line
 * per epoch.
 */
public final class ProgressBar implements Callback {

    private static final int BAR_WIDTH = 24;
    /** Redraw at most this often: printing every step would cost more than small steps do. */
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean terminal;

    private int epochs;
    private int rows;
    private int batch;
    private long epochStart;
    private long lastDraw;
    private int lastLength;
    private boolean lineOpen;
    private int seen;
    private double lossSum;

    /** A progress bar on {@code out}, redrawing in place only when this JVM runs on a terminal. */
    public ProgressBar(PrintStream out) {
        this(out, runsOnTerminal());
    }

    /** A progress bar on {@code out}; {@code terminal} chooses in-place redraws or plain lines. */
    public ProgressBar(PrintStream out, boolean terminal) {
        if (out == null) {
            throw new IllegalArgumentException("ProgressBar needs an output stream");
        }
        this.out = out;
        this.terminal = terminal;
    }

    /** True when standard input and output are an interactive terminal. */
    public static boolean runsOnTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public void onTrainBegin(Trainer trainer) {
        epochs = trainer.epochs();
        rows = trainer.trainingRows();
        batch = Math.min(trainer.batchSize(), rows);
    }

    @Override
    public void onEpochBegin(int epoch) {
        epochStart = System.nanoTime();
        lastDraw = 0;
        lastLength = 0;
        seen = 0;
        lossSum = 0;
    }

    @Override
    public void onBatchEnd(int epoch, int step, double loss) {
        int stepRows = Math.min(batch, rows - step * batch);
        seen += stepRows;
        lossSum += loss * stepRows;
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && seen < rows) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-9, (now - epochStart) / 1e9);
        double rate = seen / seconds;
        int filled = (int) ((long) BAR_WIDTH * seen / rows);
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + ".".repeat(BAR_WIDTH - filled - 1) : "");
        redraw(String.format(Locale.ROOT, "epoch %d/%d [%s] %d/%d  %.0f samples/s  ETA %.1fs  loss %.6g",
                epoch + 1, epochs, bar, seen, rows, rate, (rows - seen) / rate, lossSum / seen));
    }

    @Override
    public boolean onEpochEnd(int epoch, EpochLogs logs) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "epoch %d/%d  %d samples  %.2fs  %.0f samples/s  loss %.6g",
                epoch + 1, epochs, logs.samples(), logs.seconds(),
                logs.samples() / Math.max(1e-9, logs.seconds()), logs.trainLoss()));
        append(line, "acc %.4f", logs.trainAccuracy());
        append(line, "val_loss %.6g", logs.validationLoss());
        append(line, "val_acc %.4f", logs.validationAccuracy());
        append(line, "lr %.4g", logs.learningRate());
        if (terminal) {
            redraw(line.toString());
            out.println();
            lineOpen = false;
        } else {
            out.println(line);
        }
        out.flush();
        return false;
    }

    @Override
    public void onTrainEnd(History history) {
        if (lineOpen) {
            out.println(); // an epoch stopped half-way leaves its bar unfinished
            lineOpen = false;
        }
        history.stopReason().ifPresent(reason -> out.println("stopped: " + reason));
        out.flush();
    }

    private static void append(StringBuilder line, String format, double value) {
        if (!Double.isNaN(value)) {
            line.append("  ").append(String.format(Locale.ROOT, format, value));
        }
    }

    /** Overwrites the current line, blanking what a longer previous text left behind. */
    private void redraw(String text) {
        int pad = Math.max(0, lastLength - text.length());
        out.print("\r" + text + " ".repeat(pad));
        out.flush();
        lastLength = text.length();
        lineOpen = true;
    }
}
