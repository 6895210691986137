package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Layer;
import dev.neurite.nn.LayerBuffers;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import dev.neurite.train.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading models: exact round trips, metadata, and the errors for wrong files. */
class ModelIOTest {

    @TempDir
    Path dir;

    private static Metadata richMetadata() {
        return Metadata.empty()
                .withClassNames(List.of("cat", "dog", "émeu", "quote\"slash\\"))
                .with("notes", "line one\nline two\ttab")
                .with("epochs", 12)
                .with("nested", Map.of("losses", new double[] {0.5, Double.NaN, Double.POSITIVE_INFINITY},
                        "flag", true))
                .with("nothing", null)
                .withPreprocessing("scaler.mean", new double[] {0.1, -2.5e-300, 1e300, Math.PI})
                .withPreprocessing("scaler.scale", new double[] {1, Double.MIN_VALUE, -0.0});
    }

    @Test
    void loadedModelPredictsBitForBitTheSameForEveryLayerType() throws IOException {
        for (DType dtype : DType.values()) {
            Path where = dir.resolve(dtype.label());
            try (Sequential model = IoTestModels.everyLayer(dtype, 3)) {
                IoTestModels.perturb(model, new Adam(model.parameters(), 0.01));
                model.eval();
                Tensor x = IoTestModels.random(dtype, 9, IoTestModels.INPUTS, 5);
                Tensor expected = model.predict(x);
                ModelIO.save(model, where, richMetadata());
                try (LoadedModel loaded = ModelIO.load(where)) {
                    Sequential copy = loaded.model();
                    assertEquals(model.summary(), copy.summary());
                    assertEquals(dtype, copy.dtype());
                    assertEquals(model.seed(), copy.seed());
                    assertArrayEquals(expected.toDoubleArray(), copy.predict(x).toDoubleArray(), dtype.label());
                    assertTrue(copy.layers().stream().anyMatch(l -> l instanceof BatchNorm));
                    BatchNorm bn = (BatchNorm) model.layers().get(1);
                    BatchNorm bnCopy = (BatchNorm) copy.layers().get(1);
                    assertArrayEquals(bn.runningVar().toDoubleArray(), bnCopy.runningVar().toDoubleArray());
                    assertEquals(0.2, bnCopy.momentum());
                    assertEquals(1e-4, bnCopy.eps());
                    assertFalse(bn.runningMean().toDoubleArray()[0] == 0, "training moved the running mean");
                }
            }
        }
    }

    @Test
    void metadataRoundTripsExactly() throws IOException {
        Metadata meta = richMetadata();
        try (Sequential model = new Sequential(3, 1, new Dense(3, 2))) {
            ModelIO.save(model, dir, meta);
        }
        try (LoadedModel loaded = ModelIO.load(dir)) {
            assertEquals(meta, loaded.metadata());
            assertEquals(List.of("cat", "dog", "émeu", "quote\"slash\\"), loaded.metadata().classNames());
            assertArrayEquals(new double[] {1, Double.MIN_VALUE, -0.0},
                    loaded.metadata().preprocessing("scaler.scale").orElseThrow());
            assertEquals(12L, loaded.metadata().get("epochs").orElseThrow());
        }
    }

    @Test
    void historyIsStoredAsCurves() throws IOException {
        History history = new History();
        Metadata meta = Metadata.empty().withHistory(history);
        try (Sequential model = new Sequential(3, 1, new Dense(3, 2))) {
            ModelIO.save(model, dir, meta);
        }
        try (LoadedModel loaded = ModelIO.load(dir)) {
            Map<?, ?> h = (Map<?, ?>) loaded.metadata().get(Metadata.HISTORY).orElseThrow();
            assertEquals(0L, h.get("epochs"));
            assertEquals(List.of(), h.get("train_loss"));
        }
    }

    @Test
    void filesHaveTheDocumentedLayout() throws IOException {
        try (Sequential model = new Sequential(4, 1, new Dense(4, 3), new BatchNorm(3), new ReLU(), new Dense(3, 2))) {
            ModelIO.save(model, dir, Metadata.empty());
        }
        try (var files = Files.list(dir)) {
            String weights = ModelIO.weightsFile(dir).getFileName().toString();
            assertTrue(weights.matches("model-[0-9a-f]{16}\\.safetensors"), weights);
            assertEquals(weights.substring(6, 22), AtomicFiles.sha256(ModelIO.weightsFile(dir)).substring(0, 16));
            assertEquals(List.of(".neurite.lock", weights, "model.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        SafetensorsFile weights = SafetensorsFile.open(ModelIO.weightsFile(dir));
        assertEquals(List.of("dense1.weight", "dense1.bias", "batchnorm1.gamma", "batchnorm1.beta",
                "batchnorm1.running_mean", "batchnorm1.running_var", "dense2.weight", "dense2.bias"),
                List.copyOf(weights.entries().keySet()));
        assertArrayEquals(new long[] {4, 3}, weights.entries().get("dense1.weight").shape());
        String json = Files.readString(dir.resolve(ModelIO.MODEL_FILE));
        assertTrue(json.contains("\"format_version\": 1"), json);
        assertTrue(json.contains("\"type\": \"BatchNorm\""), json);
    }

    // ---- wrong files -------------------------------------------------------------------------

    private void saveTwoArchitectures(Path a, Path b) throws IOException {
        try (Sequential m = new Sequential(8, 1, new Dense(8, 64), new ReLU(), new Dense(64, 10))) {
            ModelIO.save(m, a, Metadata.empty());
        }
        try (Sequential m = new Sequential(8, 1, new Dense(8, 128), new ReLU(), new Dense(128, 10))) {
            ModelIO.save(m, b, Metadata.empty());
        }
    }

    @Test
    void weightsOfAnotherArchitectureAreNamedWithBothShapes() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        saveTwoArchitectures(a, b);
        Files.copy(ModelIO.weightsFile(b), ModelIO.weightsFile(a), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.load(a));
        assertEquals(ModelIO.weightsFile(a) + ": dense1.weight has shape [8, 128], the architecture needs [8, 64]",
                e.getMessage());
    }

    @Test
    void loadingIntoAModelOfAnotherArchitectureNamesTheLayer() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        saveTwoArchitectures(a, b);
        try (Sequential m = new Sequential(8, 99, new Dense(8, 64), new ReLU(), new Dense(64, 10))) {
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.loadWeights(b, m));
            assertTrue(e.getMessage().contains("another architecture: layer 0 is Dense(in=8, out=128, bias=true) in the"
                    + " file, Dense(in=8, out=64, bias=true) in the model"), e.getMessage());
            ModelIO.loadWeights(a, m);
            try (LoadedModel saved = ModelIO.load(a)) {
                for (int i = 0; i < m.parameters().size(); i++) {
                    assertArrayEquals(saved.model().parameters().get(i).value().toFloatArray(),
                            m.parameters().get(i).value().toFloatArray());
                }
            }
        }
    }

    @Test
    void weightsFromAnotherSaveOfTheSameArchitectureAreDetected() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        try (Sequential m1 = new Sequential(3, 1, new Dense(3, 2)); Sequential m2 = new Sequential(3, 2, new Dense(3, 2))) {
            ModelIO.save(m1, a, Metadata.empty());
            ModelIO.save(m2, b, Metadata.empty());
        }
        Files.copy(ModelIO.weightsFile(b), ModelIO.weightsFile(a), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.load(a));
        assertTrue(e.getMessage().startsWith(ModelIO.weightsFile(a) + ": content does not match the CRC-32C"),
                e.getMessage());

        // a manifest saved before the CRC was recorded has its SHA-256 checked instead
        Path json = a.resolve(ModelIO.MODEL_FILE);
        String text = Files.readString(json);
        String withoutCrc = text.replaceAll(",\\s*\"crc32c\": \"[0-9a-f]{8}\"", "");
        assertNotEquals(text, withoutCrc);
        Files.writeString(json, withoutCrc);
        e = assertThrows(ModelFileException.class, () -> ModelIO.load(a));
        assertTrue(e.getMessage().startsWith(ModelIO.weightsFile(a) + ": content does not match the SHA-256"),
                e.getMessage());
    }

    @Test
    void oneFlippedBitInTheWeightsIsDetected() throws IOException {
        try (Sequential m = new Sequential(3, 1, new Dense(3, 2))) {
            ModelIO.save(m, dir, Metadata.empty());
        }
        Path weights = ModelIO.weightsFile(dir);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 3] ^= 0x10; // inside a weight: the header still parses, the sizes still fit
        Files.write(weights, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.load(dir));
        assertTrue(e.getMessage().startsWith(weights + ": content does not match the CRC-32C"), e.getMessage());
    }

    private ModelFileException loadWithEditedJson(String from, String to) throws IOException {
        try (Sequential m = new Sequential(3, 1, new Dense(3, 2), new ReLU(), new Dense(2, 2))) {
            ModelIO.save(m, dir, Metadata.empty());
        }
        Path json = dir.resolve(ModelIO.MODEL_FILE);
        String text = Files.readString(json);
        assertTrue(text.contains(from), text);
        Files.writeString(json, text.replace(from, to));
        return assertThrows(ModelFileException.class, () -> ModelIO.load(dir));
    }

    @Test
    void classNamesThatAreNotStringsNameTheFile() throws IOException {
        ModelFileException e = loadWithEditedJson("\"metadata\": {}", "\"metadata\": {\"class_names\": 5}");
        assertEquals(dir.resolve("model.json") + ": metadata 'class_names' must be a list of strings, got a number (5)",
                e.getMessage());
    }

    @Test
    void unsupportedFormatVersion() throws IOException {
        ModelFileException e = loadWithEditedJson("\"format_version\": 1", "\"format_version\": 2");
        assertTrue(e.getMessage().startsWith(dir.resolve("model.json") + ": format version 2 is not supported"),
                e.getMessage());
    }

    @Test
    void notAModelFile() throws IOException {
        ModelFileException e = loadWithEditedJson("\"neurite-model\"", "\"keras\"");
        assertTrue(e.getMessage().endsWith("model.json: not a Neurite model file (expected \"format\": \"neurite-model\")"),
                e.getMessage());
    }

    @Test
    void malformedJsonGivesOffsetLineAndColumn() throws IOException {
        ModelFileException e = loadWithEditedJson("\"format_version\": 1,", "\"format_version\": 1,,");
        String text = Files.readString(dir.resolve(ModelIO.MODEL_FILE));
        int at = text.indexOf(",,") + 1;
        int column = at - text.lastIndexOf('\n', at);
        assertEquals(dir.resolve("model.json") + ": malformed JSON at byte " + at + " (line 3, column " + column
                + "): unexpected ',', expected a string key", e.getMessage());
    }

    @Test
    void badLayerArgumentsNameTheLayer() throws IOException {
        ModelFileException e = loadWithEditedJson("\"out\": 2,\n      \"bias\": true\n    },\n    {\n      \"name\": \"relu1\"",
                "\"out\": -2,\n      \"bias\": true\n    },\n    {\n      \"name\": \"relu1\"");
        assertTrue(e.getMessage().endsWith("model.json: layers[0].out must be a positive integer, got -2"), e.getMessage());
    }

    @Test
    void unknownLayerType() throws IOException {
        ModelFileException e = loadWithEditedJson("\"type\": \"ReLU\"", "\"type\": \"GELU\"");
        assertTrue(e.getMessage().contains("layers[1].type \"GELU\" is not a layer type Neurite knows"), e.getMessage());
    }

    @Test
    void layersThatDoNotFit() throws IOException {
        ModelFileException e = loadWithEditedJson("\"in\": 2", "\"in\": 5");
        assertTrue(e.getMessage().contains("model.json: the layers do not fit together: incompatible layer sizes"),
                e.getMessage());
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.load(dir));
        assertEquals(dir.resolve("model.json") + ": no such file", e.getMessage());
        try (Sequential m = new Sequential(3, 1, new Dense(3, 2))) {
            ModelIO.save(m, dir, Metadata.empty());
        }
        Path weights = ModelIO.weightsFile(dir);
        Files.delete(weights);
        e = assertThrows(ModelFileException.class, () -> ModelIO.load(dir));
        assertEquals(weights + ": no such file", e.getMessage());
    }

    @Test
    void layersOutsideTheFormatAreRefusedBeforeWriting() {
        Layer custom = new Layer() {
            @Override
            public String typeName() {
                return "Custom";
            }

            @Override
            public int outputFeatures(int inputFeatures) {
                return inputFeatures;
            }

            @Override
            public Tensor forward(Tensor x, LayerBuffers buffers) {
                return x;
            }

            @Override
            public Tensor backward(Tensor dY, LayerBuffers buffers) {
                return dY;
            }
        };
        Path target = dir.resolve("custom");
        try (Sequential m = new Sequential(3, 1, new Dense(3, 2), custom)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelIO.save(m, target, Metadata.empty()));
            assertTrue(e.getMessage().startsWith("cannot save layer custom1 of type"), e.getMessage());
        }
        assertFalse(Files.exists(target));
    }
}
