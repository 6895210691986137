package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathModelsTest {

    @TempDir
    Path root;

    private URLClassLoader saveUnder(String folder, Sequential model) throws IOException {
        ModelIO.save(model, root.resolve(folder), Metadata.empty());
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    @Test
    void aModelSavedAsResourcesLoadsWithTheSameWeights() throws IOException {
        try (Sequential saved = new Sequential(4, 3, new Dense(4, 5), new ReLU(), new Dense(5, 2));
             URLClassLoader loader = saveUnder("models/tiny", saved)) {
            for (String name : new String[] {"models/tiny", "/models/tiny/"}) {
                try (LoadedModel loaded = ClasspathModels.load(loader, name)) {
                    for (int i = 0; i < saved.parameters().size(); i++) {
                        assertArrayEquals(saved.parameters().get(i).value().toFloatArray(),
                                loaded.model().parameters().get(i).value().toFloatArray());
                    }
                }
            }
        }
    }

    @Test
    void aMissingOrDamagedResourceIsNamed() throws IOException {
        try (Sequential saved = new Sequential(4, 3, new Dense(4, 2));
             URLClassLoader loader = saveUnder("models/tiny", saved)) {
            ModelFileException missing = assertThrows(ModelFileException.class,
                    () -> ClasspathModels.load(loader, "models/none"));
            assertEquals("classpath:models/none/model.json: no such class-path resource", missing.getMessage());

            Path weights = ModelIO.weightsFile(root.resolve("models/tiny"));
            byte[] bytes = Files.readAllBytes(weights);
            bytes[bytes.length - 2] ^= 0x40;
            Files.write(weights, bytes);
            ModelFileException damaged = assertThrows(ModelFileException.class,
                    () -> ClasspathModels.load(loader, "models/tiny"));
            assertEquals(Path.of("classpath:models/tiny/" + weights.getFileName()), damaged.file());
            assertTrue(damaged.getMessage().contains(": content does not match the CRC-32C recorded in"
                    + " model.json"), damaged.getMessage());
        }
    }
}
