package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Sequential;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch opens Neurite's weights files: {@code read_with_torch.py} prints each tensor's name,
 * shape and sum, which must match the Java values. Needs {@code /usr/bin/python3} with torch
 * (Debian's python3-torch, which {@code .ci/run} installs) and fails, rather than skips, without it.
 */
class TorchInteropTest {

    /** Both sides sum in float64, in different orders. */
    static final double SUM_TOLERANCE = 1e-9;
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void torchReadsEveryTensorWithItsShapeAndValues() throws IOException, InterruptedException, URISyntaxException {
        for (DType dtype : DType.values()) {
            Path where = dir.resolve(dtype.label());
            Map<String, Tensor> expected;
            try (Sequential model = IoTestModels.everyLayer(dtype, 8)) {
                IoTestModels.perturb(model, new Adam(model.parameters(), 0.01));
                ModelIO.save(model, where, Metadata.empty());
                expected = new LinkedHashMap<>();
                TensorFiles.modelState(model).forEach((name, t) -> expected.put(name, t.copy()));
            }
            Path script = Path.of(TorchInteropTest.class.getResource("/io/read_with_torch.py").toURI());
            Process p = new ProcessBuilder(PYTHON, script.toString(), ModelIO.weightsFile(where).toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python finished");
            assertEquals(0, p.exitValue(), out);
            System.out.print(out);
            List<String> lines = new ArrayList<>(out.lines().filter(l -> !l.startsWith("#")).toList());
            assertEquals(expected.size(), lines.size(), out);
            int i = 0;
            for (Map.Entry<String, Tensor> e : expected.entrySet()) {
                String[] parts = lines.get(i++).split(" ");
                Tensor t = e.getValue();
                assertEquals(e.getKey(), parts[0]);
                assertEquals(t.rows() + "," + t.cols(), parts[1], e.getKey());
                double sum = 0;
                for (double v : t.toDoubleArray()) {
                    sum += v;
                }
                double tolerance = SUM_TOLERANCE * Math.max(1, Math.abs(sum));
                assertEquals(sum, Double.parseDouble(parts[2]), tolerance, e.getKey());
            }
        }
    }
}
