package dev.neurite.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Runs an ONNX file in ONNX Runtime, the reference the exported models are checked against. */
final class OrtRunner {

    private OrtRunner() {
    }

    /** The output of {@code file} for {@code rows x cols} inputs {@code x}, row-major, as doubles. */
    static double[] run(Path file, double[] x, int rows, int cols, boolean f64) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(file.toString(), options);
                 OnnxTensor in = f64 ? OnnxTensor.createTensor(env, DoubleBuffer.wrap(x), new long[] {rows, cols})
                         : OnnxTensor.createTensor(env, FloatBuffer.wrap(floats(x)), new long[] {rows, cols});
                 OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, in))) {
                OnnxTensor out = (OnnxTensor) result.get(0);
                if (f64) {
                    DoubleBuffer b = out.getDoubleBuffer();
                    double[] v = new double[b.remaining()];
                    b.get(v);
                    return v;
                }
                FloatBuffer b = out.getFloatBuffer();
                double[] v = new double[b.remaining()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = b.get(i);
                }
                return v;
            }
        }
    }

    private static float[] floats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
