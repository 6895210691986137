package dev.neurite.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.preprocess.SimpleImputer;
import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Softmax;
import dev.neurite.pipeline.FeatureScaling;
import dev.neurite.pipeline.Pipeline;
import dev.neurite.pipeline.Preprocessing;
import dev.neurite.pipeline.Task;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline exported with its preprocessing takes raw features in ONNX Runtime, missing values
 * included, and gives what {@code predictProba} or {@code predictValues} give.
 */
class OnnxPipelineTest {

    static final int ROWS = 23;

    @TempDir
    Path dir;

    @Test
    void aClassifierWithImputerAndStandardScalerGivesItsProbabilities() throws Exception {
        try (Tensor x = rawFeatures(); Tensor y = Tensor.zeros(DType.F32, ROWS, 1)) {
            for (int i = 0; i < ROWS; i++) {
                y.set(i, 0, i % 3);
            }
            Preprocessing pre = Preprocessing.fit(FeatureScaling.STANDARD, SimpleImputer.mean(), Task.CLASSIFICATION, x, y);
            Sequential model = OnnxTestModels.trained(DType.F32, 4, new Dense(7, 8), new ReLU(), new Dense(8, 3));
            try (Pipeline p = Pipeline.of(model, pre, Task.CLASSIFICATION, List.of("a", "b", "c"), List.of(), null, null)) {
                Path file = dir.resolve("classifier.onnx");
                double[] expected = Arrays.stream(p.predictProba(x)).flatMapToDouble(Arrays::stream).toArray();
                exportAndRun(p, file, x, expected);
                try (Pipeline back = Onnx.loadPipeline(file)) {
                    assertEquals(Task.CLASSIFICATION, back.task());
                    assertEquals(List.of("a", "b", "c"), back.classNames());
                    assertArrayEquals(expected, Arrays.stream(back.predictProba(x)).flatMapToDouble(Arrays::stream)
                            .toArray(), 0, "the same pipeline, bit for bit");
                }
            }
        }
    }

    @Test
    void aRegressorWithMinMaxAndTargetScalingGivesItsValues() throws Exception {
        try (Tensor x = rawFeatures(); Tensor y = OnnxTestModels.gaussian(DType.F32, ROWS, 1, 9)) {
            for (int i = 0; i < ROWS; i++) {
                y.set(i, 0, 100 + 30 * y.get(i, 0));
            }
            Preprocessing pre = Preprocessing.fit(FeatureScaling.MIN_MAX, SimpleImputer.constant(-1), Task.REGRESSION, x, y);
            Sequential model = OnnxTestModels.trained(DType.F32, 6, new Dense(7, 5), new ReLU(), new Dense(5, 1));
            List<String> names = List.of("f0", "f1", "f2", "f3", "f4", "f5", "f6");
            try (Pipeline p = Pipeline.of(model, pre, Task.REGRESSION, List.of(), names, null, null)) {
                Path file = dir.resolve("regressor.onnx");
                double[] expected = p.predictValues(x);
                exportAndRun(p, file, x, expected);
                try (Pipeline back = Onnx.loadPipeline(file)) {
                    assertEquals(Task.REGRESSION, back.task());
                    assertEquals(List.of("f0", "f1", "f2", "f3", "f4", "f5", "f6"), back.featureNames());
                    assertArrayEquals(expected, back.predictValues(x), 0, "the same pipeline, bit for bit");
                }
            }
        }
    }

    @Test
    void aFileFromElsewhereIsAPipelineWithoutPreprocessing() throws Exception {
        Path file = dir.resolve("plain.onnx");
        try (Sequential model = OnnxTestModels.trained(DType.F32, 8, new Dense(7, 4), new Softmax());
             Tensor x = OnnxTestModels.gaussian(DType.F32, ROWS, OnnxTestModels.FEATURES, 3)) {
            Onnx.save(model, file);
            try (Pipeline p = Onnx.loadPipeline(file); Tensor expected = model.predict(x)) {
                assertEquals(Task.CLASSIFICATION, p.task());
                assertEquals(List.of("0", "1", "2", "3"), p.classNames());
                assertEquals(List.of("Dense(7 -> 4)"), p.model().layers().stream().map(l -> l.describe()).toList(),
                        "the final softmax is the pipeline's own");
                double[] probabilities = Arrays.stream(p.predictProba(x)).flatMapToDouble(Arrays::stream).toArray();
                assertTrue(OnnxExportTest.maxRelativeDifference(expected.toDoubleArray(), probabilities) <= 1e-6);
            }
        }
    }

    @Test
    void preprocessingNodesThatDisagreeWithTheMetadataAreRefused() throws Exception {
        try (Tensor x = rawFeatures(); Tensor y = Tensor.zeros(DType.F32, ROWS, 1)) {
            Preprocessing pre = Preprocessing.fit(FeatureScaling.STANDARD, SimpleImputer.mean(), Task.CLASSIFICATION, x, y);
            Sequential model = OnnxTestModels.trained(DType.F32, 4, new Dense(7, 2));
            try (Pipeline p = Pipeline.of(model, pre, Task.CLASSIFICATION, List.of("n", "y"), List.of(), null, null)) {
                ModelProto proto = OnnxExporter.export(p.model(), p.preprocessing(), true, OnnxPipelines.metadata(p));
                // someone edits the scaler's shift in the graph, not the metadata
                List<TensorProto> edited = proto.graph().initializers().stream().map(t -> !t.name().equals("scale_shift.shift")
                        ? t : TensorProto.of(t.name(), t.dims(), new float[t.count()])).toList();
                GraphProto g = proto.graph();
                Path file = dir.resolve("edited.onnx");
                java.nio.file.Files.write(file, OnnxCodec.encode(new ModelProto(proto.irVersion(), proto.producerName(),
                        proto.producerVersion(), proto.docString(), proto.opsets(),
                        new GraphProto(g.name(), g.docString(), g.nodes(), edited, g.inputs(), g.outputs()),
                        proto.metadata())));
                OnnxFileException e = org.junit.jupiter.api.Assertions.assertThrows(OnnxFileException.class,
                        () -> Onnx.loadPipeline(file));
                assertTrue(e.getMessage().contains("Sub node \"scale_shift\": value 0 is 0.0, the metadata's preprocessing gives"),
                        e.getMessage());
            }
        }
    }

    /** Exports {@code p} to {@code file}, which ONNX Runtime must run to {@code expected} and the checker accept. */
    private static void exportAndRun(Pipeline p, Path file, Tensor x, double[] expected) throws Exception {
        Onnx.save(p, file);
        double[] actual = OrtRunner.run(file, x.toDoubleArray(), ROWS, OnnxTestModels.FEATURES, false);
        double worst = OnnxExportTest.maxRelativeDifference(expected, actual);
        assertTrue(worst <= OnnxExportTest.F32_TOLERANCE, "ONNX Runtime differs by " + worst);
        System.out.printf(java.util.Locale.ROOT, "%s: max difference %.2e%n", file.getFileName(), worst);
        PythonOnnxTest.check(file);
    }

    /** Features on their own scales, with a few missing (NaN). */
    private static Tensor rawFeatures() {
        Tensor x = OnnxTestModels.gaussian(DType.F32, ROWS, OnnxTestModels.FEATURES, 21);
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < OnnxTestModels.FEATURES; j++) {
                x.set(i, j, x.get(i, j) * (j + 1) * 10 + j * 50);
            }
        }
        x.set(2, 3, Double.NaN);
        x.set(7, 0, Double.NaN);
        x.set(11, 6, Double.NaN);
        return x;
    }
}
