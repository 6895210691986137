package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Dropout;
import dev.neurite.nn.LayerNorm;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Sigmoid;
import dev.neurite.nn.Tanh;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PyTorch state_dict saved as safetensors loads into the same architecture built in Neurite and
 * gives PyTorch's outputs; a state_dict that does not fit is refused before any weight changes.
 * Needs {@code /usr/bin/python3} with torch, as {@link TorchInteropTest} does.
 */
class TorchWeightsTest {

    /** float32 on both sides; the sums run in different orders. Relative to max(1, |value|). */
    static final double TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    private static Sequential architecture(DType dtype) {
        return Sequential.withoutInit(6, dtype, 0, new Dense(6, 16), new BatchNorm(16), new ReLU(), new Dropout(0.2),
                new Dense(16, 12), new LayerNorm(12), new Tanh(), new Dense(12, 8), new Sigmoid(), new Dense(8, 8),
                new ReLU(), new Dense(8, 8), new ReLU(), new Dense(8, 8), new ReLU(), new Dense(8, 1, false));
    }

    @Test
    void aPyTorchStateDictLoadsIntoTheSameArchitecture() throws Exception {
        Process p = new ProcessBuilder(TorchInteropTest.PYTHON,
                Path.of(TorchWeightsTest.class.getResource("/io/torch_state_dict.py").toURI()).toString(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python finished");
        assertEquals(0, p.exitValue(), out);
        String[] halves = Files.readString(dir.resolve("expected.txt")).trim().split(" \\| ");
        String[] head = halves[0].split(" ");
        double[] x = Arrays.stream(head, 2, head.length).mapToDouble(Double::parseDouble).toArray();
        double[] expected = Arrays.stream(halves[1].split(" ")).mapToDouble(Double::parseDouble).toArray();
        for (DType dtype : DType.values()) {
            try (Sequential model = architecture(dtype); Tensor in = Tensor.zeros(dtype, 5, 6)) {
                TorchWeights.load(model, dir.resolve("state_dict.safetensors"));
                in.copyFrom(x);
                try (Tensor y = model.predict(in)) {
                    double[] actual = y.toDoubleArray();
                    double worst = 0;
                    for (int i = 0; i < expected.length; i++) {
                        worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.max(1, Math.abs(expected[i])));
                        assertEquals(expected[i], actual[i], TOLERANCE * Math.max(1, Math.abs(expected[i])),
                                dtype + " output " + i);
                    }
                    System.out.printf(java.util.Locale.ROOT, "%s: max difference from PyTorch %.2e%n", dtype, worst);
                }
            }
        }
        // modules are ordered by number: 10, 12, 14 and 15 come after 9, not after 1
        assertEquals(List.of("0", "1", "2", "9", "10", "15"),
                List.of("10", "2", "0", "15", "9", "1").stream().sorted(TorchWeights::naturalOrder).toList());
        assertEquals(List.of("fc1", "fc2", "fc10"),
                List.of("fc10", "fc2", "fc1").stream().sorted(TorchWeights::naturalOrder).toList());
    }

    @Test
    void aStateDictThatDoesNotFitIsRefusedAndChangesNothing() throws Exception {
        Path file = dir.resolve("other.safetensors");
        // a Neurite weights file has names like dense1.weight: a Linear-shaped [in, out] weight does not fit [out, in]
        try (Sequential other = new Sequential(6, 1, new Dense(6, 4), new ReLU(), new Dense(4, 3))) {
            ModelIO.save(other, dir.resolve("m"), Metadata.empty());
            Files.copy(ModelIO.weightsFile(dir.resolve("m")), file);
        }
        try (Sequential model = new Sequential(6, 2, new Dense(6, 4), new ReLU(), new Dense(4, 3))) {
            double[] before = model.parameters().get(0).value().toDoubleArray();
            ModelFileException e = assertThrows(ModelFileException.class, () -> TorchWeights.load(model, file));
            assertEquals(file + ": PyTorch module 'dense1' has weight of shape [6, 4], the layer needs [4, 6]"
                    + " (layer dense1, Dense(6 -> 4))", e.getMessage());
            assertTrue(Arrays.equals(before, model.parameters().get(0).value().toDoubleArray()), "nothing written");
        }
        try (Sequential three = new Sequential(6, 2, new Dense(6, 4), new Dense(4, 4), new Dense(4, 3))) {
            ModelFileException e = assertThrows(ModelFileException.class, () -> TorchWeights.load(three, file));
            assertEquals(file + ": the state_dict has 2 modules with weights [dense1, dense2], the model 3 layers with "
                    + "weights [dense1, dense2, dense3]", e.getMessage());
        }
    }

    /** A safetensors file of F32 tensors, each name with its shape and values. */
    private static Path safetensors(Path file, Object... nameShapeValues) throws IOException {
        StringBuilder header = new StringBuilder("{");
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        for (int t = 0; t < nameShapeValues.length; t += 3) {
            int[] shape = (int[]) nameShapeValues[t + 1];
            float[] values = (float[]) nameShapeValues[t + 2];
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            header.append(t == 0 ? "" : ",").append('"').append(nameShapeValues[t]).append("\":{\"dtype\":\"F32\",\"shape\":")
                    .append(Arrays.toString(shape).replace(" ", "")).append(",\"data_offsets\":[").append(data.size())
                    .append(',').append(data.size() + values.length * 4).append("]}");
            data.write(b.array());
        }
        byte[] h = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer len = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(h.length);
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            out.write(len.array());
            out.write(h);
            out.write(data.toByteArray());
        }
        return file;
    }

    @Test
    void modulesWhoseNamesDoNotNumberThemNeedTheirOrderGiven() throws Exception {
        // two same-shaped layers: taken in the wrong order they would load without an error
        float[] a = new float[16];
        float[] b = new float[16];
        Arrays.fill(a, 1);
        Arrays.fill(b, 2);
        Path file = safetensors(dir.resolve("named.safetensors"), "second.weight", new int[] {4, 4}, b,
                "first.weight", new int[] {4, 4}, a);
        try (Sequential model = new Sequential(4, 1, new Dense(4, 4, false), new ReLU(), new Dense(4, 4, false))) {
            ModelFileException e = assertThrows(ModelFileException.class, () -> TorchWeights.load(model, file));
            assertEquals(file + ": the PyTorch modules [first, second] are not numbered, so their order in the network "
                    + "is unknown: pass it, TorchWeights.load(model, file, List.of(...))", e.getMessage());
            TorchWeights.load(model, file, List.of("first", "second"));
            assertEquals(1, model.parameters().get(0).value().get(0, 0));
            assertEquals(2, model.parameters().get(1).value().get(0, 0));
            ModelFileException wrongList = assertThrows(ModelFileException.class,
                    () -> TorchWeights.load(model, file, List.of("first")));
            assertTrue(wrongList.getMessage().contains("does not list the state_dict's modules"), wrongList.getMessage());
        }
        Path mixed = safetensors(dir.resolve("mixed.safetensors"), "features.0.weight", new int[] {4, 4}, a,
                "head1.weight", new int[] {4, 4}, b);
        try (Sequential model = new Sequential(4, 1, new Dense(4, 4, false), new Dense(4, 4, false))) {
            ModelFileException e = assertThrows(ModelFileException.class, () -> TorchWeights.load(model, mixed));
            assertTrue(e.getMessage().contains("numbered in several series [features., head]"), e.getMessage());
        }
    }
}
