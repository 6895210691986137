package dev.neurite.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a report's files so that a reader never sees a partial one: each file goes to a hidden
 * temporary file in the output directory, is forced to the device, and is renamed over its target
 * with {@code ATOMIC_MOVE}. A failed write deletes its temporary file.
 */
final class ReportFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    /** Files in {@code dir}, created (with its parents) if missing. */
    ReportFiles(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    /** Replaces {@code dir/name} with {@code content}; returns the file's path. */
    Path write(String name, byte[] content) throws IOException {
        Path target = dir.resolve(name);
        // not Files.createTempFile: its owner-only permissions would stay on the renamed file
        Path temp = dir.resolve("." + name + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            try (FileChannel ch = channel) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically on this file system", e);
            }
            return target;
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Makes the renames durable where the platform can force a directory. */
    void sync() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // directories cannot be opened or forced on some platforms (Windows); the files are forced
        }
    }
}
