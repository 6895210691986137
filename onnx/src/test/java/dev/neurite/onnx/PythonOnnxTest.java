package dev.neurite.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Layer;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's side: the {@code onnx} package's checker accepts every exported file, and models that
 * PyTorch exports with {@code torch.onnx.export} load into Neurite with PyTorch's outputs. Needs
 * {@code /usr/bin/python3} with {@code onnx} and {@code torch} (Debian's python3-onnx and
 * python3-torch, which CI installs); fails, rather than skips, without them.
 */
class PythonOnnxTest {

    static final String PYTHON = "/usr/bin/python3";
    /** float32 in both; PyTorch's kernels sum in their own order. Relative to max(1, |value|). */
    static final double F32_TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    @Test
    void theOnnxCheckerAcceptsEveryExportedFile() throws Exception {
        List<String> files = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (Map.Entry<String, Supplier<Layer[]>> c : OnnxExportTest.perLayerType().entrySet()) {
                Path file = dir.resolve(dtype.label() + "_" + c.getKey().replace(' ', '_') + ".onnx");
                try (Sequential model = OnnxTestModels.trained(dtype, 3, c.getValue().get())) {
                    Onnx.save(model, file);
                }
                files.add(file.toString());
            }
        }
        String out = python("check_with_onnx.py", files);
        assertEquals(files.size(), out.lines().filter(l -> l.contains(" ok Neurite ")).count(), out);
    }

    @Test
    void modelsExportedByPyTorchLoadWithPyTorchsOutputs() throws Exception {
        python("export_from_torch.py", List.of(dir.toString()));
        List<String> lines = Files.readAllLines(dir.resolve("expected.txt"));
        assertEquals(3, lines.size());
        StringBuilder report = new StringBuilder();
        for (String line : lines) {
            String[] halves = line.split(" \\| ");
            String[] head = halves[0].split(" ");
            String name = head[0];
            int rows = Integer.parseInt(head[1]);
            int cols = Integer.parseInt(head[2]);
            double[] x = Arrays.stream(head, 3, head.length).mapToDouble(Double::parseDouble).toArray();
            double[] expected = Arrays.stream(halves[1].trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
            try (Sequential model = Onnx.load(dir.resolve(name + ".onnx")); Tensor in = Tensor.zeros(DType.F32, rows, cols)) {
                in.copyFrom(x);
                try (Tensor y = model.predict(in)) {
                    double worst = OnnxExportTest.maxRelativeDifference(expected, y.toDoubleArray());
                    report.append(String.format(Locale.ROOT, "%s: %s, max difference %.2e%n", name,
                            model.layers().stream().map(Layer::describe).toList(), worst));
                    assertTrue(worst <= F32_TOLERANCE, name + " differs from PyTorch by " + worst);
                }
            }
        }
        System.out.print(report);
    }

    /** Runs the onnx package's full check on {@code files}; fails the test when it rejects one. */
    static void check(Path... files) throws IOException, InterruptedException, URISyntaxException {
        String out = python("check_with_onnx.py", Arrays.stream(files).map(Path::toString).toList());
        assertEquals(files.length, out.lines().filter(l -> l.contains(" ok Neurite ")).count(), out);
    }

    private static String python(String script, List<String> args)
            throws IOException, InterruptedException, URISyntaxException {
        Path path = Path.of(PythonOnnxTest.class.getResource("/onnx/" + script).toURI());
        List<String> command = new ArrayList<>(List.of(PYTHON, path.toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python finished");
        assertEquals(0, p.exitValue(), script + ": " + out);
        return out;
    }
}
