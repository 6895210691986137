package dev.neurite.bench.nn;

import dev.neurite.bench.CaseWork;
import dev.neurite.bench.ForkFlags;
import dev.neurite.bench.kernel.JitWarmup;
import dev.neurite.device.OpenClNetwork;
import dev.neurite.device.StepResult;
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
 * {@link TrainStepBench}'s step on the OpenCL device: the 784-256-128-10 ReLU MLP, batch 128,
 * softmax cross-entropy and Adam, with the data, weights and optimizer state resident on the
 * device. A step gathers its batch on the device, runs forward, loss, backward and update, and
 * reads back the loss and correct count (so each call waits for the device).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE,
        ForkFlags.NATIVE_ACCESS, ForkFlags.UNSAFE_ALLOW})
public class OpenClTrainStepBench {

    /** Rows on the device; steps walk through them in batches. */
    static final int ROWS = 1024;

    /** Always opencl: names the backend in the summary lines. */
    @Param("opencl")
    public String backend;

    private Sequential model;
    private SoftmaxCrossEntropyLoss loss;
    private OpenClNetwork net;
    private Tensor x;
    private Tensor y;
    private int from;

    @Setup(Level.Trial)
    public void setUp() {
        model = MlpFixture.model();
        loss = new SoftmaxCrossEntropyLoss();
        net = new OpenClNetwork(null, model, loss, new Adam(model.parameters(), 1e-3), TrainStepBench.BATCH);
        x = MlpFixture.inputs(ROWS);
        y = MlpFixture.labels(ROWS);
        net.loadData(x, y);
        double first = net.trainStep(0, TrainStepBench.BATCH).meanLoss();
        double last = first;
        for (int i = 0; i < TrainStepBench.CHECK_STEPS; i++) {
            last = net.trainStep(0, TrainStepBench.BATCH).meanLoss();
        }
        if (!(last < first)) {
            throw new IllegalStateException("opencl train step: the loss went from " + first + " to " + last
                    + " in " + TrainStepBench.CHECK_STEPS + " steps on one batch");
        }
        JitWarmup.run(() -> step());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        net.close();
        model.close();
        loss.close();
        x.close();
        y.close();
    }

    @Benchmark
    public double step() {
        StepResult r = net.trainStep(from, TrainStepBench.BATCH);
        from = (from + TrainStepBench.BATCH) % ROWS;
        return r.meanLoss();
    }

    /** The summary description of the case, flops counted as in {@link TrainStepBench}. */
    public static CaseWork work(Map<String, String> params) {
        CaseWork cpu = TrainStepBench.work(params);
        return new CaseWork(cpu.op(), cpu.shape(), cpu.extra() + " resident=device", cpu.metric(), cpu.amount());
    }
}
