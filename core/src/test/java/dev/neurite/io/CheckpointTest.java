package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Sequential;
import dev.neurite.optim.Adam;
import dev.neurite.optim.AdamW;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.RMSProp;
import dev.neurite.optim.SGD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming from a checkpoint continues bit-for-bit as the uninterrupted run does. */
class CheckpointTest {

    static final int STEPS_BEFORE = 4;
    static final int STEPS_AFTER = 5;
    static final long SEED = 21;

    @TempDir
    Path dir;

    /** Weights and batch-norm statistics, all as floats, in model order. */
    private static List<float[]> state(Sequential model) {
        List<float[]> out = new ArrayList<>();
        TensorFiles.modelState(model).values().forEach(t -> out.add(t.toFloatArray()));
        return out;
    }

    private static void assertSameState(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "tensor " + i);
        }
    }

    private void resumesExactly(Function<Sequential, Optimizer> optimizerFor) throws IOException {
        List<float[]> uninterrupted;
        try (Sequential model = IoTestModels.trainable(SEED)) {
            Optimizer opt = optimizerFor.apply(model);
            long next = IoTestModels.train(model, opt, STEPS_BEFORE, 100);
            Checkpoint.save(dir, model, opt, 3, Metadata.empty().with("loss", List.of(1.5, 1.25)));
            IoTestModels.train(model, opt, STEPS_AFTER, next);
            uninterrupted = state(model);
        }
        try (LoadedCheckpoint resumed = Checkpoint.load(dir)) {
            assertEquals(3, resumed.epoch());
            assertEquals(STEPS_BEFORE, resumed.optimizer().stepCount());
            assertEquals(List.of(1.5, 1.25), resumed.metadata().get("loss").orElseThrow());
            IoTestModels.train(resumed.model(), resumed.optimizer(), STEPS_AFTER, 100 + STEPS_BEFORE);
            assertSameState(uninterrupted, state(resumed.model()));
        }
        // restoring into a new model and optimizer built by hand (other seed, other settings)
        try (Sequential model = IoTestModels.trainable(SEED + 1)) {
            Optimizer opt = optimizerFor.apply(model);
            opt.setLearningRate(0.5);
            LoadedCheckpoint restored = Checkpoint.restore(dir, model, opt);
            assertEquals(3, restored.epoch());
            IoTestModels.train(model, opt, STEPS_AFTER, 100 + STEPS_BEFORE);
            assertSameState(uninterrupted, state(model));
        }
    }

    @Test
    void adamResumesBitForBit() throws IOException {
        resumesExactly(m -> new Adam(m.parameters(), 0.01).betas(0.8, 0.99).weightDecay(1e-3).l1(1e-4));
    }

    @Test
    void adamWResumesBitForBit() throws IOException {
        resumesExactly(m -> new AdamW(m.parameters(), 0.01).eps(1e-7));
    }

    @Test
    void sgdWithNesterovResumesBitForBit() throws IOException {
        resumesExactly(m -> new SGD(m.parameters(), 0.05).momentum(0.9).nesterov(true).weightDecay(1e-4));
    }

    @Test
    void sgdWithDampeningResumesBitForBit() throws IOException {
        resumesExactly(m -> new SGD(m.parameters(), 0.05).momentum(0.5).dampening(0.3));
    }

    @Test
    void centeredRmsPropWithMomentumResumesBitForBit() throws IOException {
        resumesExactly(m -> new RMSProp(m.parameters(), 0.005).centered(true).momentum(0.5).alpha(0.9));
    }

    @Test
    void checkpointHoldsTheOptimizerState() throws IOException {
        try (Sequential model = IoTestModels.trainable(SEED)) {
            Adam adam = new Adam(model.parameters(), 0.01);
            IoTestModels.train(model, adam, 2, 1);
            Checkpoint.save(dir, model, adam, 1, Metadata.empty());
            SafetensorsFile state = SafetensorsFile.open(dir.resolve(files(dir).optimizer()));
            assertEquals(adam.state().keySet(), state.entries().keySet());
            assertTrue(state.entries().containsKey("dense1.weight.exp_avg_sq"));
            assertTrue(model.layers().get(1) instanceof BatchNorm);
            try (var files = Files.list(dir)) {
                Checkpoint.FileNames names = files(dir);
                String weights = ModelIO.weightsFileName(JsonFile.read(dir.resolve(names.model())));
                assertEquals(List.of(".neurite.lock", "checkpoint.json", names.model(), weights, names.optimizer())
                                .stream().sorted().toList(),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
                assertTrue(names.model().matches("model-[0-9a-f]{16}\\.json"), names.model());
                assertTrue(weights.matches("model-[0-9a-f]{16}\\.safetensors"), weights);
                assertTrue(names.optimizer().matches("optimizer-[0-9a-f]{16}\\.safetensors"), names.optimizer());
            }
        }
    }

    @Test
    void checkpointBeforeTheFirstStep() throws IOException {
        try (Sequential model = IoTestModels.trainable(SEED)) {
            SGD sgd = new SGD(model.parameters(), 0.1).momentum(0.9).dampening(0.5);
            Checkpoint.save(dir, model, sgd, 0, Metadata.empty());
            try (LoadedCheckpoint loaded = Checkpoint.load(dir)) {
                assertEquals(0, loaded.optimizer().stepCount());
                SGD copy = assertInstanceOf(SGD.class, loaded.optimizer());
                assertEquals(0.5, copy.dampening());
            }
        }
    }

    @Test
    void restoreChecksTheOptimizerType() throws IOException {
        try (Sequential model = IoTestModels.trainable(SEED)) {
            Adam adam = new Adam(model.parameters(), 0.01);
            IoTestModels.train(model, adam, 1, 1);
            Checkpoint.save(dir, model, adam, 1, Metadata.empty());
            ModelFileException e = assertThrows(ModelFileException.class,
                    () -> Checkpoint.restore(dir, model, new SGD(model.parameters(), 0.1)));
            assertTrue(e.getMessage().endsWith("checkpoint.json: the checkpoint is for a Adam optimizer, not a SGD"),
                    e.getMessage());
        }
    }

    @Test
    void mixedCheckpointFilesAreRefused() throws IOException {
        Path other = dir.resolve("other");
        try (Sequential model = IoTestModels.trainable(SEED)) {
            Adam adam = new Adam(model.parameters(), 0.01);
            IoTestModels.train(model, adam, 1, 1);
            Checkpoint.save(dir, model, adam, 1, Metadata.empty());
            IoTestModels.train(model, adam, 1, 2);
            Checkpoint.save(other, model, adam, 2, Metadata.empty());
        }
        Checkpoint.FileNames mine = files(dir);
        Checkpoint.FileNames theirs = files(other);
        Files.copy(other.resolve(theirs.optimizer()), dir.resolve(mine.optimizer()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve(mine.optimizer()) + ": content does not match"),
                e.getMessage());
        Files.copy(other.resolve(theirs.model()), dir.resolve(mine.model()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        e = assertThrows(ModelFileException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve(mine.model()) + ": content does not match"),
                e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }

    /** The files the checkpoint in {@code dir} names. */
    static Checkpoint.FileNames files(Path dir) throws IOException {
        return Checkpoint.files(JsonFile.read(dir.resolve(Checkpoint.CHECKPOINT_FILE)));
    }
}
