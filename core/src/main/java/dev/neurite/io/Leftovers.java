package dev.neurite.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes what interrupted saves leave in a model or checkpoint folder: their temporary files,
 * and data files that neither manifest ({@value ModelIO#MODEL_FILE}, {@value Checkpoint#CHECKPOINT_FILE})
 * names any more. Only names Neurite writes are touched; data files are kept whenever a manifest
 * in the folder cannot be read, since what it names is then unknown.
 */
final class Leftovers {

    /** Temporaries of this and earlier Neurite versions, e.g. {@code .model.0123456789abcdef.tmp}. */
    private static final Pattern TEMPORARY = Pattern.compile("\\.(model|optimizer|checkpoint)\\..*\\.tmp");
    /** Data files: content-addressed ones, and the fixed names of earlier Neurite versions. */
    private static final Pattern DATA = Pattern.compile(
            "(model|optimizer)-[0-9a-f]{16}\\.(safetensors|json)|model\\.safetensors|optimizer\\.safetensors");

    private Leftovers() {
    }

    /**
     * Deletes the leftovers in {@code dir}; the caller holds the folder's lock. Best effort.
     * Returns the model manifest it read to find them (null when it read none), so that a load
     * need not parse it again.
     */
    static JsonFields remove(Path dir) {
        Path manifest = dir.resolve(ModelIO.MODEL_FILE);
        JsonFields model = readOrNull(manifest);
        Set<String> referenced = Files.exists(manifest) && model == null ? null : referenced(dir, model);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (TEMPORARY.matcher(name).matches()) {
                    delete(file, "temporary deleted");
                } else if (referenced != null && DATA.matcher(name).matches() && !referenced.contains(name)) {
                    delete(file, name.endsWith(".json") ? "old manifest deleted" : "old weights deleted");
                }
            }
        } catch (IOException ignored) {
            // leftovers only take space; the next save tries again
        }
        return model;
    }

    /** The parsed manifest, or null when it is missing or cannot be read (a load reports why). */
    private static JsonFields readOrNull(Path manifest) {
        try {
            return Files.exists(manifest) ? JsonFile.read(manifest) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void delete(Path file, String step) {
        try {
            if (Files.isRegularFile(file) && Files.deleteIfExists(file)) {
                SaveSteps.reached(step);
            }
        } catch (IOException ignored) {
            // the next save tries again
        }
    }

    /**
     * Removes the leftovers in {@code dir} when no save is running there: when the folder's lock
     * file exists (a save of this version ran there) and this process can take it. Never creates
     * a file, so loading from a folder of an earlier version or a read-only one changes nothing.
     * Returns the model manifest read under the lock, or null.
     */
    static JsonFields removeIfNoSave(Path dir) {
        Path lockFile = dir.resolve(AtomicFiles.LOCK_FILE);
        if (!Files.isRegularFile(lockFile) || !Files.isWritable(dir)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            if (lock != null) {
                return remove(dir);
            }
        } catch (IOException | OverlappingFileLockException ignored) {
            // a save holds the lock, or the file cannot be opened for writing: leave the folder alone
        }
        return null;
    }

    /**
     * The files the manifests in {@code dir} name, given its parsed model manifest ({@code model},
     * null when there is none); null when there is no manifest or one cannot be read.
     */
    private static Set<String> referenced(Path dir, JsonFields model) {
        Set<String> names = new HashSet<>();
        try {
            boolean any = false;
            if (model != null) {
                names.add(ModelIO.weightsFileName(model));
                any = true;
            }
            Path checkpoint = dir.resolve(Checkpoint.CHECKPOINT_FILE);
            if (Files.exists(checkpoint)) {
                Checkpoint.FileNames files = Checkpoint.files(JsonFile.read(checkpoint));
                names.add(files.model());
                names.add(files.optimizer());
                names.add(ModelIO.weightsFileName(JsonFile.read(dir.resolve(files.model()))));
                any = true;
            }
            return any ? names : null;
        } catch (IOException e) {
            return null;
        }
    }
}
