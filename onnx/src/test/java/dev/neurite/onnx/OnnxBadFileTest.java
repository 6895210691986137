package dev.neurite.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that cannot be imported fail with one message that starts with the file and names the
 * node, the operator or the byte offset; sizes are checked before anything is allocated.
 */
class OnnxBadFileTest {

    @TempDir
    Path dir;

    private String failure(byte[] bytes) throws Exception {
        Path file = dir.resolve("bad.onnx");
        Files.write(file, bytes);
        OnnxFileException e = assertThrows(OnnxFileException.class, () -> Onnx.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(file, e.file());
        return e.getMessage().substring(file.toString().length() + 2);
    }

    private String failure(GraphProto graph) throws Exception {
        Map<String, Long> opsets = Map.of("", ModelProto.OPSET);
        return failure(OnnxCodec.encode(new ModelProto(ModelProto.IR_VERSION, "test", "1", "", opsets, graph, Map.of())));
    }

    private static GraphProto graph(List<NodeProto> nodes, List<TensorProto> initializers) {
        return new GraphProto("g", "", nodes, initializers,
                List.of(new ValueInfoProto("x", TensorProto.FLOAT, List.of("batch", 7L), "")),
                List.of(new ValueInfoProto("y", TensorProto.FLOAT, List.of("batch", 3L), "")));
    }

    private static NodeProto gemm(String name, String w) {
        return new NodeProto(name, "Gemm", "", List.of("x", w), List.of("y"), Map.of(), "");
    }

    @Test
    void aTruncatedFileNamesWhereItEnds() throws Exception {
        Path good = dir.resolve("good.onnx");
        try (Sequential m = new Sequential(7, 1, new Dense(7, 30), new ReLU(), new Dense(30, 3))) {
            Onnx.save(m, good);
        }
        byte[] bytes = Files.readAllBytes(good);
        String problem = failure(Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(problem.contains("truncated"), problem);
        assertTrue(problem.matches("^ModelProto at byte \\d+: .*"), problem);
    }

    @Test
    void aHugeLengthFieldIsRefusedBeforeAnyAllocation() throws Exception {
        // field 7 (the graph), length-delimited, declaring 2^40 bytes
        byte[] bytes = {0x3A, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x20, 1, 2, 3};
        assertEquals("ModelProto at byte 0: field 7 declares 1099511627776 bytes, but only 3 are left "
                + "(truncated or corrupt file)", failure(bytes));
    }

    @Test
    void aFileWithoutAGraphIsNotAModel() throws Exception {
        assertTrue(failure("not an onnx file at all".getBytes()).contains("ModelProto"));
        assertEquals("ModelProto has no graph (not an ONNX model file, or an empty one)", failure(new byte[0]));
    }

    @Test
    void anOperatorWithoutALayerIsNamedWithItsNode() throws Exception {
        NodeProto conv = new NodeProto("conv1", "Conv", "", List.of("x", "w"), List.of("y"), Map.of(), "");
        String problem = failure(graph(List.of(conv), List.of(TensorProto.of("w", new long[] {3, 7}, new float[21]))));
        assertTrue(problem.startsWith("Conv node \"conv1\": operator Conv has no Neurite layer; supported: Gemm"), problem);
    }

    @Test
    void shapesThatDoNotChainAreNamed() throws Exception {
        String problem = failure(graph(List.of(gemm("dense1", "w")),
                List.of(TensorProto.of("w", new long[] {5, 3}, new float[15]))));
        assertEquals("Gemm node \"dense1\" takes 5 features (weight [5, 3]), but 7 come in: the shapes do not chain",
                problem);
    }

    @Test
    void anInitializerOfTheWrongSizeOrTypeIsNamed() throws Exception {
        Map<String, Long> opsets = new LinkedHashMap<>();
        opsets.put("", ModelProto.OPSET);
        // dims say 21 values, the data holds 20
        String problem = failure(graph(List.of(gemm("dense1", "w")),
                List.of(new TensorProto("w", TensorProto.FLOAT, new long[] {7, 3}, new float[20], null))));
        assertTrue(problem.contains("tensor \"w\" of dimensions [7, 3] (float) needs 84 bytes of data, raw_data holds 80"),
                problem);
        problem = failure(graph(List.of(gemm("dense1", "w")),
                List.of(new TensorProto("w", TensorProto.DOUBLE, new long[] {7, 3}, null, new double[21]))));
        assertEquals("Gemm node \"dense1\": B \"w\" is double, the model's input is float", problem);
    }

    @Test
    void hugeDimensionsAreRefusedBeforeAnyAllocation() throws Exception {
        String problem = failure(graph(List.of(gemm("dense1", "w")),
                List.of(new TensorProto("w", TensorProto.FLOAT, new long[] {100_000, 100_000}, new float[1], null))));
        assertTrue(problem.contains("tensor \"w\" has dimensions [100000, 100000], more elements than any array holds"),
                problem);
    }

    @Test
    void aNodeOffTheChainIsNamed() throws Exception {
        NodeProto stray = new NodeProto("relu9", "Relu", "", List.of("z"), List.of("y"), Map.of(), "");
        assertEquals("Relu node \"relu9\" reads [z], not \"x\", the output of the node before it: "
                + "Neurite imports a chain of layers", failure(graph(List.of(stray), List.of())));
    }
}
