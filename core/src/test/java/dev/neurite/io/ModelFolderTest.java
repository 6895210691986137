package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.optim.SGD;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a model folder holds besides the model: models of earlier versions, leftovers of killed
 * saves and who removes them, the save lock, and the permissions of the files.
 */
class ModelFolderTest {

    @TempDir
    Path dir;

    private static Sequential model(long seed) {
        return new Sequential(5, seed, new Dense(5, 7), new ReLU(), new Dense(7, 3));
    }

    private static List<String> listing(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Turns a saved model into the layout of earlier versions: model.safetensors, named or not. */
    private static void toOldLayout(Path folder, boolean namedInManifest) throws IOException {
        Path weights = ModelIO.weightsFile(folder);
        Files.move(weights, folder.resolve(ModelIO.LEGACY_WEIGHTS_FILE));
        Files.delete(folder.resolve(AtomicFiles.LOCK_FILE));
        Path json = folder.resolve(ModelIO.MODEL_FILE);
        String name = weights.getFileName().toString();
        String text = Files.readString(json);
        text = namedInManifest ? text.replace(name, ModelIO.LEGACY_WEIGHTS_FILE)
                : text.replace("\"file\": \"" + name + "\",", "");
        Files.writeString(json, text);
    }

    @Test
    void modelsOfEarlierVersionsLoadAndASaveMovesThemToTheNewLayout() throws IOException {
        for (boolean named : List.of(true, false)) {
            Path folder = dir.resolve("old-" + named);
            try (Sequential m = model(1); Sequential other = model(2)) {
                ModelIO.save(m, folder, Metadata.empty());
                toOldLayout(folder, named);
                Files.writeString(folder.resolve(".model.safetensors.123456789.tmp"), "a killed save's temporary");
                assertEquals(List.of(".model.safetensors.123456789.tmp", "model.json", "model.safetensors"),
                        listing(folder));
                assertEquals(folder.resolve(ModelIO.LEGACY_WEIGHTS_FILE), ModelIO.weightsFile(folder));
                try (LoadedModel loaded = ModelIO.load(folder)) {
                    assertArrayEquals(m.parameters().getFirst().value().toFloatArray(),
                            loaded.model().parameters().getFirst().value().toFloatArray());
                }
                assertEquals(3, listing(folder).size(), "loading creates and deletes nothing in a folder without a lock file");
                ModelIO.save(other, folder, Metadata.empty());
                assertEquals(List.of(AtomicFiles.LOCK_FILE, ModelIO.weightsFile(folder).getFileName().toString(),
                        ModelIO.MODEL_FILE), listing(folder));
            }
        }
    }

    @Test
    void aLoadRemovesLeftoversUnlessASaveHoldsTheLock() throws IOException {
        try (Sequential m = model(1)) {
            ModelIO.save(m, dir, Metadata.empty());
        }
        List<String> saved = listing(dir);
        List<String> leftovers = List.of(".model.0123456789abcdef.tmp", "model-0123456789abcdef.safetensors",
                ".model.json.fedcba9876543210.tmp");
        for (String name : leftovers) {
            Files.writeString(dir.resolve(name), "left by a killed save");
        }
        Files.writeString(dir.resolve("notes.txt"), "not Neurite's");
        try (FileChannel ch = FileChannel.open(dir.resolve(AtomicFiles.LOCK_FILE), StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            ModelIO.load(dir).close();
            assertTrue(listing(dir).containsAll(leftovers), "a running save's files are left alone");
            IOException e = assertThrows(IOException.class, () -> {
                try (Sequential m = model(2)) {
                    ModelIO.save(m, dir, Metadata.empty());
                }
            });
            assertEquals(dir + ": another save to this folder is in progress; not saved", e.getMessage());
        }
        ModelIO.load(dir).close();
        List<String> expected = new java.util.ArrayList<>(saved);
        expected.add("notes.txt");
        assertEquals(expected.stream().sorted().toList(), listing(dir));
    }

    @Test
    void aWeightsFileOutsideTheFolderIsRefused() throws IOException {
        try (Sequential m = model(1)) {
            ModelIO.save(m, dir, Metadata.empty());
        }
        Path json = dir.resolve(ModelIO.MODEL_FILE);
        String name = ModelIO.weightsFile(dir).getFileName().toString();
        Files.writeString(json, Files.readString(json).replace(name, "../" + name));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.load(dir));
        assertEquals(json + ": weights.file must name a .safetensors file in the model's folder, got \"../" + name
                + "\"", e.getMessage());
    }

    @Test
    void savedFilesGetThePermissionsTheUmaskGives() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path folder = dir.resolve("model");
        try (Sequential m = model(1)) {
            ModelIO.save(m, folder, Metadata.empty());
            Checkpoint.save(folder, m, new SGD(m.parameters(), 0.1), 0, Metadata.empty());
        }
        Set<PosixFilePermission> plain = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        assertFalse(plain.isEmpty());
        for (String name : listing(folder)) {
            assertEquals(plain, Files.getPosixFilePermissions(folder.resolve(name)), name);
        }
        // lock, model.json, checkpoint.json, the checkpoint's model and optimizer files, and one weights
        // file: the model and the checkpoint's model hold the same weights, so they share it
        assertEquals(6, listing(folder).size(), listing(folder).toString());
        Path plainDir = Files.createDirectory(dir.resolve("plain-dir"));
        assertEquals(Files.getPosixFilePermissions(plainDir), Files.getPosixFilePermissions(folder));
    }

    @Test
    void aModelAndACheckpointShareAFolder() throws IOException {
        try (Sequential m = model(1)) {
            SGD sgd = new SGD(m.parameters(), 0.1);
            ModelIO.save(m, dir, Metadata.empty());
            Checkpoint.save(dir, m, sgd, 3, Metadata.empty());
            IoTestModels.train(m, sgd, 1, 5);
            ModelIO.save(m, dir, Metadata.empty());
            try (LoadedCheckpoint c = Checkpoint.load(dir); LoadedModel loaded = ModelIO.load(dir)) {
                assertEquals(3, c.epoch());
                assertArrayEquals(m.parameters().getFirst().value().toFloatArray(),
                        loaded.model().parameters().getFirst().value().toFloatArray());
            }
        }
    }
}
