package dev.neurite.cli;

import dev.neurite.pipeline.Task;
import dev.neurite.data.Dataset;
import dev.neurite.report.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./neurite evaluate}: a saved model (with its preprocessing) on a data set: the test set
 * of image data, or a whole CSV file. Ends with {@code EVALUATE accuracy=... macro_f1=...} or
 * {@code EVALUATE rmse=... mae=... r2=...}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a saved model: classification report and confusion matrix, or regression metrics.",
            "Image data: the test set. csv:PATH: when it is the file train split (same content), only the rows",
            "train held out, unless --all-rows; any other file (or --test-csv): every row. Feature columns are",
            "matched by header name; the label column defaults to the one the model was trained with.",
            "Example: ./neurite evaluate --model out/model --data fashion-mnist --report out/eval"})
final class EvaluateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true,
            description = "A model directory written by train, or an ONNX file (.onnx, e.g. from export).")
    Path modelDir;

    @Mixin
    DataOptions data;

    @Mixin
    RunOptions run;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write DIR/report.html.")
    Path reportDir;

    @Option(names = "--overwrite", description = "Replace what is already in the --report folder.")
    boolean overwrite;

    @Option(names = "--all-rows", description = "Score every row of the training CSV, including those train fitted on.")
    boolean allRows;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        return run.run(spec.commandLine().getErr(), () -> evaluate(pw));
    }

    private int evaluate(PrintWriter pw) throws Exception {
        if (overwrite && reportDir == null) {
            throw new IllegalArgumentException("--overwrite applies to --report DIR, which is not given");
        }
        try (SavedModel m = SavedModel.load(modelDir)) {
            Evaluation e;
            int rows;
            try (Dataset ds = data.loadForEvaluation(m, allRows, pw::println)) {
                e = Evaluation.of(m.task(), m.model(), m.preprocessing(), ds);
                rows = ds.size();
            }
            pw.printf("Model %s (%s, %d features) on %s: %d rows%n", modelDir, m.task().label(),
                    m.model().inputFeatures(), data.data, rows);
            pw.print(e.text(m.classNames()));
            if (reportDir != null) {
                Report.Builder report = Report.builder("Neurite evaluation: " + modelDir)
                        .command(Workflow.commandLine(spec));
                if (m.task() == Task.CLASSIFICATION) {
                    report.classification(e.labels(), e.scores(), m.classNames());
                } else {
                    report.regression(e.truth(), e.predicted());
                }
                try (RunDirectory dir = RunDirectory.open("--report", reportDir, "evaluate", overwrite)) {
                    Path html = report.build().writeTo(dir.staging());
                    dir.commit();
                    pw.println("Report written to " + dir.target().resolve(html.getFileName()));
                }
            }
            StringBuilder line = new StringBuilder("EVALUATE");
            e.metrics().forEach((k, v) -> line.append(' ').append(k).append('=').append(Workflow.f4(v)));
            pw.println(line);
            e.close();
        }
        return 0;
    }
}
