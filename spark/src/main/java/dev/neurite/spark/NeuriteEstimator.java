package dev.neurite.spark;

import dev.neurite.nn.Sequential;
import dev.neurite.optim.Adam;
import dev.neurite.pipeline.Pipeline;
import dev.neurite.pipeline.Preprocessing;
import dev.neurite.pipeline.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Data-parallel training of a Neurite MLP on a DataFrame, as a Spark ML {@code Estimator}: a
 * vector column of features and a numeric label column (class indices, or values for
 * regression). Training runs in synchronous rounds: the parameters and Adam's state are
 * broadcast, each partition takes {@code averagingSteps} optimizer steps (an epoch's worth by
 * default) on its own rows, each with its share of the global {@code batchSize}, so an epoch takes
 * as many steps as on one machine, and the
 * partitions' parameters and optimizer state are averaged, weighted by their examples, with
 * {@code treeAggregate}. The same seed and partitioning give the same model, and a retried task
 * gives what the first try gave. With {@code averaging = gradients} every step is synchronous
 * instead: the partitions' gradients are averaged and one Adam step is taken on the driver, which
 * is single-machine training with the same global batch, at a Spark job per step.
 * {@link #fit} returns a {@link NeuriteModel}.
 */
public final class NeuriteEstimator extends Estimator<NeuriteModel> implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol;
    private final StringArrayParam featureCols;
    private final Param<String> labelCol;
    private final Param<String> task;
    private final IntArrayParam hiddenLayers;
    private final IntParam epochs;
    private final IntParam averagingSteps;
    private final Param<String> averaging;
    private final IntParam batchSize;
    private final DoubleParam learningRate;
    private final LongParam seed;

    /** An estimator with the defaults: one hidden layer of 64, 5 epochs, batch 64, Adam 1e-3, seed 42. */
    public NeuriteEstimator() {
        this(Identifiable$.MODULE$.randomUID("neurite-estimator"));
    }

    /** An estimator with the given uid (Spark ML's readers make stages this way). */
    public NeuriteEstimator(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "the vector column of features");
        featureCols = new StringArrayParam(this, "featureCols",
                "numeric columns of features, in order (instead of featuresCol when given)");
        labelCol = new Param<>(this, "labelCol", "the label column: class indices or values");
        task = new Param<>(this, "task", "classification or regression");
        hiddenLayers = new IntArrayParam(this, "hiddenLayers", "the widths of the hidden layers");
        epochs = new IntParam(this, "epochs", "passes over the data in all");
        averagingSteps = new IntParam(this, "averagingSteps",
                "optimizer steps each partition takes between two averagings (0: one epoch)");
        batchSize = new IntParam(this, "batchSize",
                "rows per optimizer step over all partitions; each partition steps with its share");
        learningRate = new DoubleParam(this, "learningRate", "Adam's learning rate");
        seed = new LongParam(this, "seed", "the seed of the weights and of every shuffle");
        setDefault(featuresCol, "features");
        setDefault(featureCols, new String[0]);
        setDefault(labelCol, "label");
        setDefault(task, "classification");
        setDefault(hiddenLayers, new int[] {64});
        setDefault(epochs, 5);
        averaging = new Param<>(this, "averaging", "what the partitions' results average: parameters (after "
                + "averagingSteps local steps) or gradients (every step, synchronous data-parallel SGD)");
        setDefault(averagingSteps, 0);
        setDefault(averaging, "parameters");
        setDefault(batchSize, 64);
        setDefault(learningRate, 1e-3);
        setDefault(seed, 42L);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** Spark ML's reader of a saved, unfitted estimator (its params). */
    public static MLReader<NeuriteEstimator> read() {
        return new DefaultParamsReader<>();
    }

    /** The estimator saved at {@code path}. */
    public static NeuriteEstimator load(String path) {
        return read().load(path);
    }

    /** The vector column of features (default {@code features}). */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** Numeric columns of features, in order; when given, {@link #featuresCol()} is not read (default none). */
    public StringArrayParam featureCols() {
        return featureCols;
    }

    /** The label column (default {@code label}). */
    public Param<String> labelCol() {
        return labelCol;
    }

    /** {@code classification} (the default) or {@code regression}. */
    public Param<String> task() {
        return task;
    }

    /** The widths of the hidden layers (default one of 64). */
    public IntArrayParam hiddenLayers() {
        return hiddenLayers;
    }

    /** Passes over the data (default 5). */
    public IntParam epochs() {
        return epochs;
    }

    /** Steps between two averagings of the parameters (default 0: once per epoch). */
    public IntParam averagingSteps() {
        return averagingSteps;
    }

    /** The global batch: rows per optimizer step over all partitions (default 64). */
    public IntParam batchSize() {
        return batchSize;
    }

    /** Adam's learning rate (default 1e-3). */
    public DoubleParam learningRate() {
        return learningRate;
    }

    /** The seed of the weights and of every shuffle (default 42). */
    public LongParam seed() {
        return seed;
    }

    /** Sets {@link #featuresCol()}. */
    public NeuriteEstimator setFeaturesCol(String v) {
        set(featuresCol, v);
        return this;
    }

    /** Sets {@link #featureCols()}. */
    public NeuriteEstimator setFeatureCols(String... v) {
        set(featureCols, v.clone());
        return this;
    }

    /** Sets {@link #labelCol()}. */
    public NeuriteEstimator setLabelCol(String v) {
        set(labelCol, v);
        return this;
    }

    /** Sets {@link #task()}. */
    public NeuriteEstimator setTask(String v) {
        set(task, Task.parse(v).label());
        return this;
    }

    /** Sets {@link #hiddenLayers()}. */
    public NeuriteEstimator setHiddenLayers(int... v) {
        set(hiddenLayers, v.clone());
        return this;
    }

    /** Sets {@link #epochs()}. */
    public NeuriteEstimator setEpochs(int v) {
        set(epochs, v);
        return this;
    }

    /** {@code parameters} (the default) or {@code gradients}. */
    public Param<String> averaging() {
        return averaging;
    }

    /** Sets {@link #averaging()}: {@code parameters} or {@code gradients}. */
    public NeuriteEstimator setAveraging(String v) {
        if (!v.equals("parameters") && !v.equals("gradients")) {
            throw new IllegalArgumentException("averaging must be parameters or gradients, got '" + v + "'");
        }
        set(averaging, v);
        return this;
    }

    /** Sets {@link #averagingSteps()}. */
    public NeuriteEstimator setAveragingSteps(int v) {
        set(averagingSteps, v);
        return this;
    }

    /** Sets {@link #batchSize()}. */
    public NeuriteEstimator setBatchSize(int v) {
        set(batchSize, v);
        return this;
    }

    /** Sets {@link #learningRate()}. */
    public NeuriteEstimator setLearningRate(double v) {
        set(learningRate, v);
        return this;
    }

    /** Sets {@link #seed()}. */
    public NeuriteEstimator setSeed(long v) {
        set(seed, v);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        features(schema);
        StructField label = column(schema, getOrDefault(labelCol));
        if (!(label.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("column " + label.name() + " is " + label.dataType().simpleString()
                    + ", not numeric (index string labels with StringIndexer)");
        }
        return schema;
    }

    private FeatureColumns features(StructType schema) {
        return FeatureColumns.of(schema, getOrDefault(featuresCol), (String[]) getOrDefault(featureCols));
    }

    private static StructField column(StructType schema, String name) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("column " + name + " not found; the DataFrame has "
                    + Arrays.toString(schema.fieldNames()));
        }
        return schema.apply(name);
    }

    @Override
    public NeuriteModel fit(Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema());
        int total = (Integer) getOrDefault(epochs);
        int every = (Integer) getOrDefault(averagingSteps);
        if (total < 1 || every < 0) {
            throw new IllegalArgumentException("epochs (" + total + ") must be at least 1 and averagingSteps (" + every
                    + ") at least 0");
        }
        FeatureColumns fCols = features(schema);
        String lCol = getOrDefault(labelCol);
        int lIndex = schema.fieldIndex(lCol);
        boolean classifier = Task.parse(getOrDefault(task)) == Task.CLASSIFICATION;
        Dataset<Row> rows = dataset.toDF();
        int features = fCols.count(rows.head());
        int outputs = classifier ? classes(rows, lCol) : 1;
        int[] hidden = (int[]) getOrDefault(hiddenLayers);
        long seedValue = (Long) getOrDefault(seed);
        double lr = (Double) getOrDefault(learningRate);
        int batch = (Integer) getOrDefault(batchSize);
        if (batch < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batch);
        }

        float[] values;
        try (Sequential init = TrainingState.network(features, hidden, outputs, seedValue, true);
             Adam adam = new Adam(init.parameters(), lr)) {
            values = TrainingState.flatten(init, adam);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        // every round reads the rows again: computed once from the source (by the count) for the whole fit
        JavaRDD<Row> rdd = rows.javaRDD().persist(org.apache.spark.storage.StorageLevel.MEMORY_ONLY());
        try {
            long totalRows = rdd.count();
            if (totalRows == 0) {
                throw new IllegalArgumentException("the DataFrame has no rows to train on");
            }
            long stepsPerEpoch = (totalRows + batch - 1) / batch;
            values = train(jsc, rdd, classifier, features, hidden, outputs, lr, seedValue, values,
                    stepsPerEpoch * total, stepsPerEpoch, batch, totalRows, every, fCols, lIndex, lCol);
        } finally {
            rdd.unpersist(false);
        }
        Sequential model = TrainingState.network(features, hidden, outputs, seedValue, false);
        try (Adam adam = new Adam(model.parameters(), lr)) {
            TrainingState.restore(model, adam, values);
        }
        model.eval();
        List<String> classNames = new ArrayList<>();
        for (int c = 0; classifier && c < outputs; c++) {
            classNames.add(Integer.toString(c));
        }
        try (Pipeline p = Pipeline.of(model, Preprocessing.none(), classifier ? Task.CLASSIFICATION : Task.REGRESSION,
                classNames, List.of(), lCol, null)) {
            NeuriteModel m = NeuriteModel.of(p).setFeaturesCol(getOrDefault(featuresCol))
                    .setFeatureCols((String[]) getOrDefault(featureCols));
            m.setParent(this);
            return m;
        }
    }

    /** Runs the rounds on the persisted rows; returns the parameters followed by Adam's state. */
    private float[] train(JavaSparkContext jsc, JavaRDD<Row> rdd, boolean classifier, int features, int[] hidden,
                          int outputs, double lr, long seedValue, float[] initial, long steps, long stepsPerEpoch,
                          int batch, long totalRows, int every, FeatureColumns fCols, int lIndex, String lCol) {
        if (getOrDefault(averaging).equals("gradients")) {
            return byGradients(jsc, rdd, classifier, features, hidden, outputs, lr, seedValue, initial, steps,
                    stepsPerEpoch, batch, totalRows, fCols, lIndex, lCol);
        }
        float[] values = initial;
        long step = 0;
        long perRound = every == 0 ? stepsPerEpoch : every;
        for (long from = 0; from < steps; from += perRound) {
            Broadcast<TrainingState> shared = jsc.broadcast(new TrainingState(features, hidden, outputs, lr,
                    seedValue, values, step));
            PartitionTrainer.Round round = new PartitionTrainer.Round(from, Math.min(steps, from + perRound),
                    stepsPerEpoch, batch, totalRows);
            JavaRDD<PartitionTrainer.Result> trained = rdd.mapPartitionsWithIndex(
                    (Integer partition, Iterator<Row> it) -> List.of(PartitionTrainer.train(shared.value(),
                            classifier, round, partition, it, fCols, lIndex, lCol)).iterator(), true);
            WeightedSum sum = trained.treeAggregate(new WeightedSum(),
                    (acc, res) -> acc.add(res.values(), res.step(), res.examples()), WeightedSum::merge, 2);
            shared.destroy();
            values = sum.mean();
            step = sum.meanStep();
        }
        return values;
    }

    /**
     * Synchronous data-parallel SGD: every step, the parameters go out, each partition returns the
     * gradient of its share of the global batch, and the driver's Adam steps with their mean.
     * Returns the parameters followed by Adam's state, as the other mode does.
     */
    private static float[] byGradients(JavaSparkContext jsc, JavaRDD<Row> rdd, boolean classifier, int features,
                                       int[] hidden, int outputs, double lr, long seed, float[] initial, long steps,
                                       long stepsPerEpoch, int batch, long totalRows, FeatureColumns fCols,
                                       int lIndex, String lCol) {
        try (Sequential model = TrainingState.network(features, hidden, outputs, seed, false);
             Adam adam = new Adam(model.parameters(), lr)) {
            TrainingState.restore(model, adam, initial);
            for (long g = 0; g < steps; g++) {
                float[] params = TrainingState.parameters(model);
                Broadcast<TrainingState> shared = jsc.broadcast(new TrainingState(features, hidden, outputs, lr, seed,
                        params, 0));
                PartitionTrainer.Round round = new PartitionTrainer.Round(g, g + 1, stepsPerEpoch, batch, totalRows);
                WeightedSum sum = rdd.mapPartitionsWithIndex((Integer partition, Iterator<Row> it) ->
                                List.of(GradientWorker.gradient(shared.value(), classifier, round, partition, it,
                                        fCols, lIndex, lCol)).iterator(), true)
                        .treeAggregate(new WeightedSum(), (acc, res) -> acc.add(res.values(), 0, res.examples()),
                                WeightedSum::merge, 2);
                shared.destroy();
                if (sum.examples() == 0) {
                    continue;
                }
                TrainingState.setGradients(model, sum.mean());
                adam.step();
            }
            return TrainingState.flatten(model, adam);
        }
    }

    /** The number of classes: the largest label plus one (labels are class indices). */
    private static int classes(Dataset<Row> rows, String labelColumn) {
        Row max = rows.agg(org.apache.spark.sql.functions.max(labelColumn)).head();
        if (max.isNullAt(0)) {
            throw new IllegalArgumentException("column " + labelColumn + " has no labels");
        }
        double v = ((Number) max.get(0)).doubleValue();
        if (v != Math.rint(v) || v < 1 || v > 1_000_000) {
            throw new IllegalArgumentException("column " + labelColumn + ": the largest label is " + v
                    + "; a classifier's labels are class indices 0, 1, ... (at least two classes)");
        }
        return (int) v + 1;
    }

    @Override
    public NeuriteEstimator copy(ParamMap extra) {
        return copyValues(new NeuriteEstimator(uid), extra);
    }
}
