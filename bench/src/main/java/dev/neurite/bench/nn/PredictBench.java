package dev.neurite.bench.nn;

import dev.neurite.bench.CaseWork;
import dev.neurite.bench.ForkFlags;
import dev.neurite.bench.kernel.JitWarmup;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code Sequential.predict} of the 784-256-128-10 ReLU MLP at batch 1 (latency) and 128, into a
 * preallocated output, on the backend the fork selects ({@code -Dneurite.backend}). After the
 * first call a thread allocates nothing; {@code -prof gc} (BenchMain adds it) shows it as
 * {@code alloc_bytes_per_op}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE,
        ForkFlags.NATIVE_ACCESS, ForkFlags.UNSAFE_ALLOW})
public class PredictBench {

    /** Allowed absolute difference from the scalar backend's logits (of order 1). */
    static final double TOLERANCE = 1e-3;

    @Param("blas")
    public String backend;

    @Param({"1", "128"})
    public int batch;

    private Sequential model;
    private Tensor x;
    private Tensor out;

    @Setup(Level.Trial)
    public void setUp() {
        MlpFixture.requireBackend(backend);
        model = MlpFixture.model();
        x = MlpFixture.inputs(batch);
        out = Tensor.zeros(DType.F32, batch, MlpFixture.CLASSES);
        predict();
        float[] want = Ops.using("scalar").call(() -> model.predict(x).toFloatArray());
        float[] got = out.toFloatArray();
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(got[i] - want[i]) <= TOLERANCE)) {
                throw new IllegalStateException(backend + " predict batch " + batch + ": logit " + i + " is "
                        + got[i] + ", the scalar backend gives " + want[i]);
            }
        }
        JitWarmup.run(this::predict);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
        x.close();
        out.close();
    }

    @Benchmark
    public void predict() {
        model.predict(x, out);
    }

    /** The summary description of a case: 2 flops per multiply-add of the three layers. */
    public static CaseWork work(Map<String, String> params) {
        int rows = Integer.parseInt(params.get("batch"));
        return new CaseWork("predict", rows + "x" + MlpFixture.INPUTS, "", CaseWork.Metric.GFLOPS,
                2.0 * rows * (784 * 256 + 256 * 128 + 128 * 10));
    }
}
