package dev.neurite.spark;

import dev.neurite.onnx.Onnx;
import dev.neurite.pipeline.Pipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import scala.Option;

/**
 * Saving and loading a {@link NeuriteModel} as Spark ML stages do: Spark's metadata (class, uid,
 * params) in {@code PATH/metadata}, and the Neurite pipeline, exactly, as {@code PATH/model.onnx},
 * through Hadoop's file system (local, HDFS, S3, ...). A {@code PipelineModel} with a
 * {@code NeuriteModel} stage saves and loads through these.
 */
final class NeuriteModelIO {

    static final String MODEL_FILE = "model.onnx";
    /** Largest model file read back: the bytes are read whole, into one array. */
    static final long MAX_MODEL_BYTES = Integer.MAX_VALUE - 8;

    private NeuriteModelIO() {
    }

    static final class Writer extends MLWriter {
        private final NeuriteModel model;

        Writer(NeuriteModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
            Path file = new Path(path, MODEL_FILE);
            try {
                FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                try (OutputStream out = fs.create(file, true)) {
                    out.write(model.modelBytes());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + file, e);
            }
        }
    }

    static final class Reader extends MLReader<NeuriteModel> {
        @Override
        public NeuriteModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    NeuriteModel.class.getName());
            Path file = new Path(path, MODEL_FILE);
            byte[] bytes;
            try {
                FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                long size = fs.getFileStatus(file).getLen();
                if (size > MAX_MODEL_BYTES) {
                    throw new IllegalArgumentException(file + ": " + size + " bytes, more than a model file Neurite reads");
                }
                try (InputStream in = fs.open(file)) {
                    bytes = in.readNBytes((int) size);
                }
                if (bytes.length != size) {
                    throw new IOException("the file ended after " + bytes.length + " of " + size + " bytes");
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + file, e);
            }
            NeuriteModel model;
            try (Pipeline p = Onnx.pipelineFromBytes(bytes, file.toString())) {
                model = NeuriteModel.of(metadata.uid(), p, bytes);
            }
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }
}
