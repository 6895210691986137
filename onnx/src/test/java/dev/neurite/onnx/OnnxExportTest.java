package dev.neurite.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Dropout;
import dev.neurite.nn.Identity;
import dev.neurite.nn.Layer;
import dev.neurite.nn.LayerNorm;
import dev.neurite.nn.LeakyReLU;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Sigmoid;
import dev.neurite.nn.Softmax;
import dev.neurite.nn.Tanh;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every exported layer type runs in ONNX Runtime with Neurite's outputs, and a model that goes
 * out and back in is the same model, bit for bit.
 */
class OnnxExportTest {

    /** float32: ONNX Runtime's kernels sum and round in their own order; relative to max(1, |value|). */
    static final double F32_TOLERANCE = 1e-5;
    static final int ROWS = 19;

    @TempDir
    Path dir;

    /** One model per layer type, each layer after a Dense so it sees trained values. */
    static Map<String, Supplier<Layer[]>> perLayerType() {
        Map<String, Supplier<Layer[]>> m = new LinkedHashMap<>();
        m.put("Dense", () -> new Layer[] {new Dense(7, 5)});
        m.put("Dense without bias", () -> new Layer[] {new Dense(7, 5, false)});
        m.put("ReLU", () -> new Layer[] {new Dense(7, 6), new ReLU()});
        m.put("LeakyReLU", () -> new Layer[] {new Dense(7, 6), new LeakyReLU(0.2)});
        m.put("Sigmoid", () -> new Layer[] {new Dense(7, 6), new Sigmoid()});
        m.put("Tanh", () -> new Layer[] {new Dense(7, 6), new Tanh()});
        m.put("Softmax", () -> new Layer[] {new Dense(7, 6), new Softmax()});
        m.put("Identity", () -> new Layer[] {new Dense(7, 6), new Identity()});
        m.put("Dropout", () -> new Layer[] {new Dense(7, 6), new Dropout(0.5)});
        m.put("BatchNorm", () -> new Layer[] {new Dense(7, 6), new BatchNorm(6, 0.3, 1e-3)});
        m.put("LayerNorm", () -> new Layer[] {new Dense(7, 6), new LayerNorm(6, 1e-4)});
        m.put("every layer", () -> new Layer[] {new Dense(7, 16), new BatchNorm(16), new LeakyReLU(0.05),
                new Dropout(0.2), new Dense(16, 12), new LayerNorm(12), new Tanh(), new Dense(12, 9), new Sigmoid(),
                new Identity(), new Dense(9, 4), new ReLU(), new Dense(4, 3), new Softmax()});
        return m;
    }

    @Test
    void onnxRuntimeMatchesNeuriteForEveryLayerType() throws Exception {
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, Supplier<Layer[]>> c : perLayerType().entrySet()) {
            Path file = dir.resolve(c.getKey().replace(' ', '_') + ".onnx");
            try (Sequential model = OnnxTestModels.trained(DType.F32, 3, c.getValue().get());
                 Tensor x = OnnxTestModels.gaussian(DType.F32, ROWS, OnnxTestModels.FEATURES, 11);
                 Tensor expected = model.predict(x)) {
                Onnx.save(model, file);
                double[] actual = OrtRunner.run(file, x.toDoubleArray(), ROWS, OnnxTestModels.FEATURES, false);
                double worst = maxRelativeDifference(expected.toDoubleArray(), actual);
                report.append(String.format(Locale.ROOT, "%s: max difference %.2e%n", c.getKey(), worst));
                assertTrue(worst <= F32_TOLERANCE, c.getKey() + ": ONNX Runtime differs by " + worst);
            }
        }
        System.out.print(report);
    }

    @Test
    void float64ModelsRunInDouble() throws Exception {
        Path file = dir.resolve("f64.onnx");
        try (Sequential model = OnnxTestModels.trained(DType.F64, 5, new Dense(7, 8), new BatchNorm(8), new Tanh(),
                new Dense(8, 4), new Softmax());
             Tensor x = OnnxTestModels.gaussian(DType.F64, ROWS, OnnxTestModels.FEATURES, 12);
             Tensor expected = model.predict(x)) {
            Onnx.save(model, file);
            double[] actual = OrtRunner.run(file, x.toDoubleArray(), ROWS, OnnxTestModels.FEATURES, true);
            double worst = maxRelativeDifference(expected.toDoubleArray(), actual);
            System.out.printf(Locale.ROOT, "float64 model: max difference %.2e%n", worst);
            assertTrue(worst <= 1e-12, "float64: ONNX Runtime differs by " + worst);
        }
    }

    @Test
    void aModelGoesOutAndBackInUnchanged() throws Exception {
        for (DType dtype : DType.values()) {
            for (Map.Entry<String, Supplier<Layer[]>> c : perLayerType().entrySet()) {
                Path file = dir.resolve(dtype.label() + c.getKey().replace(' ', '_') + ".onnx");
                try (Sequential model = OnnxTestModels.trained(dtype, 7, c.getValue().get());
                     Tensor x = OnnxTestModels.gaussian(dtype, ROWS, OnnxTestModels.FEATURES, 13);
                     Tensor expected = model.predict(x)) {
                    Onnx.save(model, file);
                    try (Sequential back = Onnx.load(file); Tensor actual = back.predict(x)) {
                        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 0, dtype + " " + c.getKey());
                        String at = dtype + " " + c.getKey();
                        assertEquals(withoutDropout(model), layerTypes(back), at);
                    }
                }
            }
        }
    }

    private static String withoutDropout(Sequential m) {
        return m.layers().stream().map(Layer::describe).filter(d -> !d.startsWith("Dropout")).toList().toString();
    }

    private static String layerTypes(Sequential m) {
        return m.layers().stream().map(Layer::describe).toList().toString();
    }

    static double maxRelativeDifference(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "output size");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.max(1, Math.abs(expected[i])));
        }
        return worst;
    }
}
