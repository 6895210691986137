package dev.neurite.cli;

import dev.neurite.pipeline.Task;
import dev.neurite.data.Dataset;
import dev.neurite.data.split.CrossValidation;
import dev.neurite.data.split.CrossValidationResult;
import dev.neurite.data.split.FoldSplitter;
import dev.neurite.data.split.KFold;
import dev.neurite.data.split.StratifiedKFold;
import dev.neurite.data.split.TimeSeriesSplit;
import dev.neurite.report.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./neurite cv}: k-fold cross-validation of the MLP on the training data (stratified for
 * classification, plain shuffled k-fold for regression, or time-series splits). Ends with
 * {@code CV folds=K accuracy=MEAN+/-STD ...}.
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = {"Cross-validate the MLP on the training data: mean +/- std of each metric over the folds.",
            "OUT/report.html has a per-fold table. Each fold fits its own scaler on its training rows.",
            "The test set (or a CSV's held-out test split) is not used.",
            "Example: ./neurite cv --data csv:iris.csv --label species --folds 5"})
final class CvCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Mixin
    RunOptions run;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Number of folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--time-series", description = "Time-series splits: train on the first rows, validate on the next ones.")
    boolean timeSeries;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where report.html goes (default: a new runs/cv-YYYYMMDD-HHMMSS).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the run already in --out, as a whole.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        return run.run(spec.commandLine().getErr(), () -> crossValidate(pw));
    }

    private int crossValidate(PrintWriter pw) throws Exception {
        long start = System.nanoTime();
        TrainingSettings s = training.settings();
        if (data.given("--test-csv")) {
            throw new IllegalArgumentException("--test-csv does not apply to cv: it scores folds of the training rows "
                    + "(--test-split 0 uses every row of the CSV)");
        }
        if (s.earlyStopping() == 0 && data.given("--validation")) {
            throw new IllegalArgumentException("--validation does not apply to cv without --early-stopping: each fold "
                    + "trains on all its training rows");
        }
        try (RunDirectory dir = RunDirectory.open("--out", out, "cv", overwrite)) {
            return crossValidate(pw, start, s, dir);
        }
    }

    private int crossValidate(PrintWriter pw, long start, TrainingSettings s, RunDirectory dir) throws Exception {
        CrossValidationResult result;
        TaskData d = data.load(s.seed(), true);
        try (d) {
            result = run(s, d, folds, timeSeries, training.validation, pw);
        }
        pw.println(result.summary().stripTrailing());

        List<String> header = new ArrayList<>(List.of("fold"));
        header.addAll(result.metricNames());
        List<List<String>> rows = new ArrayList<>();
        for (int f = 0; f < result.folds().size(); f++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(f + 1)));
            for (String metric : result.metricNames()) {
                row.add(Workflow.f4(result.folds().get(f).get(metric)));
            }
            rows.add(row);
        }
        List<List<String>> summary = new ArrayList<>();
        StringBuilder line = new StringBuilder("CV folds=" + result.folds().size());
        for (String metric : result.metricNames()) {
            summary.add(List.of(metric, Workflow.f4(result.mean(metric)), Workflow.f4(result.std(metric))));
            line.append(' ').append(metric).append('=').append(Workflow.f4(result.mean(metric)))
                    .append("+/-").append(Workflow.f4(result.std(metric)));
        }
        Report report = Report.builder("Neurite cross-validation: " + d.description())
                .command(Workflow.commandLine(spec))
                .table("Folds", header, rows)
                .table("Mean and standard deviation over the folds", List.of("metric", "mean", "std"), summary)
                .note(splitter(d.task(), folds, timeSeries, s.seed()) + " on " + d.train().size() + " training rows"
                        + (s.earlyStopping() > 0 ? "; early stopping on " + training.validation
                        + " of each fold's training rows" : ""))
                .build();
        Path html = report.writeTo(dir.staging());
        dir.commit();
        pw.println("Report written to " + dir.target().resolve(html.getFileName()));
        pw.println(line.append(" seconds=").append(Workflow.seconds(start)));
        return 0;
    }

    /**
     * Cross-validates the settings on {@code d}'s training rows, one line per fold on {@code pw};
     * with early stopping each fold holds out {@code validation} of its training rows to watch.
     */
    static CrossValidationResult run(TrainingSettings s, TaskData d, int folds, boolean timeSeries, double validation,
                                     PrintWriter pw) {
        Dataset train = d.train();
        int classes = d.classNames().size();
        FoldSplitter splitter = splitter(d.task(), folds, timeSeries, s.seed());
        int[] fold = {0};
        return CrossValidation.run(splitter, train, (trainRows, validationRows) -> {
            try (Experiment e = Experiment.runHoldingOutForEarlyStopping(s, d.task(), classes, train.subset(trainRows),
                    validation, train.subset(validationRows))) {
                fold[0]++;
                Map<String, Double> metrics = e.evaluation().metrics();
                if (pw != null) {
                    StringBuilder sb = new StringBuilder("fold " + fold[0] + ": " + trainRows.length + " train, "
                            + validationRows.length + " validation rows;");
                    metrics.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(Workflow.f4(v)));
                    pw.println(sb);
                    pw.flush();
                }
                return metrics;
            }
        });
    }

    static FoldSplitter splitter(Task task, int folds, boolean timeSeries, long seed) {
        if (folds < 2 && !timeSeries) {
            throw new IllegalArgumentException("--folds must be at least 2, got " + folds);
        }
        if (timeSeries) {
            return new TimeSeriesSplit(folds);
        }
        return task == Task.CLASSIFICATION ? new StratifiedKFold(folds, seed) : new KFold(folds, true, seed);
    }
}
