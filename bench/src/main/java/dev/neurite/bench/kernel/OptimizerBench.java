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
import java.util.SplittableRandom;
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
 * Optimizer updates (Adam, RMSProp, SGD with momentum) over the 235,146 parameters of the
 * 784-256-128-10 MLP, on ordinary state or on subnormal-laden state: there, half the elements
 * (as for weights whose gradient stays zero) start every measurement iteration with subnormal
 * moments and get a zero gradient. Training reaches that state after about 800 Adam steps; the
 * two cases side by side give the cost of underflowing state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE,
        ForkFlags.NATIVE_ACCESS, ForkFlags.UNSAFE_ALLOW})
public class OptimizerBench {

    /** Parameters of the 784-256-128-10 MLP. */
    static final long N = 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10;
    /** Elements compared with the scalar backend after the first update. */
    static final int CHECKED = 4096;

    @Param("scalar")
    public String backend;

    /** {@code adam}, {@code rmsprop} or {@code sgd} (with momentum 0.9). */
    @Param({"adam", "rmsprop", "sgd"})
    public String op;

    /** {@code normal} or {@code subnormal} state. */
    @Param({"normal", "subnormal"})
    public String state;

    private Arena arena;
    private Kernels kernels;
    private MemorySegment w;
    private MemorySegment a;
    private MemorySegment b;
    private MemorySegment g;
    private MemorySegment unused;
    private float[] initialA;
    private float[] initialB;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = KernelProvider.create(backend);
        arena = Arena.ofShared();
        w = BenchInputs.uniform(arena, N, -0.1f, 0.1f, BenchInputs.SEED);
        g = BenchInputs.uniform(arena, N, -1e-3f, 1e-3f, BenchInputs.SEED + 1);
        a = BenchInputs.zeros(arena, N);
        b = BenchInputs.zeros(arena, N);
        unused = BenchInputs.zeros(arena, 1);
        SplittableRandom random = new SplittableRandom(BenchInputs.SEED + 2);
        initialA = new float[(int) N];
        initialB = new float[(int) N];
        boolean subnormal = state.equals("subnormal");
        for (int i = 0; i < N; i++) {
            boolean dead = subnormal && i % 2 == 0;
            initialA[i] = dead ? Float.MIN_NORMAL * (float) random.nextDouble() : 1e-4f * (float) random.nextDouble();
            initialB[i] = dead ? Float.MIN_NORMAL * (float) random.nextDouble() : 1e-6f * (float) random.nextDouble();
            if (dead) {
                g.setAtIndex(ValueLayout.JAVA_FLOAT, i, 0f);
            }
        }
        check();
        resetState();
        JitWarmup.run(this::update);
    }

    /** Every iteration starts from the chosen state again. */
    @Setup(Level.Iteration)
    public void resetState() {
        MemorySegment.copy(initialA, 0, a, ValueLayout.JAVA_FLOAT, 0, initialA.length);
        MemorySegment.copy(initialB, 0, b, ValueLayout.JAVA_FLOAT, 0, initialB.length);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public void update() {
        apply(kernels, w, a, b, g, N);
    }

    private void apply(Kernels k, MemorySegment w, MemorySegment a, MemorySegment b, MemorySegment g, long n) {
        switch (op) {
            case "adam" -> k.adamUpdateF32(w, 0, a, 0, b, 0, g, 0, n, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.5f, 0f, 0f, 1f);
            case "rmsprop" -> k.rmspropUpdateF32(w, 0, a, 0, unused, 0, b, 0, g, 0, n, 1e-3f, 0.99f, 1e-8f, 0.9f,
                    false, 0f, 0f);
            case "sgd" -> k.sgdUpdateF32(w, 0, a, 0, g, 0, n, 1e-2f, 0.9f, 0f, false, 0f, 0f, false);
            default -> throw new IllegalArgumentException("unknown optimizer '" + op + "'");
        }
    }

    /** One update on copies, against the scalar reference: the same bits. */
    private void check() {
        ScalarKernels reference = new ScalarKernels();
        // a shared arena like the measured buffers': segments of another session kind seen first
        // by the vector kernel send its compiled code through deoptimization cycles
        try (Arena scratch = Arena.ofShared()) {
            MemorySegment[] want = copies(scratch);
            MemorySegment[] got = copies(scratch);
            apply(reference, want[0], want[1], want[2], g, N);
            apply(kernels, got[0], got[1], got[2], g, N);
            for (long i : BenchInputs.sampleIndices(N, CHECKED, BenchInputs.SEED)) {
                for (int s = 0; s < 3; s++) {
                    float expected = want[s].getAtIndex(ValueLayout.JAVA_FLOAT, i);
                    ResultCheck.near(backend + " " + op + " buffer " + s + "[" + i + "]",
                            got[s].getAtIndex(ValueLayout.JAVA_FLOAT, i), expected, 0, 1);
                }
            }
        }
    }

    private MemorySegment[] copies(Arena scratch) {
        MemorySegment cw = scratch.allocate(N * Float.BYTES, 64).copyFrom(w);
        MemorySegment ca = scratch.allocate(N * Float.BYTES, 64);
        MemorySegment cb = scratch.allocate(N * Float.BYTES, 64);
        MemorySegment.copy(initialA, 0, ca, ValueLayout.JAVA_FLOAT, 0, initialA.length);
        MemorySegment.copy(initialB, 0, cb, ValueLayout.JAVA_FLOAT, 0, initialB.length);
        return new MemorySegment[] {cw, ca, cb};
    }

    /** The summary description: bytes of w, g and two state vectors read, w and the state written. */
    public static CaseWork work(Map<String, String> params) {
        return new CaseWork(params.get("op"), params.get("state"), "n=" + N, CaseWork.Metric.GBPS,
                7.0 * Float.BYTES * N);
    }
}
