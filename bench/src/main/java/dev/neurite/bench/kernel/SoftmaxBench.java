package dev.neurite.bench.kernel;

import dev.neurite.bench.CaseWork;
import dev.neurite.bench.ForkFlags;
import dev.neurite.kernel.provider.KernelProvider;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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

/** Row-wise softmax of a float32 matrix: logits of an MLP batch (128x10) and a wide one (1024x1000). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE,
        ForkFlags.NATIVE_ACCESS, ForkFlags.UNSAFE_ALLOW})
public class SoftmaxBench {

    /** Allowed absolute error; outputs are probabilities in [0, 1]. */
    static final double TOLERANCE = 1e-5;
    /** Rows compared with the scalar backend. */
    static final int CHECKED_ROWS = 16;

    @Param("scalar")
    public String backend;

    /** {@code ROWSxCOLS}. */
    @Param({"128x10", "1024x1000"})
    public String shape;

    private Arena arena;
    private Kernels kernels;
    private int rows;
    private int cols;
    private MemorySegment x;
    private MemorySegment y;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = KernelProvider.create(backend);
        int[] rc = BenchInputs.parseRowsCols(shape);
        rows = rc[0];
        cols = rc[1];
        arena = Arena.ofShared();
        x = BenchInputs.uniform(arena, (long) rows * cols, -8f, 8f, BenchInputs.SEED);
        y = BenchInputs.zeros(arena, (long) rows * cols);
        softmax();
        check();
        JitWarmup.run(this::softmax);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public void softmax() {
        kernels.softmaxRowsF32(y, 0, cols, x, 0, cols, rows, cols);
    }

    private void check() {
        ScalarKernels reference = new ScalarKernels();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment row = BenchInputs.zeros(scratch, cols);
            for (long i : BenchInputs.sampleIndices(rows, CHECKED_ROWS, BenchInputs.SEED)) {
                reference.softmaxRowsF32(row, 0, cols, x, i * cols, cols, 1, cols);
                for (long j = 0; j < cols; j++) {
                    ResultCheck.near(backend + " softmax " + shape + " y[" + i + "," + j + "]",
                            y.getAtIndex(ValueLayout.JAVA_FLOAT, i * cols + j),
                            row.getAtIndex(ValueLayout.JAVA_FLOAT, j), TOLERANCE, 1.0);
                }
            }
        }
    }

    /** The summary description of a case with these parameters: the matrix read once, written once. */
    public static CaseWork work(Map<String, String> params) {
        int[] rc = BenchInputs.parseRowsCols(params.get("shape"));
        return new CaseWork("softmax", params.get("shape"), "", CaseWork.Metric.GBPS,
                2.0 * Float.BYTES * rc[0] * rc[1]);
    }
}
