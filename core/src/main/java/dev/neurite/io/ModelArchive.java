package dev.neurite.io;

import dev.neurite.tensor.NativeMemory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A saved model as one stream: a ZIP archive of the files {@link ModelIO#save} writes
 * ({@code model.json} and the weights file it names), for models kept in a database, an object
 * store or a message rather than a folder. {@code cd model && zip ../model.zip model.json *.safetensors}
 * makes one as well as {@link #write} does.
 *
 * <p>{@link #load} copies the two files to a private temporary folder, each checked against a size
 * bound while it is copied, and loads them from there with every check of {@link ModelIO#load}
 * (sizes before allocation, the recorded checksum, the architecture); the folder is deleted before
 * it returns. Errors name the archive and the entry. Other entries (a lock file, a report) are
 * skipped; the files may sit in a folder of the archive.
 */
public final class ModelArchive {

    /** The most a {@code model.json} entry may hold; a model's manifest is kilobytes. */
    static final long MAX_MANIFEST_BYTES = 64L << 20;

    private ModelArchive() {
    }

    /**
     * Writes the model saved in {@code dir} to {@code out} as a ZIP archive of {@code model.json}
     * and its weights file; {@code out} is finished, not closed.
     *
     * @throws ModelFileException when {@code dir} holds no saved model
     */
    public static void write(Path dir, OutputStream out) throws IOException {
        Path manifest = dir.resolve(ModelIO.MODEL_FILE);
        Path weights = ModelIO.weightsFile(dir);
        if (!Files.isRegularFile(weights)) {
            throw new ModelFileException(weights, "no such file");
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Path file : new Path[] {manifest, weights}) {
            zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
            Files.copy(file, zip);
            zip.closeEntry();
        }
        zip.finish();
    }

    /**
     * Loads the model in the ZIP archive read from {@code in} (which is read to its end, not
     * closed).
     *
     * @param name what messages call the archive, e.g. {@code "models/mnist.zip"}
     * @throws ModelFileException naming the archive, and the entry where one is at fault
     */
    public static LoadedModel load(InputStream in, String name) throws IOException {
        Map<String, String> entries = new HashMap<>(); // file name in the copy -> entry in the archive
        return CopiedModel.load(copy -> {
            ZipInputStream zip = new ZipInputStream(in);
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String path = entry.getName();
                String file = path.substring(path.lastIndexOf('/') + 1);
                boolean manifest = file.equals(ModelIO.MODEL_FILE);
                if (entry.isDirectory() || !(manifest || ModelIO.WEIGHTS_NAME.matcher(file).matches())) {
                    continue;
                }
                String earlier = entries.putIfAbsent(file, path);
                if (earlier != null) {
                    throw new ModelFileException(Path.of(name + "!/" + path),
                            "a second " + file + " (the first is " + earlier + "); an archive holds one model");
                }
                copy(zip, copy.resolve(file), manifest ? MAX_MANIFEST_BYTES : NativeMemory.limit());
            }
            if (!entries.containsKey(ModelIO.MODEL_FILE)) {
                throw new ModelFileException(copy.resolve(ModelIO.MODEL_FILE), "not in the archive");
            }
        }, file -> name + "!/" + entries.getOrDefault(file, file));
    }

    /** Copies the current entry to {@code to}, refusing it once it passes {@code limit} bytes. */
    private static void copy(InputStream entry, Path to, long limit) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(to)) {
            for (int n; (n = entry.read(buffer)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw new ModelFileException(to, "holds more than " + ModelSizes.exact(limit)
                            + ", more than Neurite reads for it");
                }
                out.write(buffer, 0, n);
            }
        }
    }
}
