package dev.neurite.pipeline;

import dev.neurite.data.Dataset;
import dev.neurite.data.preprocess.SimpleImputer;
import dev.neurite.data.split.HoldOut;
import dev.neurite.data.split.Splits;
import dev.neurite.io.Metadata;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Dropout;
import dev.neurite.nn.Layer;
import dev.neurite.nn.Parameter;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.Loss;
import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
import dev.neurite.optim.Optimizer;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import dev.neurite.train.EarlyStopping;
import dev.neurite.train.History;
import dev.neurite.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Fits a {@link Pipeline}: the preprocessing on the training rows, then an MLP
 * {@code inputs -> [Dense -> activation -> (Dropout)] per hidden size -> Dense} trained with
 * softmax cross-entropy (classification) or MSE (regression). Settings are checked when they are
 * set; {@link #fit} checks the data (class labels, finite values, feature names).
 *
 * <pre>{@code
 * Pipeline p = PipelineTrainer.classifier().hidden(64, 32).epochs(30).validation(0.1).earlyStopping(3).fit(train);
 * }</pre>
 */
public final class PipelineTrainer {

    private final Task task;
    private int[] hidden = {64};
    private Supplier<Layer> activation = ReLU::new;
    private double dropout;
    private FeatureScaling scaling = FeatureScaling.STANDARD;
    private Supplier<SimpleImputer> imputer; // null: none
    private Function<List<Parameter>, Optimizer> optimizer = params -> new Adam(params, 1e-3);
    private int epochs = 20;
    private int batchSize = 32;
    private long seed = 42;
    private double validation;
    private int patience;
    private String labelColumn;
    private History lastHistory;

    private PipelineTrainer(Task task) {
        this.task = task;
    }

    /** A trainer of classification pipelines. */
    public static PipelineTrainer classifier() {
        return new PipelineTrainer(Task.CLASSIFICATION);
    }

    /** A trainer of regression pipelines. */
    public static PipelineTrainer regressor() {
        return new PipelineTrainer(Task.REGRESSION);
    }

    /** Hidden layer sizes (default 64); none for a linear model. */
    public PipelineTrainer hidden(int... sizes) {
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("invalid hidden layer size: " + s);
            }
        }
        this.hidden = sizes.clone();
        return this;
    }

    /** The hidden activation, a new layer per hidden layer (default ReLU). */
    public PipelineTrainer activation(Supplier<Layer> activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
        return this;
    }

    /** Dropout after each hidden activation, in [0, 1) (default 0). */
    public PipelineTrainer dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("invalid dropout rate: " + rate);
        }
        this.dropout = rate;
        return this;
    }

    /** Feature scaling fitted on the training rows (default standard). */
    public PipelineTrainer scaling(FeatureScaling scaling) {
        this.scaling = Objects.requireNonNull(scaling, "scaling");
        return this;
    }

    /**
     * Fills missing features (NaN) with a new imputer from {@code imputer}, fitted on the training
     * rows (default: none, so a NaN is an error).
     */
    public PipelineTrainer imputer(Supplier<SimpleImputer> imputer) {
        this.imputer = Objects.requireNonNull(imputer, "imputer");
        return this;
    }

    /** The optimizer for the network's parameters (default Adam, learning rate 1e-3). */
    public PipelineTrainer optimizer(Function<List<Parameter>, Optimizer> optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        return this;
    }

    /** Epochs (default 20). */
    public PipelineTrainer epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("invalid number of epochs: " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /** Mini-batch size (default 32). */
    public PipelineTrainer batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("invalid batch size: " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** Seed of the weights, the validation split and the shuffling (default 42). */
    public PipelineTrainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Fraction of the training rows held out (stratified for classification) for validation, in [0, 1). */
    public PipelineTrainer validation(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("invalid validation fraction: " + fraction);
        }
        this.validation = fraction;
        return this;
    }

    /** Stops after {@code patience} epochs without a better validation loss, keeping the best weights (0: off). */
    public PipelineTrainer earlyStopping(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("invalid early-stopping patience: " + patience);
        }
        this.patience = patience;
        return this;
    }

    /**
     * The training file's label column (default: none), recorded so that
     * {@link Pipeline#readFeatures} skips it in files that still have it.
     */
    public PipelineTrainer labelColumn(String name) {
        this.labelColumn = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The history of the last {@link #fit}, or null. */
    public History lastHistory() {
        return lastHistory;
    }

    /**
     * Fits a pipeline to {@code train}: class labels from its {@code (N, 1)} targets and class
     * names (classification), numeric targets (regression), feature names kept for prediction.
     *
     * @throws IllegalArgumentException for data that cannot train this pipeline (fewer than two
     *     classes, targets that are not class indices, non-finite values without an imputer) or
     *     settings that cannot apply (early stopping without validation rows)
     * @throws dev.neurite.train.TrainingDivergedException when training diverges
     */
    public Pipeline fit(Dataset train) {
        Objects.requireNonNull(train, "train");
        if (patience > 0 && validation == 0) {
            throw new IllegalArgumentException("early stopping needs validation rows: set validation(fraction) > 0");
        }
        if (train.y().cols() != 1) {
            throw new IllegalArgumentException("fit takes targets (N, 1), got y " + train.y().shape());
        }
        List<String> classes = task == Task.CLASSIFICATION ? classNames(train) : List.of();
        requireFinite(train.y(), "target", true);
        requireFinite(train.x(), "feature", imputer == null);

        HoldOut h = validation == 0 ? null : task == Task.CLASSIFICATION
                ? Splits.stratifiedHoldOut(train.classLabels(), validation, seed)
                : Splits.holdOut(train.size(), 1 - validation, 0, validation, seed);
        // the rows of each part, preprocessed: tensors of this fit, freed when it ends
        try (Dataset fitRows = h == null ? null : train.subset(h.train());
             Dataset validationRows = h == null ? null : train.subset(h.test())) {
            Dataset rows = fitRows == null ? train : fitRows;
            Preprocessing pre = Preprocessing.fit(scaling, imputer == null ? null : imputer.get(), task, rows.x(),
                    rows.y());
            Sequential model = network(train.features(), task == Task.CLASSIFICATION ? classes.size() : 1);
            try (Tensor x = pre.features(rows.x()); Tensor y = pre.targets(rows.y());
                 Tensor xv = validationRows == null ? null : pre.features(validationRows.x());
                 Tensor yv = validationRows == null ? null : pre.targets(validationRows.y());
                 Optimizer opt = optimizer.apply(model.parameters())) {
                Loss loss = task == Task.CLASSIFICATION ? new SoftmaxCrossEntropyLoss() : new MSELoss();
                Trainer trainer = new Trainer(model, loss, opt).epochs(epochs).batchSize(batchSize).seed(seed);
                if (xv != null) {
                    trainer.validation(xv, yv);
                }
                if (patience > 0) {
                    trainer.callbacks(new EarlyStopping(patience));
                }
                lastHistory = trainer.fit(x, y);
                return Pipeline.of(model, pre, task, classes, train.featureNames(), labelColumn,
                        Metadata.empty().withHistory(lastHistory));
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        }
    }

    private Sequential network(int inputs, int outputs) {
        List<Layer> layers = new ArrayList<>();
        int width = inputs;
        for (int size : hidden) {
            layers.add(new Dense(width, size));
            layers.add(activation.get());
            if (dropout > 0) {
                layers.add(new Dropout(dropout));
            }
            width = size;
        }
        layers.add(new Dense(width, outputs));
        return new Sequential(inputs, DType.F32, seed, layers.toArray(Layer[]::new));
    }

    /** The class names of {@code train}, checked: indices in range and at least two classes. */
    private static List<String> classNames(Dataset train) {
        int[] labels;
        try {
            labels = train.classLabels();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("classification: " + e.getMessage()
                    + " (read the data with CsvReader.classification)", e);
        }
        List<String> names = train.classNames();
        if (names.isEmpty()) {
            int classes = java.util.Arrays.stream(labels).max().orElse(-1) + 1;
            List<String> generated = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                generated.add(Integer.toString(c));
            }
            names = generated;
        }
        long present = java.util.Arrays.stream(labels).distinct().count();
        if (present < 2) {
            throw new IllegalArgumentException("classification needs at least two classes in the training data, got "
                    + present + " " + names);
        }
        return names;
    }

    private static void requireFinite(Tensor t, String what, boolean nanToo) {
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (Double.isInfinite(v[i]) || (nanToo && Double.isNaN(v[i]))) {
                throw new IllegalArgumentException(what + " row " + i / t.cols() + ", column " + i % t.cols() + " is "
                        + v[i] + (nanToo && Double.isNaN(v[i]) ? " (give the trainer an imputer to fill missing values)"
                        : ""));
            }
        }
    }
}
