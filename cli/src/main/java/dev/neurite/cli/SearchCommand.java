package dev.neurite.cli;

import dev.neurite.pipeline.Task;
import dev.neurite.data.Dataset;
import dev.neurite.data.split.CrossValidationResult;
import dev.neurite.report.Report;
import dev.neurite.search.Candidate;
import dev.neurite.search.GridSearch;
import dev.neurite.search.HyperparameterSearch;
import dev.neurite.search.ParameterSpace;
import dev.neurite.search.RandomSearch;
import dev.neurite.search.SearchResults;
import dev.neurite.train.TrainingDivergedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./neurite search}: grid or random hyper-parameter search scored on the validation set
 * (or by k-fold), then the best configuration retrained on training + validation rows and
 * evaluated on the test set. Ends with {@code SEARCH candidates=N best="..." ...}.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search hyper-parameters by validation score; retrain, test and save the best configuration.",
            "Parameters: any of layers, activation, optimizer, lr, schedule, epochs, batch-size, dropout,",
            "batchnorm, l1, l2, clip-norm, clip-value, early-stopping, scaler;",
            "the other options give the fixed settings. Score: validation accuracy (classification) or RMSE",
            "(regression). The best configuration is retrained on training + validation rows, evaluated on",
            "the test set and saved to OUT/model; OUT/report.html holds the results table.",
            "Examples: ./neurite search --data fashion-mnist --grid 'lr=1e-3,3e-3;layers=128|256,128'",
            "          ./neurite search --data fashion-mnist --random 20 --space 'lr=logu:1e-4:1e-2;dropout=u:0:0.5;layers=choice:128|256,128'"})
final class SearchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Mixin
    RunOptions run;

    @Option(names = "--grid", paramLabel = "SPEC",
            description = "Grid: 'name=v1,v2;name=a|b' (| separates values holding commas, e.g. layers=128|256,128).")
    String grid;

    @Option(names = "--random", paramLabel = "N", description = "Random search: N candidates drawn (seeded by --seed) from --space.")
    Integer random;

    @Option(names = "--space", paramLabel = "SPEC",
            description = "Random-search space: 'lr=logu:1e-4:1e-2;dropout=u:0:0.5;batch-size=int:32:256;layers=choice:128|256,128'.")
    String space;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "0",
            description = "Score by K-fold cross-validation of the training rows instead of the validation set (0: validation set).")
    int folds;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder: the best model and report.html (default: a new runs/search-YYYYMMDD-HHMMSS).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the run already in --out, as a whole.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        return run.run(spec.commandLine().getErr(), () -> search(pw));
    }

    private List<Candidate> candidates(long seed) {
        if ((grid == null) == (random == null)) {
            throw new IllegalArgumentException("give either --grid SPEC or --random N --space SPEC");
        }
        if (grid != null) {
            if (space != null) {
                throw new IllegalArgumentException("--space is for --random; a grid lists its values in --grid");
            }
            return GridSearch.candidates(ParameterSpace.parse(grid, TrainingSettings.LIST_VALUED));
        }
        if (space == null) {
            throw new IllegalArgumentException("--random needs --space SPEC");
        }
        return RandomSearch.candidates(ParameterSpace.parse(space, TrainingSettings.LIST_VALUED), random, seed);
    }

    private static TrainingSettings apply(TrainingSettings base, Candidate c) {
        TrainingSettings s = base;
        for (Map.Entry<String, String> e : c.values().entrySet()) {
            s = s.with(e.getKey(), e.getValue());
        }
        return s;
    }

    private int search(PrintWriter pw) throws Exception {
        long start = System.nanoTime();
        TrainingSettings base = training.settings();
        List<Candidate> candidates = candidates(base.seed());
        for (Candidate c : candidates) {
            apply(base, c); // every candidate is checked before any training
        }
        if (folds == 0 && training.validation == 0) {
            throw new IllegalArgumentException("search scores on the validation set: give --validation > 0 or --folds K");
        }
        if (folds > 0 && data.given("--validation") && base.earlyStopping() == 0
                && candidates.stream().noneMatch(c -> c.values().containsKey("early-stopping"))) {
            throw new IllegalArgumentException("--validation does not apply to search --folds without --early-stopping: "
                    + "candidates are scored by cross-validation");
        }
        try (RunDirectory dir = RunDirectory.open("--out", out, "search", overwrite)) {
            return search(pw, start, base, candidates, dir);
        }
    }

    private int search(PrintWriter pw, long start, TrainingSettings base, List<Candidate> candidates, RunDirectory dir)
            throws Exception {
        try (TaskData d = data.load(base.seed(), false)) {
            return search(pw, start, base, candidates, dir, d);
        }
    }

    private int search(PrintWriter pw, long start, TrainingSettings base, List<Candidate> candidates, RunDirectory dir,
                       TaskData d) throws Exception {
        Task task = d.task();
        int classes = d.classNames().size();
        String scoreName = task == Task.CLASSIFICATION ? "accuracy" : "rmse";
        SearchResults.Direction direction = task == Task.CLASSIFICATION
                ? SearchResults.Direction.MAXIMIZE : SearchResults.Direction.MINIMIZE;
        Dataset[] parts = folds > 0 ? null : Splitting.holdOut(d.train(), training.validation, task, base.seed());
        pw.printf("Search: %d candidates, scored by %s on %s%n", candidates.size(), scoreName,
                folds > 0 ? folds + "-fold cross-validation of " + d.train().size() + " rows"
                        : "a validation set of " + parts[1].size() + " rows");

        TrainingDivergedException[] lastDivergence = new TrainingDivergedException[1];
        SearchResults results = HyperparameterSearch.run(candidates, c -> {
            TrainingSettings s = apply(base, c);
            try {
                if (folds > 0) {
                    CrossValidationResult cv = CvCommand.run(s, d, folds, false, training.validation, null);
                    Map<String, Double> m = new LinkedHashMap<>();
                    for (String name : cv.metricNames()) {
                        m.put(name, cv.mean(name));
                    }
                    return m;
                }
                try (Experiment e = Experiment.run(s, task, classes, parts[0], parts[1], parts[1])) {
                    return e.evaluation().metrics();
                }
            } catch (TrainingDivergedException diverged) {
                // a diverging candidate is a failed candidate, ranked last; the search goes on
                pw.println("Candidate " + c.describe() + " diverged: " + Main.message(diverged));
                lastDivergence[0] = diverged;
                return Map.of(scoreName, Double.NaN);
            }
        }, scoreName, direction, r -> {
            pw.printf("[%d/%d] %s  %s=%s (%.1f s)%n", r.candidate().index() + 1, candidates.size(),
                    r.candidate().describe(), scoreName, Workflow.f4(r.score()), r.seconds());
            pw.flush();
        });
        pw.println("Results, best first:");
        pw.print(results.table());

        if (Double.isNaN(results.best().score())) {
            pw.println("Every candidate diverged; nothing to retrain");
            throw lastDivergence[0];
        }
        Candidate best = results.best().candidate();
        TrainingSettings bestSettings = apply(base, best);
        pw.println("Retraining the best configuration (" + best.describe() + ") on all " + d.train().size()
                + " training rows" + (bestSettings.earlyStopping() > 0 ? " (" + training.validation
                + " of them held out for early stopping)" : ""));
        try (Experiment e = Experiment.runHoldingOutForEarlyStopping(bestSettings, task, classes, d.train(),
                training.validation, d.test())) {
            Evaluation test = e.evaluation();
            pw.println("Test set (" + d.testSize() + " rows):");
            pw.print(test.text(d.classNames()));
            Report.Builder report = Report.builder("Neurite hyper-parameter search: " + d.description())
                    .command(Workflow.commandLine(spec))
                    .table("Candidates, best first (" + scoreName + (folds > 0 ? ", " + folds + "-fold mean" : ", validation")
                            + ")", results.header(), results.rows())
                    .history(e.history())
                    .note("Best: " + best.describe() + "; retrained on training + validation rows.");
            if (task == Task.CLASSIFICATION) {
                report.classification(test.labels(), test.scores(), d.classNames());
            } else {
                report.regression(test.truth(), test.predicted());
            }
            Path modelDir = dir.target().resolve("model");
            SavedModel.save(dir.staging().resolve("model"), e.model(), e.preprocessing(), d, bestSettings, e.history(),
                    test.metrics());
            Path html = report.build().writeTo(dir.staging());
            dir.commit();
            pw.println("Model saved to " + modelDir);
            pw.println("Report written to " + dir.target().resolve(html.getFileName()));
            pw.println("SEARCH candidates=" + candidates.size() + " best=\"" + best.describe() + "\" "
                    + (folds > 0 ? "cv_" : "validation_") + scoreName + "=" + Workflow.f4(results.best().score())
                    + " test_" + scoreName + "=" + Workflow.f4(test.metric(scoreName))
                    + " seconds=" + Workflow.seconds(start));
        }
        return 0;
    }
}
