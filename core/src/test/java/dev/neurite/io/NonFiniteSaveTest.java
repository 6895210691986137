package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model or checkpoint holding a NaN or infinity is refused before anything is written. */
class NonFiniteSaveTest {

    @TempDir
    Path dir;

    private static Sequential model() {
        return new Sequential(4, 1, new Dense(4, 3), new BatchNorm(3), new ReLU(), new Dense(3, 2));
    }

    @Test
    void nonFiniteParameterIsNamedAndNothingIsWritten() {
        Path where = dir.resolve("new");
        try (Sequential model = model()) {
            model.parameters().get(2).value().set(0, 1, Float.NaN); // batchnorm1.gamma
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelIO.save(model, where, Metadata.empty()));
            assertEquals("layer 2 (batchnorm1, BatchNorm) gamma has a non-finite value (NaN) at [0, 1]; not saved",
                    e.getMessage());
            assertFalse(Files.exists(where), "no directory, no files");
        }
    }

    @Test
    void nonFiniteRunningStatisticLeavesTheSavedModelUntouched() throws IOException {
        try (Sequential model = model()) {
            ModelIO.save(model, dir, Metadata.empty());
            byte[] json = Files.readAllBytes(dir.resolve(ModelIO.MODEL_FILE));
            byte[] weights = Files.readAllBytes(ModelIO.weightsFile(dir));
            Tensor runningVar = ((BatchNorm) model.layers().get(1)).runningVar();
            runningVar.set(0, 2, Float.POSITIVE_INFINITY);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelIO.save(model, dir, Metadata.empty()));
            assertEquals("layer 2 (batchnorm1, BatchNorm) running_var has a non-finite value (Infinity) at [0, 2];"
                    + " not saved", e.getMessage());
            assertArrayEquals(json, Files.readAllBytes(dir.resolve(ModelIO.MODEL_FILE)));
            assertArrayEquals(weights, Files.readAllBytes(ModelIO.weightsFile(dir)));
            try (var listing = Files.list(dir)) {
                assertEquals(3, listing.count(), "model.json, its weights and the lock file; no temporary files left");
            }
        }
    }

    @Test
    void checkpointRefusesNonFiniteWeightsAndOptimizerState() {
        try (Sequential model = model()) {
            Adam adam = new Adam(model.parameters(), 0.01);
            IoTestModels.perturb(model, adam);
            model.parameters().get(0).value().set(3, 2, Float.NEGATIVE_INFINITY); // dense1.weight
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Checkpoint.save(dir.resolve("a"), model, adam, 1, Metadata.empty()));
            assertEquals("layer 1 (dense1, Dense) weight has a non-finite value (-Infinity) at [3, 2]; not saved",
                    e.getMessage());
            assertFalse(Files.exists(dir.resolve("a")));

            model.parameters().get(0).value().set(3, 2, 0.5f);
            adam.state().get("dense2.bias.exp_avg_sq").set(0, 1, Float.NaN);
            e = assertThrows(IllegalArgumentException.class,
                    () -> Checkpoint.save(dir.resolve("b"), model, adam, 1, Metadata.empty()));
            assertEquals("optimizer state dense2.bias.exp_avg_sq has a non-finite value (NaN) at [0, 1]; not saved",
                    e.getMessage());
            assertFalse(Files.exists(dir.resolve("b")));
        }
    }
}
