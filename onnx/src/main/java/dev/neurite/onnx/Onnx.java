package dev.neurite.onnx;

import dev.neurite.nn.Sequential;
import dev.neurite.pipeline.Pipeline;
import dev.neurite.pipeline.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * ONNX files to and from Neurite models.
 *
 * <pre>{@code
 * Onnx.save(model, Path.of("model.onnx"));          // for ONNX Runtime, TensorRT, a browser
 * try (Sequential m = Onnx.load(Path.of("torch.onnx"))) {   // e.g. from torch.onnx.export
 *     Tensor y = m.predict(x);
 * }
 * }</pre>
 *
 * <p>Export writes opset 17 (IR version 8), one node per layer named after it, weights bit for bit
 * in the model's precision, and a dynamic batch dimension. Import takes a chain of layers; see
 * {@link #load} for the operators it maps.
 */
public final class Onnx {

    /** Largest file {@link #load} reads: the bytes are read whole, into one array. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private Onnx() {
    }

    /** Writes {@code model} (in its inference form) to {@code file}, atomically: a crash leaves the old file or the new one. */
    public static void save(Sequential model, Path file) throws IOException {
        write(OnnxCodec.encode(OnnxExporter.export(model, null, false, Map.of())), file);
    }

    /**
     * Writes {@code pipeline}: its imputer, its feature scaler, the model and, for regression, the
     * target scaler's inverse (the output is {@code predictValues}), for classification a softmax
     * (the output is {@code predictProba}), so the ONNX graph takes raw features as the pipeline
     * does. The task, class and feature names, label column and exact preprocessing state go into
     * the file's metadata, from which {@link #loadPipeline} rebuilds the pipeline.
     */
    public static void save(Pipeline pipeline, Path file) throws IOException {
        write(toBytes(pipeline), file);
    }

    /** {@code pipeline} as the bytes {@link #save(Pipeline, Path)} writes, to send or store elsewhere. */
    public static byte[] toBytes(Pipeline pipeline) {
        return OnnxCodec.encode(OnnxExporter.export(pipeline.model(), pipeline.preprocessing(),
                pipeline.task() == Task.CLASSIFICATION, OnnxPipelines.metadata(pipeline)));
    }

    /**
     * The pipeline in {@code bytes} (as {@link #toBytes} gives them), read as {@link #loadPipeline}
     * reads a file; {@code source} names them in errors.
     *
     * @throws IllegalArgumentException naming {@code source}, for bytes that are not such a pipeline
     */
    public static Pipeline pipelineFromBytes(byte[] bytes, String source) {
        try {
            return OnnxPipelines.pipeline(OnnxCodec.decode(bytes));
        } catch (ProtoReader.Malformed | OnnxImporter.Unsupported e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the ONNX model in {@code file} as a Neurite model in evaluation mode; the caller
     * closes it. The graph must be a chain of layers from one input {@code (batch, features)} to
     * one output: Gemm (alpha 1, transA 0, either transB), or MatMul with an optional Add of a
     * bias, becomes Dense; Relu, LeakyRelu, Sigmoid, Tanh and Softmax their layers;
     * BatchNormalization (inference form) BatchNorm; LayerNormalization over the last axis
     * LayerNorm; Identity Identity; Dropout and Flatten (axis 1) are passed over; Constant nodes
     * are weights.
     *
     * @throws OnnxFileException naming the node and operator that cannot be mapped, or the byte
     *     offset of corrupt or truncated data; sizes are checked before anything is allocated
     */
    public static Sequential load(Path file) throws IOException {
        ModelProto model = read(file);
        try {
            Sequential m = OnnxImporter.build(model);
            m.eval();
            return m;
        } catch (OnnxImporter.Unsupported | IllegalArgumentException e) {
            throw new OnnxFileException(file, e.getMessage(), e);
        }
    }

    /**
     * Reads the ONNX file {@code file} as a pipeline; the caller closes it. A file written by
     * {@link #save(Pipeline, Path)} comes back with its task, class and feature names, label column
     * and exact preprocessing (from the file's metadata, which must agree with the preprocessing nodes). Any
     * other file is a pipeline without preprocessing around the model {@link #load} reads: a
     * classifier (classes named {@code 0, 1, ...}) when it has several outputs, else a regressor;
     * a classifier's final Softmax is left out, as the pipeline applies its own.
     *
     * @throws OnnxFileException as {@link #load} does, and when the metadata and the graph disagree
     */
    public static Pipeline loadPipeline(Path file) throws IOException {
        ModelProto model = read(file);
        try {
            return OnnxPipelines.pipeline(model);
        } catch (OnnxImporter.Unsupported | IllegalArgumentException e) {
            throw new OnnxFileException(file, e.getMessage(), e);
        }
    }

    private static ModelProto read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new OnnxFileException(file, "the file has " + size + " bytes, more than the " + MAX_FILE_BYTES
                    + " Neurite reads", null);
        }
        try {
            return OnnxCodec.decode(Files.readAllBytes(file));
        } catch (ProtoReader.Malformed e) {
            throw new OnnxFileException(file, e.getMessage(), e);
        }
    }

    private static void write(byte[] bytes, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
