package dev.neurite.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurite.nn.Layer;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node patterns other exporters write: MatMul with its bias Add on either side, Gemm with a
 * transposed weight (PyTorch's {@code nn.Linear}), weights in Constant nodes, Flatten and
 * Dropout passed over; each computes what the graph says.
 */
class OnnxImportPatternsTest {

    @TempDir
    Path dir;

    private Sequential load(List<NodeProto> nodes, List<TensorProto> initializers, long outputs) throws Exception {
        GraphProto g = new GraphProto("g", "", nodes, initializers,
                List.of(new ValueInfoProto("x", TensorProto.FLOAT, List.of("n", 2L), "")),
                List.of(new ValueInfoProto("y", TensorProto.FLOAT, List.of("n", outputs), "")));
        Path file = dir.resolve("patterns.onnx");
        Files.write(file, OnnxCodec.encode(new ModelProto(ModelProto.IR_VERSION, "test", "1", "", Map.of("", 13L), g,
                Map.of())));
        return Onnx.load(file);
    }

    private static NodeProto node(String op, List<String> in, String out, AttributeProto... attributes) {
        Map<String, AttributeProto> a = new java.util.LinkedHashMap<>();
        for (AttributeProto attribute : attributes) {
            a.put(attribute.name(), attribute);
        }
        return new NodeProto(op.toLowerCase() + "_" + out, op, "", in, List.of(out), a, "");
    }

    /** y for x = [[1, 2], [3, -4]]. */
    private static double[] predict(Sequential m) {
        try (Tensor x = Tensor.of(new float[] {1, 2, 3, -4}, 2, 2); Tensor y = m.predict(x)) {
            return y.toDoubleArray();
        }
    }

    @Test
    void matMulWithABiasAddOnEitherSideIsOneDense() throws Exception {
        TensorProto w = TensorProto.of("w", new long[] {2, 3}, new float[] {1, 0, 2, 0, 1, -1}); // (in, out)
        TensorProto b = TensorProto.of("b", new long[] {3}, new float[] {0.5f, -0.5f, 1});
        for (List<String> addInputs : List.of(List.of("xw", "b"), List.of("b", "xw"))) {
            try (Sequential m = load(List.of(node("MatMul", List.of("x", "w"), "xw"), node("Add", addInputs, "z"),
                    node("Relu", List.of("z"), "y")), List.of(w, b), 3)) {
                assertEquals(List.of("Dense(2 -> 3)", "ReLU"), m.layers().stream().map(Layer::describe).toList());
                // x @ w + b: [1.5, 1.5, 1] and [3.5, -4.5, 11], then ReLU
                assertArrayEquals(new double[] {1.5, 1.5, 1, 3.5, 0, 11}, predict(m), 0);
            }
        }
    }

    @Test
    void pyTorchsLinearAsGemmWithATransposedWeightAndConstants() throws Exception {
        TensorProto w = TensorProto.of("w", new long[] {3, 2}, new float[] {1, 0, 0, 1, 2, -1}); // (out, in)
        AttributeProto value = new AttributeProto("value", AttributeProto.TENSOR, 0, 0, null,
                TensorProto.of("ignored", new long[] {3}, new float[] {0.5f, -0.5f, 1}), new float[0], new long[0]);
        NodeProto constant = new NodeProto("bias_const", "Constant", "", List.of(), List.of("b"), Map.of("value", value), "");
        try (Sequential m = load(List.of(node("Flatten", List.of("x"), "f", AttributeProto.ofInt("axis", 1)), constant,
                node("Gemm", List.of("f", "w", "b"), "g", AttributeProto.ofInt("transB", 1)),
                node("Dropout", List.of("g"), "y")), List.of(w), 3)) {
            assertEquals(List.of("Dense(2 -> 3)"), m.layers().stream().map(Layer::describe).toList());
            assertArrayEquals(new double[] {1.5, 1.5, 1, 3.5, -4.5, 11}, predict(m), 0);
        }
    }
}
