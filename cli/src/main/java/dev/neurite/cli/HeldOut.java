package dev.neurite.cli;

import dev.neurite.pipeline.Task;
import dev.neurite.data.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@code train} split a CSV file into training and test rows, recorded in the model's
 * metadata so that {@code evaluate} on the same, unchanged file scores only the rows the model
 * never saw. The file is recognised by its size and SHA-256, not its name.
 *
 * @param fileName the file's name, for messages
 * @param bytes the file's size
 * @param sha256 the SHA-256 of its content, hex
 * @param seed the seed of the split
 * @param fraction the fraction held out
 * @param limit the --limit applied before splitting (0: none)
 * @param rows the number of rows held out
 */
record HeldOut(String fileName, long bytes, String sha256, long seed, double fraction, int limit, int rows) {

    static final String KEY = "test_split";

    /** The split of {@code file} that train made. */
    static HeldOut of(Path file, long seed, double fraction, int limit, int rows) throws IOException {
        return new HeldOut(file.getFileName().toString(), Files.size(file), sha256(file), seed, fraction, limit, rows);
    }

    /** Whether {@code file} is the file this split was made of, unchanged. */
    boolean matches(Path file) throws IOException {
        return Files.size(file) == bytes && sha256(file).equals(sha256);
    }

    /** The held-out rows of {@code all}, the whole file read as train read it. */
    Dataset heldOut(Dataset all, Task task) {
        Dataset[] parts;
        try (Dataset prefix = Splitting.first(all, limit)) {
            parts = Splitting.holdOut(prefix, fraction, task, seed);
        }
        parts[0].close();
        if (parts[1].size() != rows) {
            parts[1].close();
            throw new IllegalStateException("the file matches the training file but the split gives " + parts[1].size()
                    + " held-out rows, not the " + rows + " recorded; use --all-rows or --test-csv");
        }
        return parts[1];
    }

    /** As metadata. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", fileName);
        m.put("bytes", bytes);
        m.put("sha256", sha256);
        m.put("seed", seed);
        m.put("fraction", fraction);
        m.put("limit", limit);
        m.put("rows", rows);
        return m;
    }

    /** From metadata written by {@link #toMap()}; null when {@code value} is null. */
    static HeldOut fromMap(Object value, Path source) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(source + ": metadata '" + KEY + "' must be an object, got " + value);
        }
        try {
            return new HeldOut(String.valueOf(m.get("file")), number(m, "bytes").longValue(), String.valueOf(m.get("sha256")),
                    number(m, "seed").longValue(), number(m, "fraction").doubleValue(), number(m, "limit").intValue(),
                    number(m, "rows").intValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": metadata '" + KEY + "': " + e.getMessage(), e);
        }
    }

    private static Number number(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("'" + key + "' must be a number, got " + m.get(key));
        }
        return n;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
