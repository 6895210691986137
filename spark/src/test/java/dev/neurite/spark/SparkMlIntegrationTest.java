package dev.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML fit: the estimator works in a {@code Pipeline} after {@code VectorAssembler} and
 * {@code StandardScaler}, in a {@code CrossValidator}, and fitted pipelines save and load with the
 * Neurite model inside, scoring the same afterwards.
 */
class SparkMlIntegrationTest {

    @TempDir
    Path dir;

    /** Three Gaussian blobs in five named numeric columns, on scales of 1 to 1000. */
    private static Dataset<Row> blobs(SparkSession spark, int rows, long seed) {
        StructType schema = new StructType().add("label", DataTypes.DoubleType, false);
        for (int j = 0; j < 5; j++) {
            schema = schema.add("c" + j, DataTypes.DoubleType, false);
        }
        Random r = new Random(seed);
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int c = i % 3;
            Object[] v = new Object[6];
            v[0] = (double) c;
            for (int j = 0; j < 5; j++) {
                v[j + 1] = (c * 2.0 + r.nextGaussian()) * Math.pow(10, j % 4) + j;
            }
            list.add(RowFactory.create(v));
        }
        return spark.createDataFrame(list, schema).repartition(2);
    }

    private static Pipeline pipeline() {
        VectorAssembler assemble = new VectorAssembler().setInputCols(new String[] {"c0", "c1", "c2", "c3", "c4"})
                .setOutputCol("raw");
        StandardScaler scale = new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true);
        NeuriteEstimator neurite = new NeuriteEstimator().setHiddenLayers(16).setEpochs(6).setBatchSize(16)
                .setLearningRate(0.01).setSeed(3);
        return new Pipeline().setStages(new PipelineStage[] {assemble, scale, neurite});
    }

    private static double[] scores(Dataset<Row> scored) {
        return scored.orderBy("c0").collectAsList().stream()
                .flatMapToDouble(r -> java.util.Arrays.stream(((Vector) r.getAs("probability")).toArray())).toArray();
    }

    @Test
    void inAPipelineAfterTheAssemblerAndScalerAndBackFromDisk() throws Exception {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> train = blobs(spark, 600, 1);
        Dataset<Row> test = blobs(spark, 150, 2);
        PipelineModel fitted = pipeline().fit(train);
        Dataset<Row> scored = fitted.transform(test);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
        assertTrue(accuracy > 0.9, "separable blobs: " + accuracy);

        String path = dir.resolve("pipeline").toString();
        fitted.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        assertArrayEquals(scores(scored), scores(loaded.transform(test)), 0, "the loaded pipeline scores the same");

        NeuriteModel model = (NeuriteModel) fitted.stages()[2];
        String modelPath = dir.resolve("model").toString();
        model.write().save(modelPath);
        NeuriteModel back = NeuriteModel.load(modelPath);
        assertEquals(model.uid(), back.uid());
        assertEquals("features", back.getOrDefault(back.featuresCol()));

        String unfitted = dir.resolve("unfitted").toString();
        pipeline().write().save(unfitted);
        NeuriteEstimator estimator = (NeuriteEstimator) Pipeline.load(unfitted).getStages()[2];
        assertEquals(6, (int) (Integer) estimator.getOrDefault(estimator.epochs()));
    }

    @Test
    void inACrossValidatorOverTheLearningRate() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> train = blobs(spark, 450, 3);
        Pipeline p = pipeline();
        NeuriteEstimator neurite = (NeuriteEstimator) p.getStages()[2];
        ParamMap[] grid = new ParamGridBuilder().addGrid(neurite.learningRate(), new double[] {1e-3, 1e-2}).build();
        CrossValidatorModel cv = new CrossValidator().setEstimator(p).setEstimatorParamMaps(grid)
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy")).setNumFolds(2)
                .setSeed(5).fit(train);
        assertEquals(2, cv.avgMetrics().length);
        for (double m : cv.avgMetrics()) {
            assertTrue(m > 0.5, "well above chance (1/3): " + java.util.Arrays.toString(cv.avgMetrics()));
        }
        double best = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(cv.bestModel().transform(blobs(spark, 150, 4)));
        assertTrue(best > 0.9, "the best model on new rows: " + best);
    }

    @Test
    void namedNumericColumnsNeedNoAssembler() {
        SparkSession spark = SparkTestSession.get();
        StructType schema = new StructType().add("label", DataTypes.IntegerType, false)
                .add("x", DataTypes.DoubleType, true).add("y", DataTypes.FloatType, true).add("z", DataTypes.LongType, true);
        Random r = new Random(9);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int c = i % 2;
            rows.add(RowFactory.create(c, c * 3 + r.nextGaussian(), (float) (c * -2 + r.nextGaussian()), (long) (c * 4)));
        }
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(2);
        NeuriteModel model = new NeuriteEstimator().setFeatureCols("x", "y", "z").setHiddenLayers(8).setEpochs(5)
                .setBatchSize(16).setLearningRate(0.02).setSeed(1).fit(df);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(model.transform(df));
        assertTrue(accuracy > 0.95, "separable classes from three named columns: " + accuracy);
        Dataset<Row> withNull = spark.createDataFrame(List.of(RowFactory.create(0, 1.0, null, 2L)), schema);
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> model.transform(withNull).collectAsList());
        assertTrue(NeuriteModelTest.rootMessage(e).contains("column y: a row has no value (null)"),
                NeuriteModelTest.rootMessage(e));
        IllegalArgumentException notNumeric = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new NeuriteEstimator().setFeatureCols("x", "label2").fit(df.withColumn("label2",
                        org.apache.spark.sql.functions.lit("a"))));
        assertEquals("column label2 is string, not numeric", notNumeric.getMessage());
    }
}
