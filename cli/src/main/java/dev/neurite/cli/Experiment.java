package dev.neurite.cli;

import dev.neurite.pipeline.Task;
import dev.neurite.pipeline.FeatureScaling;
import dev.neurite.pipeline.Preprocessing;
import dev.neurite.data.Dataset;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.Tensor;
import dev.neurite.train.Callback;
import dev.neurite.train.History;
import java.util.function.Consumer;

/**
 * One training run: preprocessing fitted on the training rows, an MLP built and trained as the
 * settings say, and (optionally) an evaluation. Closing it frees the model.
 *
 * @param model the trained model
 * @param preprocessing the preprocessing fitted on the training rows
 * @param history the training history
 * @param evaluation the evaluation on the data passed in, or null
 * @param seconds wall time of preprocessing and training
 */
record Experiment(Sequential model, Preprocessing preprocessing, History history, Evaluation evaluation,
                  double seconds) implements AutoCloseable {

    /**
     * Trains on {@code train}, validating on {@code validation} (null: none), and evaluates on
     * {@code evaluate} (null: not).
     */
    static Experiment run(TrainingSettings s, Task task, int classes, Dataset train, Dataset validation,
                          Dataset evaluate, Callback... callbacks) {
        return run(s, task, classes, train, validation, evaluate, model -> { }, callbacks);
    }

    /** As the other {@code run}, handing the new model to {@code built} before training (to print it). */
    static Experiment run(TrainingSettings s, Task task, int classes, Dataset train, Dataset validation,
                          Dataset evaluate, Consumer<Sequential> built, Callback... callbacks) {
        return run(s, task, classes, train, validation, () -> evaluate, false, built, callbacks);
    }

    /**
     * As the other {@code run}, with the data to evaluate on asked for only after training (it
     * may be read then); with {@code consume} the features of {@code train} and of the evaluated
     * data are preprocessed in place and both data sets are closed (their features are not held
     * twice: for callers that do not read them again).
     */
    static Experiment run(TrainingSettings s, Task task, int classes, Dataset train, Dataset validation,
                          java.util.function.Supplier<Dataset> evaluateLater, boolean consume, Consumer<Sequential> built,
                          Callback... callbacks) {
        long start = System.nanoTime();
        Preprocessing pre = Preprocessing.fit(FeatureScaling.parse(s.scaler()), null, task, train.x(), train.y());
        Sequential model = Networks.mlp(train.features(), task == Task.CLASSIFICATION ? classes : 1, s);
        try {
            built.accept(model);
            History history;
            try (Dataset scaled = consume ? train.transformFeatures(pre::featuresInPlace) : null;
                 Tensor x = consume ? null : pre.features(train.x());
                 Tensor y = pre.targets((consume ? scaled : train).y());
                 Tensor xv = validation == null ? null : pre.features(validation.x());
                 Tensor yv = validation == null ? null : pre.targets(validation.y())) {
                history = Fitter.fit(model, Networks.loss(task), s, consume ? scaled.x() : x, y, xv, yv, callbacks);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Dataset evaluate = evaluateLater.get();
            Evaluation evaluation = null;
            if (evaluate != null && consume) {
                try (Dataset scaled = evaluate.transformFeatures(pre::featuresInPlace)) {
                    evaluation = Evaluation.of(task, model, pre, scaled, true);
                }
            } else if (evaluate != null) {
                evaluation = Evaluation.of(task, model, pre, evaluate, false);
            }
            return new Experiment(model, pre, history, evaluation, seconds);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Trains on {@code train} as cross-validation folds and retraining do: validation rows are
     * split off (the {@code validation} fraction, stratified) only when the settings stop early,
     * which needs them; otherwise every row trains.
     */
    static Experiment runHoldingOutForEarlyStopping(TrainingSettings s, Task task, int classes, Dataset train,
                                                    double validation, Dataset evaluate) {
        if (s.earlyStopping() == 0) {
            return run(s, task, classes, train, null, evaluate);
        }
        Dataset[] parts = withValidation(train, validation, task, s.seed());
        if (parts[1] == null) {
            throw new IllegalArgumentException("--early-stopping needs validation rows: give --validation > 0");
        }
        return run(s, task, classes, parts[0], parts[1], evaluate);
    }

    /** Splits off the settings' validation fraction (none when 0) and trains. */
    static Dataset[] withValidation(Dataset train, double fraction, Task task, long seed) {
        if (fraction == 0) {
            return new Dataset[] {train, null};
        }
        return Splitting.holdOut(train, fraction, task, seed);
    }

    @Override
    public void close() {
        model.close();
        if (evaluation != null) {
            evaluation.close();
        }
    }
}
