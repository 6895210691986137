package dev.neurite.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Bytes (UTF-8) written through to a {@link PrintWriter} at every line end or carriage return,
 * so that callbacks printing to a {@code PrintStream} share the command's output writer.
 */
final class WriterOutputStream extends OutputStream {

    private final PrintWriter out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    WriterOutputStream(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void write(int b) {
        pending.write(b);
        if (b == '\n' || b == '\r') {
            flush();
        }
    }

    @Override
    public void flush() {
        if (pending.size() > 0) {
            out.write(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
        out.flush();
    }
}
