package dev.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.preprocess.SimpleImputer;
import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.pipeline.FeatureScaling;
import dev.neurite.pipeline.Pipeline;
import dev.neurite.pipeline.Preprocessing;
import dev.neurite.pipeline.Task;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Distributed scoring on local[2]: every row's prediction and probabilities equal the
 * single-machine pipeline's, bit for bit, whatever the partitioning; bad input names the column.
 */
class NeuriteModelTest {

    static final int FEATURES = 5;
    static final int ROWS = 1_203; // not a multiple of the partitions or of the scoring batch

    private static double[][] rows(long seed) {
        Random r = new Random(seed);
        double[][] x = new double[ROWS][FEATURES];
        for (double[] row : x) {
            for (int j = 0; j < FEATURES; j++) {
                row[j] = r.nextGaussian() * (j + 1) + j;
            }
        }
        return x;
    }

    private static Dataset<Row> frame(SparkSession spark, double[][] x, int partitions) {
        StructType schema = new StructType().add("id", DataTypes.IntegerType, false)
                .add("features", SQLDataTypes.VectorType(), true);
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            list.add(RowFactory.create(i, Vectors.dense(x[i])));
        }
        return spark.createDataFrame(list, schema).repartition(partitions);
    }

    private static Pipeline pipeline(Task task, double[][] x) {
        Sequential model = new Sequential(FEATURES, 5, new Dense(FEATURES, 16), new ReLU(),
                new Dense(16, task == Task.CLASSIFICATION ? 3 : 1));
        model.eval();
        try (Tensor t = Tensor.zeros(DType.F32, x.length, FEATURES); Tensor y = Tensor.zeros(DType.F32, x.length, 1)) {
            t.copyFrom(Arrays.stream(x).flatMapToDouble(Arrays::stream).toArray());
            for (int i = 0; i < x.length; i++) {
                y.set(i, 0, task == Task.CLASSIFICATION ? i % 3 : x[i][0] * 10);
            }
            Preprocessing pre = Preprocessing.fit(FeatureScaling.STANDARD, SimpleImputer.mean(), task, t, y);
            return Pipeline.of(model, pre, task, task == Task.CLASSIFICATION ? List.of("a", "b", "c") : List.of(),
                    List.of(), null, null);
        }
    }

    @Test
    void scoresEqualSingleMachinePredictRowForRow() {
        SparkSession spark = SparkTestSession.get();
        double[][] x = rows(1);
        for (Task task : Task.values()) {
            try (Pipeline p = pipeline(task, x); Tensor all = Tensor.zeros(DType.F32, ROWS, FEATURES)) {
                all.copyFrom(Arrays.stream(x).flatMapToDouble(Arrays::stream).toArray());
                double[][] proba = task == Task.CLASSIFICATION ? p.predictProba(all) : null;
                int[] classes = task == Task.CLASSIFICATION ? p.predictClasses(all) : null;
                double[] values = task == Task.REGRESSION ? p.predictValues(all) : null;
                NeuriteModel scorer = NeuriteModel.of(p);
                for (int partitions : new int[] {1, 3, 8}) {
                    List<Row> scored = scorer.transform(frame(spark, x, partitions)).collectAsList();
                    assertEquals(ROWS, scored.size());
                    for (Row r : scored) {
                        int id = r.getInt(0);
                        if (task == Task.CLASSIFICATION) {
                            assertEquals(classes[id], r.getDouble(2), 0, "row " + id);
                            assertArrayEquals(proba[id], ((Vector) r.get(3)).toArray(), 0, "row " + id);
                        } else {
                            assertEquals(values[id], r.getDouble(2), 0, "row " + id);
                        }
                    }
                }
            }
        }
    }

    @Test
    void badInputNamesTheColumn() {
        SparkSession spark = SparkTestSession.get();
        double[][] x = rows(2);
        try (Pipeline p = pipeline(Task.CLASSIFICATION, x)) {
            NeuriteModel scorer = NeuriteModel.of(p);
            Dataset<Row> df = frame(spark, x, 2);
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> scorer.copy(new org.apache.spark.ml.param.ParamMap()).setFeaturesCol("pixels").transform(df));
            assertEquals("column pixels not found; the DataFrame has [id, features]", missing.getMessage());
            IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                    () -> scorer.transform(df.withColumnRenamed("id", "prediction")));
            assertTrue(taken.getMessage().startsWith("column prediction already exists"), taken.getMessage());

            StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), true);
            Dataset<Row> shortRows = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2, 3))), schema);
            Exception wrongSize = assertThrows(Exception.class, () -> scorer.transform(shortRows).collectAsList());
            assertTrue(rootMessage(wrongSize).contains("column features: a row has 3 features, 5 expected"),
                    rootMessage(wrongSize));
            Dataset<Row> nullRows = spark.createDataFrame(List.of(RowFactory.create((Object) null)), schema);
            Exception nullRow = assertThrows(Exception.class, () -> scorer.transform(nullRows).collectAsList());
            assertTrue(rootMessage(nullRow).contains("column features: a row has no feature vector (null)"),
                    rootMessage(nullRow));
        }
    }

    static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
