package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model.json claiming layers far larger than its weights file is refused before any tensor is
 * allocated, naming the layer, the tensor and both sizes (building first took seconds and
 * gigabytes, or ended in an OutOfMemoryError).
 */
class ModelSizesTest {

    @TempDir
    Path dir;

    /** Saves a 64-128-128-10 model and rewrites its last layer to claim {@code outputs} outputs. */
    private Path claimingOutputs(long outputs) throws IOException {
        try (Sequential m = new Sequential(64, 1, new Dense(64, 128), new ReLU(), new Dense(128, 128), new ReLU(),
                new Dense(128, 10))) {
            ModelIO.save(m, dir, Metadata.empty());
        }
        Path json = dir.resolve(ModelIO.MODEL_FILE);
        String text = Files.readString(json);
        int last = text.lastIndexOf("\"out\": 10,");
        assertTrue(last > 0, text);
        text = text.substring(0, last) + "\"out\": " + outputs + "," + text.substring(last + "\"out\": 10,".length());
        Files.writeString(json, text.replace("\"output_features\": 10,", "\"output_features\": " + outputs + ","));
        assertTrue(Files.size(json) < 4000, "a small model.json");
        return json;
    }

    private String refusal(long outputs, String size) throws IOException {
        Path json = claimingOutputs(outputs);
        Path weights = ModelIO.weightsFile(dir);
        String expected = json + ": layers[4] claims " + outputs + " outputs: dense3.weight would be 128x" + outputs
                + " f32 (" + size + ") but " + weights.getFileName() + " holds " + ModelSizes.human(Files.size(weights));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.load(dir));
        assertEquals(expected, e.getMessage());
        try (Sequential m = new Sequential(64, 2, new Dense(64, 128), new ReLU(), new Dense(128, 128), new ReLU(),
                new Dense(128, 10))) {
            e = assertThrows(ModelFileException.class, () -> ModelIO.loadWeights(dir, m));
            assertEquals(expected, e.getMessage());
        }
        return e.getMessage();
    }

    @Test
    void twentyMillionOutputsAreRefusedBeforeAllocating() throws IOException {
        refusal(20_000_000, "10.2 GB");
    }

    @Test
    void theLargestIntOfOutputsIsRefusedBeforeAllocating() throws IOException {
        refusal(Integer.MAX_VALUE, "1.1 TB");
    }

    @Test
    void byteCountsInDecimalUnits() {
        assertEquals("812 bytes", ModelSizes.human(812));
        assertEquals("1.0 kB", ModelSizes.human(1000));
        assertEquals("9.5 MB", ModelSizes.human(9_500_000));
        assertEquals("10.2 GB", ModelSizes.human(10_240_000_000L));
        assertEquals("9.2 EB", ModelSizes.human(Long.MAX_VALUE));
    }
}
