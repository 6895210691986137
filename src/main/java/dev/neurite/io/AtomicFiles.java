package dev.neurite.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Replaces a group of files in one directory so that a failure never leaves a partial file.
 * {@link #stage} writes each file to a hidden temporary file in the same directory and forces it
 * to the device; {@link #commit} then renames the temporaries over the targets with
 * {@code ATOMIC_MOVE}, in staging order, and forces the directory where the platform allows it.
 * {@link #close} deletes every temporary not committed, so after a failed write the directory
 * holds exactly what it held before.
 *
 * <p>Each rename is atomic, the group is not: a crash between two renames leaves some new and
 * some old files. Model files record the SHA-256 of the files they go with, so a load detects
 * such a mix; stage the file that records the others last.
 */
final class AtomicFiles implements AutoCloseable {

    /** Writes one file's bytes. */
    @FunctionalInterface
    interface Content {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private record Staged(Path temp, Path target) {
    }

    private final Path dir;
    private final UnaryOperator<WritableByteChannel> channels;
    private final List<Staged> staged = new ArrayList<>();

    /**
     * Files for {@code dir}, created if missing. {@code channels} wraps the channel each file is
     * written through (the identity, except in tests that inject a failing write).
     */
    AtomicFiles(Path dir, UnaryOperator<WritableByteChannel> channels) throws IOException {
        this.dir = dir;
        this.channels = channels;
        Files.createDirectories(dir);
    }

    /** Writes {@code name}'s new content to a temporary file and returns the content's SHA-256 (hex). */
    String stage(String name, Content content) throws IOException {
        Path target = dir.resolve(name);
        Path temp = Files.createTempFile(dir, "." + name + ".", ".tmp");
        staged.add(new Staged(temp, target));
        MessageDigest sha = sha256();
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            WritableByteChannel out = channels.apply(ch);
            content.writeTo(new WritableByteChannel() {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    ByteBuffer seen = src.duplicate();
                    int n = out.write(src);
                    sha.update(seen.limit(seen.position() + n));
                    return n;
                }

                @Override
                public boolean isOpen() {
                    return out.isOpen();
                }

                @Override
                public void close() {
                    // the file channel is closed by the enclosing try
                }
            });
            ch.force(true);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Moves every staged file over its target, in staging order, and forces the directory. */
    void commit() throws IOException {
        for (Staged s : staged) {
            try {
                Files.move(s.temp(), s.target(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + s.target() + " atomically on this file system", e);
            }
        }
        staged.clear();
        forceDirectory(dir);
    }

    /** Deletes the temporaries of a write that did not commit. */
    @Override
    public void close() {
        for (Staged s : staged) {
            try {
                Files.deleteIfExists(s.temp());
            } catch (IOException ignored) {
                // best effort: the original failure is what the caller needs to see
            }
        }
        staged.clear();
    }

    /** Makes the renames durable; some platforms (Windows) cannot open a directory, which is fine there. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported for directories on this platform
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The SHA-256 (hex) of a file's content. */
    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
