package dev.neurite.cli;

import dev.neurite.pipeline.Pipeline;
import dev.neurite.spark.NeuriteEstimator;
import dev.neurite.spark.NeuriteModel;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark side of {@code spark-train}, in a class of its own so that the command line loads
 * Spark's classes only when this command runs (the other commands run without Spark on the class
 * path): a session on the master, the training rows as a DataFrame, and the estimator's fit.
 */
final class SparkTraining {

    private SparkTraining() {
    }

    /** Trains on features {@code x} (already preprocessed) and targets {@code y}; returns the network's pipeline, which the caller closes. */
    static Pipeline fit(String master, int partitions, Tensor x, double[] y, boolean classifier, int[] layers,
                        int epochs, int batchSize, double lr, long seed, String averaging, int averagingSteps) {
        SparkSession.Builder builder = SparkSession.builder().master(master).appName("neurite spark-train")
                .config("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            // everything runs in this process: no need to find this machine's address on the network
            builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            spark.sparkContext().setLogLevel("WARN");
            StructType schema = new StructType().add("label", DataTypes.DoubleType, false)
                    .add("features", SQLDataTypes.VectorType(), false);
            List<Row> rows = new ArrayList<>(x.rows());
            for (int i = 0; i < x.rows(); i++) {
                rows.add(RowFactory.create(y[i], Vectors.dense(x.row(i).toDoubleArray())));
            }
            int parts = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
            NeuriteModel model = new NeuriteEstimator().setTask(classifier ? "classification" : "regression")
                    .setHiddenLayers(layers).setEpochs(epochs).setBatchSize(batchSize).setLearningRate(lr).setSeed(seed)
                    .setAveraging(averaging).setAveragingSteps(averagingSteps)
                    .fit(spark.createDataFrame(rows, schema).repartition(parts));
            return model.pipeline();
        } finally {
            spark.stop();
        }
    }
}
