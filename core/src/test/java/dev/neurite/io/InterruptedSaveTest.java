package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Sequential;
import dev.neurite.optim.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint save stopped after any of its steps (by an exception from the step hook, in this
 * JVM) leaves the old checkpoint or the new one, whole: before the manifest's rename the old, from
 * it on the new. The child-JVM kill test covers models; this covers the checkpoint's four files.
 */
class InterruptedSaveTest {

    @TempDir
    Path dir;

    /** Thrown from the step hook. */
    private static final class Stopped extends RuntimeException {
        Stopped(String step) {
            super("stopped at " + step);
        }
    }

    @AfterEach
    void clearHook() {
        SaveSteps.hook = null;
    }

    @Test
    void aCheckpointSaveStoppedAtAnyStepLeavesTheOldOrTheNewCheckpoint() throws IOException {
        try (Sequential model = IoTestModels.trainable(4)) {
            Adam adam = new Adam(model.parameters(), 0.01);
            IoTestModels.train(model, adam, 2, 1);
            Checkpoint.save(dir, model, adam, 1, Metadata.empty());
            IoTestModels.train(model, adam, 1, 9);
            List<String> steps = new ArrayList<>();
            SaveSteps.hook = steps::add;
            Checkpoint.save(dir, model, adam, 2, Metadata.empty());
            SaveSteps.hook = null;
            assertTrue(steps.containsAll(List.of("weights renamed", "manifest renamed", "optimizer state renamed",
                    "checkpoint renamed", "old weights deleted", "old manifest deleted")), steps.toString());
            int commit = steps.indexOf("checkpoint renamed");
            for (int i = 0; i < steps.size(); i++) {
                Checkpoint.save(dir, model, adam, 1, Metadata.empty());
                float[] old = model.parameters().getFirst().value().toFloatArray();
                IoTestModels.train(model, adam, 1, 100 + i); // the new checkpoint differs in every file
                float[] fresh = model.parameters().getFirst().value().toFloatArray();
                String step = steps.get(i);
                SaveSteps.hook = reached -> {
                    if (reached.equals(step)) {
                        throw new Stopped(step);
                    }
                };
                assertThrows(Stopped.class, () -> Checkpoint.save(dir, model, adam, 2, Metadata.empty()), step);
                SaveSteps.hook = null;
                try (LoadedCheckpoint loaded = Checkpoint.load(dir)) {
                    assertEquals(i >= commit ? 2 : 1, loaded.epoch(), step);
                    assertArrayEquals(i >= commit ? fresh : old,
                            loaded.model().parameters().getFirst().value().toFloatArray(), step);
                }
                Checkpoint.save(dir, model, adam, 3, Metadata.empty());
                assertEquals(expectedFiles(), listing(), "after the next save, at " + step);
            }
        }
    }

    /** The lock, the manifest and the three files it names, directly or through the model's manifest. */
    private Set<String> expectedFiles() throws IOException {
        Checkpoint.FileNames names = CheckpointTest.files(dir);
        return Set.of(AtomicFiles.LOCK_FILE, Checkpoint.CHECKPOINT_FILE, names.model(), names.optimizer(),
                ModelIO.weightsFileName(JsonFile.read(dir.resolve(names.model()))));
    }

    private Set<String> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return new HashSet<>(files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
