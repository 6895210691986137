package dev.neurite.bench.nn;

import dev.neurite.bench.CaseWork;
import dev.neurite.bench.ForkFlags;
import dev.neurite.bench.kernel.JitWarmup;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.Device;
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
 * {@link TrainStepBench}'s step with the model on the OpenCL device ({@code Sequential.to}): the
 * 784-256-128-10 ReLU MLP, batch 128, softmax cross-entropy and Adam, weights and optimizer state
 * resident on the device. A step gathers its batch from the inputs kept on the device (as
 * {@code Trainer} does), runs forward, loss, backward and update there and reads back the loss
 * (so each call waits for the device).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE,
        ForkFlags.NATIVE_ACCESS, ForkFlags.UNSAFE_ALLOW})
public class OpenClTrainStepBench {

    /** Host rows; steps walk through them in batches. */
    static final int ROWS = 1024;

    /** Always opencl: names the backend in the summary lines. */
    @Param("opencl")
    public String backend;

    private Device device;
    private Sequential model;
    private SoftmaxCrossEntropyLoss loss;
    private Adam optimizer;
    private Tensor x;
    private Tensor y;
    private Tensor resident; // the inputs on the device, as Trainer keeps them
    private int[] order;
    private Tensor batchX;
    private int from;

    @Setup(Level.Trial)
    public void setUp() {
        device = Device.opencl();
        model = MlpFixture.model().to(device);
        loss = new SoftmaxCrossEntropyLoss();
        optimizer = new Adam(model.parameters(), 1e-3);
        x = MlpFixture.inputs(ROWS);
        y = MlpFixture.labels(ROWS);
        resident = x.to(device);
        order = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            order[i] = i;
        }
        batchX = Tensor.zeros(x.dtype(), TrainStepBench.BATCH, x.cols(), device);
        double first = step(0);
        double last = first;
        for (int i = 0; i < TrainStepBench.CHECK_STEPS; i++) {
            last = step(0);
        }
        if (!(last < first)) {
            throw new IllegalStateException("opencl train step: the loss went from " + first + " to " + last
                    + " in " + TrainStepBench.CHECK_STEPS + " steps on one batch");
        }
        JitWarmup.run(() -> step());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        optimizer.close();
        model.close();
        loss.close();
        x.close();
        y.close();
        device.close(); // and the batch buffers on it
    }

    @Benchmark
    public double step() {
        double value = step(from);
        from = (from + TrainStepBench.BATCH) % ROWS;
        return value;
    }

    private double step(int first) {
        batchX.gatherRows(resident, order, first); // on the device, as Trainer gathers a batch
        // class labels stay on the host, as Trainer keeps them: the loss only reads them
        double value = loss.forward(model.forward(batchX), y.rows(first, first + TrainStepBench.BATCH));
        optimizer.zeroGrad();
        model.backward(loss.backward(), false);
        optimizer.step();
        return value;
    }

    /** The summary description of the case, flops counted as in {@link TrainStepBench}. */
    public static CaseWork work(Map<String, String> params) {
        CaseWork cpu = TrainStepBench.work(params);
        return new CaseWork(cpu.op(), cpu.shape(), cpu.extra() + " resident=device", cpu.metric(), cpu.amount());
    }
}
