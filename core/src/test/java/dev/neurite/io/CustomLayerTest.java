package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.Layer;
import dev.neurite.nn.LayerBuffers;
import dev.neurite.nn.LayerTypes;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layer the library does not know saves and loads once its type is registered. */
class CustomLayerTest {

    /** y = factor * x; one saved argument, no parameters. */
    static final class Scale extends Layer {
        private final double factor;

        Scale(double factor) {
            this.factor = factor;
        }

        @Override
        public String typeName() {
            return "TestScale";
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("factor", factor);
        }

        @Override
        public int outputFeatures(int inputFeatures) {
            return inputFeatures;
        }

        @Override
        public Tensor forward(Tensor x, LayerBuffers buffers) {
            Tensor y = buffers.output(x.rows(), x.cols());
            Ops.get().scale(y, factor, x);
            return y;
        }

        @Override
        public Tensor backward(Tensor dY, LayerBuffers buffers) {
            Tensor dX = buffers.dInput(dY.rows(), dY.cols());
            Ops.get().scale(dX, factor, dY);
            return dX;
        }
    }

    /** Never registered. */
    static final class Unknown extends Layer {
        @Override
        public String typeName() {
            return "TestUnknown";
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
    }

    @TempDir
    Path dir;

    @Test
    void aRegisteredLayerSavesAndLoadsWithItsArguments() throws IOException {
        LayerTypes.register("TestScale", c -> new Scale(c.number("factor")));
        float[] input = {1, -2, 0.5f, 3, 0, 1};
        try (Sequential model = new Sequential(3, 7, new Dense(3, 4), new Scale(2.5), new Dense(4, 2));
             Tensor x = Tensor.of(input, 2, 3);
             Tensor before = model.predict(x)) {
            ModelIO.save(model, dir.resolve("m"), Metadata.empty());
            String json = Files.readString(dir.resolve("m/model.json"));
            assertTrue(json.contains("\"type\": \"TestScale\"") && json.contains("\"factor\": 2.5"), json);
            try (LoadedModel loaded = ModelIO.load(dir.resolve("m")); Tensor after = loaded.model().predict(x)) {
                assertEquals("TestScale", loaded.model().layers().get(1).typeName());
                assertEquals(Map.of("factor", 2.5), loaded.model().layers().get(1).config());
                assertArrayEquals(before.toFloatArray(), after.toFloatArray());
            }
        }
        // a saved argument the factory reads wrongly typed is named with the file and the layer
        Path file = dir.resolve("m/model.json");
        Files.writeString(file, Files.readString(file).replace("\"factor\": 2.5", "\"factor\": \"big\""));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.load(dir.resolve("m")));
        assertTrue(e.getMessage().startsWith(file + ": layers[1].factor"), e.getMessage());
    }

    @Test
    void anUnregisteredLayerIsRefusedByNameBeforeAnythingIsWritten() {
        try (Sequential model = new Sequential(3, 7, new Dense(3, 2), new Unknown())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelIO.save(model, dir.resolve("m"), Metadata.empty()));
            assertTrue(e.getMessage().contains("cannot save layer testunknown2 of type TestUnknown")
                    || e.getMessage().contains("of type TestUnknown"), e.getMessage());
            assertTrue(e.getMessage().contains("LayerTypes.register(\"TestUnknown\""), e.getMessage());
            assertTrue(!Files.exists(dir.resolve("m/model.json")), "nothing saved");
        }
    }

    @Test
    void aBuiltInTypeCannotBeReplaced() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerTypes.register("Dense", c -> new Dense(1, 1)));
        assertEquals("layer type Dense is registered already", e.getMessage());
    }
}
