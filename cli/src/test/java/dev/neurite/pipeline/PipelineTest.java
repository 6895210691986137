package dev.neurite.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.cli.Main;
import dev.neurite.data.CsvReader;
import dev.neurite.data.Dataset;
import dev.neurite.data.preprocess.SimpleImputer;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java pipeline gives API users the command line's guarantees, in the same model format. */
class PipelineTest {

    /** Probabilities are printed by predict with six significant digits. */
    private static final double PRINTED_PROBABILITY = 1e-5;

    @TempDir
    Path dir;

    /** Three separable classes in features a, b, c; the label "kind" sits between them. */
    private Path classes(String name, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("a,kind,b,c\n");
        String[] kinds = {"cat", "dog", "eel"};
        for (int i = 0; i < rows; i++) {
            int k = i % 3;
            sb.append(String.format(Locale.ROOT, "%.4f,%s,%.4f,%.4f%n", 3 * k + random.nextGaussian() * 0.4, kinds[k],
                    -2 * k + random.nextGaussian() * 0.4, random.nextGaussian()));
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    private static int code(Object... args) {
        String[] text = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            text[i] = String.valueOf(args[i]);
        }
        StringWriter err = new StringWriter();
        int code = Main.run(text, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return code;
    }

    @Test
    void fitsPredictsLabelsAndEvaluatesByName() throws IOException {
        Dataset train = CsvReader.classification("kind").read(classes("train.csv", 150, 1));
        Dataset test = CsvReader.classification("kind").classes(train.classNames()).read(classes("test.csv", 60, 2));
        try (Pipeline p = PipelineTrainer.classifier().labelColumn("kind").hidden(8).epochs(30).batchSize(16)
                .optimizer(params -> new Adam(params, 1e-2)).validation(0.2).earlyStopping(5).fit(train)) {
            assertEquals(List.of("a", "b", "c"), p.featureNames());
            assertEquals(List.of("cat", "dog", "eel"), p.classNames());
            Map<String, Double> metrics = p.evaluate(test);
            assertTrue(metrics.get("accuracy") > 0.95, metrics.toString());
            String[] labels = p.predictLabels(p.features(test));
            String[] truth = test.classLabelNames();
            int same = 0;
            for (int i = 0; i < labels.length; i++) {
                same += labels[i].equals(truth[i]) ? 1 : 0;
            }
            assertEquals(metrics.get("accuracy"), (double) same / labels.length, 1e-12);
            double[][] proba = p.predictProba(p.features(test));
            for (double[] row : proba) {
                assertEquals(1, java.util.Arrays.stream(row).sum(), 1e-5);
            }

            // the same rows with the columns in another order: the same predictions, by name
            Path shuffled = Files.writeString(dir.resolve("shuffled.csv"), reorder(dir.resolve("test.csv")));
            Dataset reordered = CsvReader.classification("kind").classes(train.classNames()).read(shuffled);
            assertEquals(List.of("c", "a", "b"), reordered.featureNames());
            assertArrayEquals(labels, p.predictLabels(p.features(reordered)));
            assertArrayEquals(labels, p.predictLabels(p.readFeatures(shuffled)));

            Dataset other = CsvReader.classification("kind").read(Files.writeString(dir.resolve("other.csv"),
                    "a,kind,bb,c\n1,cat,2,3\n4,dog,5,6\n"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.features(other));
            assertTrue(e.getMessage().contains("missing [b], unexpected [bb]"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> p.predictValues(p.features(test)));
        }
    }

    private static String reorder(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] c = line.split(",");
            out.add(String.join(",", c[3], c[1], c[0], c[2]));
        }
        return String.join("\n", out) + "\n";
    }

    @Test
    void nonFiniteInputsAreRefusedUnlessThePipelineImputes() throws IOException {
        Dataset train = CsvReader.classification("kind").read(classes("train.csv", 90, 3));
        Tensor x = Tensor.managed(DType.F32, 1, 3);
        x.copyFrom(new double[] {1, Double.NaN, 0});
        try (Pipeline p = PipelineTrainer.classifier().hidden(4).epochs(2).fit(train)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.predictLabels(x));
            assertTrue(e.getMessage().contains("input row 0, column 1 is NaN"), e.getMessage());
        }
        try (Pipeline p = PipelineTrainer.classifier().hidden(4).epochs(2).imputer(SimpleImputer::mean).fit(train)) {
            assertEquals(1, p.predictLabels(x).length);
            x.copyFrom(new double[] {1, Double.POSITIVE_INFINITY, 0});
            assertThrows(IllegalArgumentException.class, () -> p.predictLabels(x));
        }
    }

    @Test
    void fitRefusesDataItCannotLearnFrom() throws IOException {
        Dataset one = CsvReader.classification("kind").read(Files.writeString(dir.resolve("one.csv"),
                "a,kind\n1,x\n2,x\n3,x\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PipelineTrainer.classifier().fit(one));
        assertTrue(e.getMessage().contains("at least two classes"), e.getMessage());
        Dataset values = CsvReader.regression("y").read(Files.writeString(dir.resolve("v.csv"), "a,y\n1,0.5\n2,1.5\n"));
        e = assertThrows(IllegalArgumentException.class, () -> PipelineTrainer.classifier().fit(values));
        assertTrue(e.getMessage().contains("not a class index"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PipelineTrainer.regressor().earlyStopping(2).fit(values));
        assertTrue(e.getMessage().contains("early stopping needs validation rows"), e.getMessage());
    }

    @Test
    void aPipelineSavedFromJavaWorksWithTheCommandLineAndBack() throws IOException {
        Path trainCsv = classes("train.csv", 150, 4);
        Path testCsv = classes("test.csv", 30, 5);
        Dataset train = CsvReader.classification("kind").read(trainCsv);
        Path saved = dir.resolve("java-model");
        String[] javaLabels;
        double[][] javaProba;
        try (Pipeline p = PipelineTrainer.classifier().labelColumn("kind").hidden(8).epochs(10).fit(train)) {
            p.save(saved);
            javaLabels = p.predictLabels(p.readFeatures(testCsv));
            javaProba = p.predictProba(p.readFeatures(testCsv));
        }
        Path out = dir.resolve("cli-predictions.csv");
        code("predict", "--model", saved, "--input", testCsv, "--output", out);
        List<String> lines = Files.readAllLines(out);
        assertEquals("prediction,p_cat,p_dog,p_eel", lines.getFirst());
        for (int i = 0; i < javaLabels.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(javaLabels[i], cells[0]);
            for (int c = 0; c < 3; c++) {
                assertEquals(javaProba[i][c], Double.parseDouble(cells[c + 1]), PRINTED_PROBABILITY);
            }
        }

        // a model the command line trained loads in Java and predicts what the command line predicts
        Path run = dir.resolve("run");
        code("train", "--data", "csv:" + trainCsv, "--label", "kind", "--epochs", "3", "--layers", "4",
                "--no-baselines", "--out", run);
        Path cliOut = dir.resolve("cli.csv");
        code("predict", "--model", run.resolve("model"), "--input", testCsv, "--output", cliOut);
        try (Pipeline loaded = Pipeline.load(run.resolve("model"))) {
            assertEquals(Task.CLASSIFICATION, loaded.task());
            assertEquals("kind", loaded.labelColumn());
            String[] labels = loaded.predictLabels(loaded.readFeatures(testCsv));
            List<String> cli = Files.readAllLines(cliOut);
            for (int i = 0; i < labels.length; i++) {
                assertEquals(cli.get(i + 1).split(",")[0], labels[i]);
            }
        }
    }

    @Test
    void regressionPredictsValuesInTargetUnits() throws IOException {
        Random random = new Random(6);
        StringBuilder sb = new StringBuilder("u,v,y\n");
        for (int i = 0; i < 200; i++) {
            double u = random.nextDouble();
            double v = random.nextDouble();
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", u, v, 100 + 20 * u - 10 * v));
        }
        Dataset data = CsvReader.regression("y").read(Files.writeString(dir.resolve("r.csv"), sb.toString()));
        try (Pipeline p = PipelineTrainer.regressor().hidden(16).epochs(60).optimizer(params -> new Adam(params, 1e-2))
                .fit(data)) {
            Map<String, Double> m = p.evaluate(data);
            assertTrue(m.get("r2") > 0.95, m.toString());
            double[] values = p.predictValues(p.features(data));
            assertEquals(data.size(), values.length);
            assertEquals(105, java.util.Arrays.stream(values).average().orElseThrow(), 2, "values in target units (mean 100 + 10 - 5)");
            Path saved = dir.resolve("reg");
            p.save(saved);
            try (Pipeline back = Pipeline.load(saved)) {
                assertArrayEquals(values, back.predictValues(back.features(data)), 1e-9);
            }
        }
    }
}
