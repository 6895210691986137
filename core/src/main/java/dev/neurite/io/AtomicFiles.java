package dev.neurite.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

/**
 * Replaces the content of a folder of model files in one atomic step. Each file is written to a
 * hidden temporary file in the folder and forced to the device. Data files ({@link #stageFresh})
 * get a fresh name derived from their content's SHA-256, so putting them in place changes
 * nothing a reader looks at; the one file staged under a fixed name ({@link #stage}, the
 * manifest that names the others) is staged last and renamed over its target with
 * {@code ATOMIC_MOVE}: that rename is the commit point. A crash at any instant therefore leaves
 * the old manifest with the old files it names, or the new manifest with the new ones.
 *
 * <p>{@link #commit} renames in staging order, forces the folder before and after the commit
 * rename, and then deletes what no manifest names any more ({@link Leftovers}). {@link #close}
 * deletes every temporary not committed. The folder's lock file ({@value #LOCK_FILE}) is held
 * exclusively from construction to {@link #close}, so two saves never run in one folder at once
 * and a load never deletes a running save's files. Files are created without explicit
 * attributes, so they get the permissions the umask gives, as any other file would.
 */
final class AtomicFiles implements AutoCloseable {

    /** The hidden file saves lock; it stays in the folder (deleting a lock file races with its users). */
    static final String LOCK_FILE = ".neurite.lock";

    /** Writes one file's bytes. */
    @FunctionalInterface
    interface Content {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    /** A staged file's final name and its content's SHA-256 (hex). */
    record Written(String name, String sha256, String crc32c) {
    }

    private record Staged(String role, Path temp, Path target, boolean fresh) {
    }

    private final Path dir;
    private final UnaryOperator<WritableByteChannel> channels;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Staged> staged = new ArrayList<>();
    private final Set<Path> temporaries = new LinkedHashSet<>();

    /**
     * Files for {@code dir}, created if missing, with the folder's save lock taken.
     * {@code channels} wraps the channel each file is written through (the identity, except in
     * tests that inject a failing write).
     *
     * @throws IOException when another save holds the folder's lock
     */
    AtomicFiles(Path dir, UnaryOperator<WritableByteChannel> channels) throws IOException {
        this.dir = dir;
        this.channels = channels;
        Files.createDirectories(dir);
        lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock taken;
        try {
            taken = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            taken = null; // held by another thread of this JVM
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (taken == null) {
            lockChannel.close();
            throw new IOException(dir + ": another save to this folder is in progress; not saved");
        }
        lock = taken;
    }

    /**
     * Writes a data file named {@code prefix-<first 16 hex digits of its SHA-256>suffix};
     * {@code role} names it in the save's steps ({@code "weights"}).
     */
    Written stageFresh(String role, String prefix, String suffix, Content content) throws IOException {
        Path temp = newTemporary(prefix);
        Sums sums = write(role, temp, content);
        String name = prefix + "-" + sums.sha256().substring(0, 16) + suffix;
        staged.add(new Staged(role, temp, dir.resolve(name), true));
        return new Written(name, sums.sha256(), sums.crc32c());
    }

    /** Writes the new content of the manifest {@code name}, which {@link #commit} renames last. */
    Written stage(String role, String name, Content content) throws IOException {
        Path temp = newTemporary(name);
        Sums sums = write(role, temp, content);
        staged.add(new Staged(role, temp, dir.resolve(name), false));
        return new Written(name, sums.sha256(), sums.crc32c());
    }

    private Path newTemporary(String base) throws IOException {
        while (true) {
            Path temp = dir.resolve("." + base + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                temporaries.add(temp);
                return temp;
            } catch (FileAlreadyExistsException e) {
                // a name taken (CREATE_NEW makes the check safe, so the names need no secure random): draw another
            }
        }
    }

    private record Sums(String sha256, String crc32c) {
    }

    private Sums write(String role, Path temp, Content content) throws IOException {
        MessageDigest sha = sha256();
        CRC32C crc = new CRC32C();
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            WritableByteChannel out = channels.apply(ch);
            content.writeTo(new WritableByteChannel() {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    ByteBuffer seen = src.duplicate();
                    int n = out.write(src);
                    seen.limit(seen.position() + n);
                    crc.update(seen.duplicate());
                    sha.update(seen);
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
            SaveSteps.reached(role + " written");
            ch.force(true);
            SaveSteps.reached(role + " forced");
        }
        return new Sums(HexFormat.of().formatHex(sha.digest()), crc32cHex(crc));
    }

    /**
     * Puts the staged files in place, in staging order, the manifest last; makes the renames
     * durable; then deletes the files no manifest names any more and the temporaries of
     * interrupted saves.
     */
    void commit() throws IOException {
        boolean freshMoved = false;
        for (Staged s : staged) {
            if (!s.fresh() && freshMoved) {
                forceDirectory(dir); // the new data files' names are durable before the manifest names them
                SaveSteps.reached("directory forced");
            }
            try {
                Files.move(s.temp(), s.target(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + s.target() + " atomically on this file system", e);
            }
            temporaries.remove(s.temp());
            freshMoved |= s.fresh();
            SaveSteps.reached(s.role() + " renamed");
        }
        staged.clear();
        forceDirectory(dir);
        SaveSteps.reached("commit forced");
        Leftovers.remove(dir);
    }

    /** Deletes the temporaries of a save that did not commit and releases the folder's lock. */
    @Override
    public void close() throws IOException {
        for (Path temp : temporaries) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: the original failure is what the caller needs to see; the next save removes it
            }
        }
        temporaries.clear();
        staged.clear();
        try (FileChannel ch = lockChannel) {
            lock.release();
        }
    }

    /** Makes renames durable; some platforms (Windows) cannot open a directory, which is fine there. */
    static void forceDirectory(Path dir) {
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

    /**
     * The CRC-32C (8 hex digits) of a file's content: what a load checks, as it detects damage as
     * well as the SHA-256 does and, computed by the JVM's intrinsic from the first call, costs a
     * cold process about 2 ms per megabyte where SHA-256 costs about 50.
     */
    static String crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return crc32cHex(crc);
    }

    private static String crc32cHex(CRC32C crc) {
        return HexFormat.of().toHexDigits((int) crc.getValue());
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
