package dev.neurite.cli;

import dev.neurite.pipeline.Task;
import dev.neurite.data.Dataset;
import dev.neurite.report.Report;
import dev.neurite.train.History;
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
 * {@code ./neurite train}: trains an MLP and the {@link Baselines} on the same training rows,
 * evaluates them on the test set, saves the model and writes the report; ends with
 * {@code TRAIN test_accuracy=... logreg_accuracy=... svm_accuracy=... seconds=...} or
 * {@code TRAIN test_rmse=... test_r2=... mean_r2=... linear_r2=... seconds=...}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an MLP, evaluate it on the test set, compare it with linear baselines, "
                + "save the model to OUT/model and write OUT/report.html.",
            "Example: ./neurite train --data fashion-mnist --layers 256,128 --epochs 10 --out runs/fmnist"})
final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Mixin
    RunOptions run;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder: model/ and report.html (default: a new runs/train-YYYYMMDD-HHMMSS).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the run already in --out, as a whole.")
    boolean overwrite;

    @Option(names = "--no-baselines", description = "Skip the baselines: logistic regression and a linear SVM "
            + "(classification), the training mean and linear least squares (regression).")
    boolean noBaselines;

    /** What a run produced, for the demo's summary line. */
    record Outcome(double testAccuracy, Map<String, Double> baselineAccuracy, History history, double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        run.run(spec.commandLine().getErr(), () -> train(pw));
        return 0;
    }

    /** Trains, evaluates, saves and reports; prints the {@code TRAIN ...} line and returns the outcome. */
    Outcome train(PrintWriter pw) throws Exception {
        long start = System.nanoTime();
        TrainingSettings s = training.settings();
        try (RunDirectory dir = RunDirectory.open("--out", out, "train", overwrite)) {
            return train(pw, start, s, dir);
        }
    }

    private Outcome train(PrintWriter pw, long start, TrainingSettings s, RunDirectory dir) throws Exception {
        try (TaskData d = data.load(s.seed(), false)) {
            return train(pw, start, s, dir, d);
        }
    }

    private Outcome train(PrintWriter pw, long start, TrainingSettings s, RunDirectory dir, TaskData d) throws Exception {
        Task task = d.task();
        Dataset[] parts = Experiment.withValidation(d.train(), training.validation, task, s.seed());
        try (Dataset fit = parts[0]; Dataset validation = parts[1]) {
            return train(pw, start, s, dir, d, parts);
        }
    }

    private Outcome train(PrintWriter pw, long start, TrainingSettings s, RunDirectory dir, TaskData d,
                          Dataset[] parts) throws Exception {
        Task task = d.task();
        pw.printf("Data: %s: %d training rows (%d fit, %d validation), %d test rows, %d features%s%n",
                d.description(), d.train().size(), parts[0].size(), parts[1] == null ? 0 : parts[1].size(),
                d.testSize(), d.train().features(),
                task == Task.CLASSIFICATION ? ", " + d.classNames().size() + " classes" : ", regression");
        int classes = d.classNames().size();

        // without baselines nothing reads the raw features again: preprocess them in place
        Experiment mlp = Experiment.run(s, task, classes, parts[0], parts[1], d::test, noBaselines,
                model -> pw.print(model.summary()), Workflow.progressBar(pw));
        try (mlp) {
            mlp.history().stopReason().ifPresent(r -> pw.println("Stopped early: " + r));
            Evaluation test = mlp.evaluation();
            pw.println("Test set (" + d.testSize() + " rows):");
            pw.print(test.text(d.classNames()));

            Report.Builder report = Report.builder(title(d)).command(Workflow.commandLine(spec)).history(mlp.history());
            Map<String, Double> mlpRow = new LinkedHashMap<>(test.metrics());
            mlpRow.put("seconds", mlp.seconds());
            report.comparison("MLP", mlpRow);
            StringBuilder summary = new StringBuilder("TRAIN");
            Map<String, Double> baselineAccuracy = new LinkedHashMap<>();
            if (task == Task.CLASSIFICATION) {
                report.classification(test.labels(), test.scores(), d.classNames());
                summary.append(" test_accuracy=").append(Workflow.f4(test.metric("accuracy")));
            } else {
                report.regression(test.truth(), test.predicted());
                summary.append(" test_rmse=").append(Workflow.f4(test.metric("rmse")))
                        .append(" test_r2=").append(Workflow.f4(test.metric("r2")));
            }
            if (!noBaselines) {
                List<Baselines.Result> baselines = task == Task.CLASSIFICATION
                        ? Baselines.classification(s, mlp.preprocessing(), parts[0], d.test(), classes)
                        : Baselines.regression(parts[0], d.test());
                for (Baselines.Result b : baselines) {
                    pw.println(b.line());
                    report.comparison(b.title(), b.metrics());
                    summary.append(' ').append(b.summary());
                    if (task == Task.CLASSIFICATION) {
                        baselineAccuracy.put(b.key(), b.metrics().get("accuracy"));
                    }
                }
            }

            Path modelDir = dir.target().resolve("model");
            report.note("Model saved to " + modelDir);
            SavedModel.save(dir.staging().resolve("model"), mlp.model(), mlp.preprocessing(), d, s, mlp.history(),
                    test.metrics());
            Path html = report.build().writeTo(dir.staging());
            dir.commit();
            pw.println("Model saved to " + modelDir);
            pw.println("Report written to " + dir.target().resolve(html.getFileName()));
            pw.println(summary.append(" seconds=").append(Workflow.seconds(start)));
            double accuracy = task == Task.CLASSIFICATION ? test.metric("accuracy") : Double.NaN;
            return new Outcome(accuracy, baselineAccuracy, mlp.history(), (System.nanoTime() - start) / 1e9);
        }
    }

    private static String title(TaskData d) {
        return "Neurite MLP: " + d.description() + " (" + d.task().label() + ")";
    }
}
