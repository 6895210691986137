package dev.neurite.bench.nn;

import dev.neurite.bench.CaseWork;
import dev.neurite.bench.ForkFlags;
import dev.neurite.bench.kernel.JitWarmup;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
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
 * One training step of the 784-256-128-10 ReLU MLP on a batch of 128, as the trainer runs it:
 * forward, softmax cross-entropy, zero the gradients, backward (without the input gradient),
 * Adam step. The batch stays the same, so the model keeps fitting it; the step's work does not
 * depend on the values.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE,
        ForkFlags.NATIVE_ACCESS, ForkFlags.UNSAFE_ALLOW})
public class TrainStepBench {

    static final int BATCH = 128;
    /** Steps whose loss must fall below the first one's, as the check that training works. */
    static final int CHECK_STEPS = 20;

    @Param("blas")
    public String backend;

    private Sequential model;
    private SoftmaxCrossEntropyLoss loss;
    private Adam optimizer;
    private Tensor x;
    private Tensor y;
    private double lastLoss;

    @Setup(Level.Trial)
    public void setUp() {
        MlpFixture.requireBackend(backend);
        model = MlpFixture.model();
        model.train();
        loss = new SoftmaxCrossEntropyLoss();
        optimizer = new Adam(model.parameters(), 1e-3);
        x = MlpFixture.inputs(BATCH);
        y = MlpFixture.labels(BATCH);
        step();
        double first = lastLoss;
        for (int i = 0; i < CHECK_STEPS; i++) {
            step();
        }
        if (!(lastLoss < first)) {
            throw new IllegalStateException(backend + " train step: the loss went from " + first + " to "
                    + lastLoss + " in " + CHECK_STEPS + " steps on one batch");
        }
        JitWarmup.run(this::step);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
        loss.close();
        x.close();
        y.close();
    }

    @Benchmark
    public double step() {
        Tensor out = model.forward(x);
        lastLoss = loss.forward(out, y);
        optimizer.zeroGrad();
        model.backward(loss.backward(), false);
        optimizer.step();
        return lastLoss;
    }

    /**
     * The summary description of a case: forward 2 flops per multiply-add, backward twice that
     * less the skipped input gradient of the first layer.
     */
    public static CaseWork work(Map<String, String> params) {
        double macs = 784 * 256 + 256 * 128 + 128 * 10;
        double flops = 2.0 * BATCH * (3 * macs - 784 * 256);
        return new CaseWork("trainstep", BATCH + "x" + MlpFixture.INPUTS, "optimizer=adam", CaseWork.Metric.GFLOPS,
                flops);
    }
}
