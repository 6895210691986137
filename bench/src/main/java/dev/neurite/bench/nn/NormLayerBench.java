package dev.neurite.bench.nn;

import dev.neurite.bench.ForkFlags;
import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Layer;
import dev.neurite.nn.LayerNorm;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.Random;
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
 * A normalisation layer's training forward and backward on a batch of 128 rows of 256 features:
 * the row and column broadcasts, reductions and element-wise passes of {@link LayerNorm} and
 * {@link BatchNorm}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE,
        ForkFlags.NATIVE_ACCESS, ForkFlags.UNSAFE_ALLOW})
public class NormLayerBench {

    static final int ROWS = 128;
    static final int FEATURES = 256;

    @Param("simd")
    public String backend;

    @Param({"LayerNorm", "BatchNorm"})
    public String layer;

    private Sequential model;
    private Tensor x;
    private Tensor dY;

    @Setup(Level.Trial)
    public void setUp() {
        MlpFixture.requireBackend(backend);
        Layer norm = layer.equals("LayerNorm") ? new LayerNorm(FEATURES) : new BatchNorm(FEATURES);
        model = new Sequential(FEATURES, 1, norm);
        model.train();
        x = Tensor.zeros(DType.F32, ROWS, FEATURES);
        dY = Tensor.zeros(DType.F32, ROWS, FEATURES);
        Random random = new Random(1);
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < FEATURES; j++) {
                x.set(i, j, random.nextGaussian());
                dY.set(i, j, random.nextGaussian());
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
        x.close();
        dY.close();
    }

    @Benchmark
    public Tensor forwardBackward() {
        model.forward(x);
        return model.backward(dY);
    }
}
