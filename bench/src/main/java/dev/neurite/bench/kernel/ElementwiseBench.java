package dev.neurite.bench.kernel;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.UnaryOp;
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

/** Point-wise forward ops on contiguous float32 vectors: relu, sigmoid, tanh (activations) and exp. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE,
        ForkFlags.NATIVE_ACCESS, ForkFlags.UNSAFE_ALLOW})
public class ElementwiseBench {

    /** Allowed error relative to {@code max(1, |reference|)}. */
    static final double TOLERANCE = 1e-4;
    /** Elements compared with the scalar backend. */
    static final int CHECKED = 4096;
    /** Inputs are uniform in [-RANGE, RANGE): both tails of sigmoid and tanh, exp up to e^8. */
    static final float RANGE = 8f;

    @Param("scalar")
    public String backend;

    /** {@code relu}, {@code sigmoid}, {@code tanh} or {@code exp}. */
    @Param({"relu", "sigmoid", "tanh", "exp"})
    public String op;

    /** Element count, e.g. {@code 1M}. */
    @Param("1M")
    public String size;

    private Arena arena;
    private Kernels kernels;
    private Activation activation;
    private long n;
    private MemorySegment x;
    private MemorySegment y;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = KernelProvider.create(backend);
        activation = activationOf(op);
        n = BenchInputs.parseCount(size);
        arena = Arena.ofShared();
        x = BenchInputs.uniform(arena, n, -RANGE, RANGE, BenchInputs.SEED);
        y = BenchInputs.zeros(arena, n);
        forward();
        check();
        JitWarmup.run(this::forward);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public void forward() {
        apply(kernels, y, 0, x, 0, n);
    }

    private void apply(Kernels k, MemorySegment out, long outOff, MemorySegment in, long inOff, long count) {
        if (activation == null) {
            k.unaryF32(UnaryOp.EXP, out, outOff, in, inOff, count);
        } else {
            k.activationForwardF32(activation, 0f, out, outOff, in, inOff, count);
        }
    }

    private void check() {
        ScalarKernels reference = new ScalarKernels();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment one = BenchInputs.zeros(scratch, 1);
            for (long i : BenchInputs.sampleIndices(n, CHECKED, BenchInputs.SEED)) {
                apply(reference, one, 0, x, i, 1);
                float expected = one.getAtIndex(ValueLayout.JAVA_FLOAT, 0);
                ResultCheck.near(backend + " " + op + " y[" + i + "]",
                        y.getAtIndex(ValueLayout.JAVA_FLOAT, i), expected, TOLERANCE,
                        Math.max(1.0, Math.abs(expected)));
            }
        }
    }

    private static Activation activationOf(String op) {
        return switch (op) {
            case "relu" -> Activation.RELU;
            case "sigmoid" -> Activation.SIGMOID;
            case "tanh" -> Activation.TANH;
            case "exp" -> null;
            default -> throw new IllegalArgumentException("unknown element-wise op '" + op + "'");
        };
    }

    /** The summary description of a case with these parameters: one float read, one written. */
    public static CaseWork work(Map<String, String> params) {
        long n = BenchInputs.parseCount(params.get("size"));
        return new CaseWork(params.get("op"), params.get("size"), "", CaseWork.Metric.GBPS,
                2.0 * Float.BYTES * n);
    }
}
