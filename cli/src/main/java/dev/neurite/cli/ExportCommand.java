package dev.neurite.cli;

import dev.neurite.onnx.Onnx;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./neurite export}: a saved model, with its preprocessing, as an ONNX file that ONNX
 * Runtime and other runtimes serve and that {@code evaluate} and {@code predict} read back. Ends
 * with {@code EXPORT format=onnx out=FILE bytes=N}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a saved model with its preprocessing to ONNX (opset 17).",
            "The graph takes the raw features, as predict does, and gives class probabilities",
            "(classification) or values in the targets' units (regression); evaluate and predict read",
            "the file back with --model FILE.onnx.",
            "Example: ./neurite export --model out/model --format onnx --out model.onnx"})
final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "A model directory written by train.")
    Path modelDir;

    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "The file format: onnx.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The file to write.")
    Path out;

    @Option(names = "--overwrite", description = "Replace FILE when it already exists.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (!"onnx".equals(format.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--format " + format + " is not a format export writes (onnx)");
        }
        if (SavedModel.isOnnx(modelDir)) {
            throw new IllegalArgumentException("--model " + modelDir + " is already an ONNX file; export reads a model "
                    + "directory written by train");
        }
        if (Files.exists(out) && !overwrite) {
            throw new IllegalArgumentException("--out " + out + " already exists; add --overwrite to replace it");
        }
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a directory; name the file to write");
        }
        PrintWriter pw = spec.commandLine().getOut();
        try (SavedModel m = SavedModel.load(modelDir)) {
            Onnx.save(m.pipeline(), out);
            pw.printf("Exported %s (%s, %d features) to %s%n", modelDir, m.task().label(), m.model().inputFeatures(), out);
        }
        pw.printf(Locale.ROOT, "EXPORT format=onnx out=%s bytes=%d%n", out, Files.size(out));
        return 0;
    }
}
