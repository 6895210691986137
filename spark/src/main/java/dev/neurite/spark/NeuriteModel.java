package dev.neurite.spark;

import dev.neurite.onnx.Onnx;
import dev.neurite.pipeline.Pipeline;
import dev.neurite.pipeline.Task;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

/**
 * A trained Neurite pipeline as a Spark ML {@code Transformer}: {@link #transform} adds a
 * prediction column (the class index, or the value) and, for a classifier, a probability column
 * (a vector) to a DataFrame with a vector column of raw features. The pipeline is broadcast once
 * (as its exact ONNX bytes), built once per executor JVM, and scores each partition in batches
 * through its thread-safe prediction; a row's scores equal single-machine {@code predict}'s.
 *
 * <pre>{@code
 * NeuriteModel scorer = NeuriteModel.of(pipeline).setFeaturesCol("features");
 * Dataset<Row> scored = scorer.transform(assembled);   // + prediction, probability
 * }</pre>
 */
public final class NeuriteModel extends Model<NeuriteModel> implements MLWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final byte[] model;
    private final String key;
    private final boolean classifier;
    private final int features;
    private final Param<String> featuresCol;
    private final StringArrayParam featureCols;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;

    private NeuriteModel(String uid, byte[] model, String key, boolean classifier, int features) {
        this.uid = uid;
        this.model = model;
        this.key = key;
        this.classifier = classifier;
        this.features = features;
        this.featuresCol = new Param<>(this, "featuresCol", "the vector column of raw features");
        this.featureCols = new StringArrayParam(this, "featureCols",
                "numeric columns of raw features, in order (instead of featuresCol when given)");
        this.predictionCol = new Param<>(this, "predictionCol", "the column of predictions added");
        this.probabilityCol = new Param<>(this, "probabilityCol", "the column of class probabilities added (classifiers)");
        setDefault(featuresCol, "features");
        setDefault(featureCols, new String[0]);
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
    }

    /** A scorer of {@code pipeline}, which it copies: the caller still owns and closes {@code pipeline}. */
    public static NeuriteModel of(Pipeline pipeline) {
        return of(Identifiable$.MODULE$.randomUID("neurite"), pipeline, Onnx.toBytes(pipeline));
    }

    /** A scorer with {@code uid} of {@code pipeline}, whose exact bytes are {@code bytes}. */
    static NeuriteModel of(String uid, Pipeline pipeline, byte[] bytes) {
        return new NeuriteModel(uid, bytes, digest(bytes), pipeline.task() == Task.CLASSIFICATION,
                pipeline.model().inputFeatures());
    }

    /** Spark ML's writer: {@code model.write().overwrite().save(path)}, or as a stage of a {@code PipelineModel}. */
    @Override
    public MLWriter write() {
        return new NeuriteModelIO.Writer(this);
    }

    /** Spark ML's reader, which {@code PipelineModel.load} finds by reflection. */
    public static MLReader<NeuriteModel> read() {
        return new NeuriteModelIO.Reader();
    }

    /** The model saved at {@code path} by {@link #write()}. */
    public static NeuriteModel load(String path) {
        return read().load(path);
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The vector column of raw features (default {@code features}). */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** Numeric columns of raw features, in order; when given, {@link #featuresCol()} is not read (default none). */
    public StringArrayParam featureCols() {
        return featureCols;
    }

    /** The prediction column added (default {@code prediction}). */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** The probability column added by a classifier (default {@code probability}). */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** Sets {@link #featuresCol()}. */
    public NeuriteModel setFeaturesCol(String column) {
        set(featuresCol, column);
        return this;
    }

    /** Sets {@link #featureCols()}. */
    public NeuriteModel setFeatureCols(String... columns) {
        set(featureCols, columns.clone());
        return this;
    }

    /** Sets {@link #predictionCol()}. */
    public NeuriteModel setPredictionCol(String column) {
        set(predictionCol, column);
        return this;
    }

    /** Sets {@link #probabilityCol()}. */
    public NeuriteModel setProbabilityCol(String column) {
        set(probabilityCol, column);
        return this;
    }

    /** True when the pipeline is a classifier (the output has a probability column). */
    public boolean isClassifier() {
        return classifier;
    }

    /** The number of features each row's vector must have. */
    public int numFeatures() {
        return features;
    }

    /** A new copy of the pipeline this model scores with; the caller closes it. */
    public Pipeline pipeline() {
        return Onnx.pipelineFromBytes(model, "the model of " + uid);
    }

    /** The pipeline's ONNX bytes (a copy), for saving. */
    byte[] modelBytes() {
        return model.clone();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        features(schema);
        StructType out = schema;
        for (String added : classifier ? new String[] {getOrDefault(predictionCol), getOrDefault(probabilityCol)}
                : new String[] {getOrDefault(predictionCol)}) {
            if (Arrays.asList(out.fieldNames()).contains(added)) {
                throw new IllegalArgumentException("column " + added + " already exists; choose another with "
                        + (added.equals(getOrDefault(predictionCol)) ? "setPredictionCol" : "setProbabilityCol"));
            }
        }
        out = out.add(getOrDefault(predictionCol), DataTypes.DoubleType, false);
        if (classifier) {
            out = out.add(getOrDefault(probabilityCol), SQLDataTypes.VectorType(), false);
        }
        return out;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        FeatureColumns features = features(dataset.schema());
        Broadcast<byte[]> shared = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())
                .broadcast(model);
        String modelKey = key;
        MapPartitionsFunction<Row, Row> score = rows -> {
            Pipeline p = ExecutorModels.acquire(modelKey, shared.value());
            // rows stream through in batches; the model is released when the task ends, however it ends
            TaskContext.get().addTaskCompletionListener((TaskCompletionListener) task -> ExecutorModels.release(modelKey));
            return new PartitionScorer(rows, p, features);
        };
        return dataset.toDF().mapPartitions(score, Encoders.row(out));
    }

    private FeatureColumns features(StructType schema) {
        return FeatureColumns.of(schema, getOrDefault(featuresCol), (String[]) getOrDefault(featureCols));
    }

    @Override
    public NeuriteModel copy(ParamMap extra) {
        NeuriteModel copy = new NeuriteModel(uid, model, key, classifier, features);
        return copyValues(copy, extra).setParent(parent());
    }
}
