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
}
