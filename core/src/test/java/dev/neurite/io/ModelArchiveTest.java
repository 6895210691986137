package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {

    @TempDir
    Path dir;

    private Sequential model() {
        return new Sequential(4, 3, new Dense(4, 5), new ReLU(), new Dense(5, 2));
    }

    private static void assertSameWeights(Sequential expected, Sequential actual) {
        for (int i = 0; i < expected.parameters().size(); i++) {
            assertArrayEquals(expected.parameters().get(i).value().toFloatArray(),
                    actual.parameters().get(i).value().toFloatArray());
        }
    }

    /** A ZIP of {@code entries}: name, then content, repeated. */
    private static byte[] zip(Object... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < entries.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) entries[i]));
                zip.write(entries[i + 1] instanceof byte[] b ? b : ((String) entries[i + 1]).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aWrittenArchiveLoadsWithTheSameWeights() throws IOException {
        try (Sequential saved = model()) {
            ModelIO.save(saved, dir.resolve("m"), Metadata.empty());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ModelArchive.write(dir.resolve("m"), out);
            try (LoadedModel loaded = ModelArchive.load(new ByteArrayInputStream(out.toByteArray()), "m.zip")) {
                assertSameWeights(saved, loaded.model());
            }
        }
    }

    @Test
    void theFilesMaySitInAFolderBesideOtherEntries() throws IOException {
        try (Sequential saved = model()) {
            Path m = dir.resolve("m");
            ModelIO.save(saved, m, Metadata.empty());
            Path weights = ModelIO.weightsFile(m);
            byte[] archive = zip("model/", "", "model/.neurite.lock", "", "model/report.html", "<html>",
                    "model/" + weights.getFileName(), Files.readAllBytes(weights),
                    "model/model.json", Files.readAllBytes(m.resolve("model.json")));
            try (LoadedModel loaded = ModelArchive.load(new ByteArrayInputStream(archive), "m.zip")) {
                assertSameWeights(saved, loaded.model());
            }
        }
    }

    @Test
    void whatIsMissingDamagedOrTwiceIsNamedByArchiveAndEntry() throws IOException {
        try (Sequential saved = model()) {
            Path m = dir.resolve("m");
            ModelIO.save(saved, m, Metadata.empty());
            Path weights = ModelIO.weightsFile(m);
            String weightsName = weights.getFileName().toString();
            byte[] json = Files.readAllBytes(m.resolve("model.json"));
            byte[] w = Files.readAllBytes(weights);

            ModelFileException noManifest = assertThrows(ModelFileException.class,
                    () -> ModelArchive.load(new ByteArrayInputStream(zip("x/" + weightsName, w)), "a.zip"));
            assertEquals("a.zip!/model.json: not in the archive", noManifest.getMessage());

            ModelFileException noWeights = assertThrows(ModelFileException.class,
                    () -> ModelArchive.load(new ByteArrayInputStream(zip("model.json", json)), "a.zip"));
            assertTrue(noWeights.getMessage().startsWith("a.zip!/" + weightsName + ": "), noWeights.getMessage());

            byte[] damaged = w.clone();
            damaged[damaged.length - 2] ^= 0x40;
            ModelFileException crc = assertThrows(ModelFileException.class, () -> ModelArchive.load(
                    new ByteArrayInputStream(zip("m/model.json", json, "m/" + weightsName, damaged)), "a.zip"));
            assertEquals(Path.of("a.zip!/m/" + weightsName), crc.file());
            assertTrue(crc.getMessage().contains("does not match the CRC-32C recorded in model.json"), crc.getMessage());

            ModelFileException twice = assertThrows(ModelFileException.class, () -> ModelArchive.load(
                    new ByteArrayInputStream(zip("a/model.json", json, "b/model.json", json)), "a.zip"));
            assertEquals("a.zip!/b/model.json: a second model.json (the first is a/model.json); an archive holds"
                    + " one model", twice.getMessage());
        }
    }

    @Test
    void aFolderWithoutAModelIsNotWritten() {
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelArchive.write(dir, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("model.json: no such file"), e.getMessage());
    }
}
