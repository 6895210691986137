package dev.neurite.bench.kernel;

import dev.neurite.bench.CaseWork;
import dev.neurite.bench.ForkFlags;
import dev.neurite.kernel.provider.KernelProvider;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
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

/** Single-precision GEMM, {@code C = op(A) op(B)} with {@code beta = 0}, per backend and shape. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE,
        ForkFlags.NATIVE_ACCESS, ForkFlags.UNSAFE_ALLOW})
public class GemmBench {

    /** Allowed error per unit of the inner dimension, inputs being in [-1, 1). */
    static final double TOLERANCE_PER_K = 1e-4;
    /** Rows of C compared with the scalar backend. */
    static final int CHECKED_ROWS = 6;
    /** Time given to each product of the training profile. */
    static final long TRAINING_PROFILE_NANOS = 1_000_000_000L;

    @Param("scalar")
    public String backend;

    /** A {@link GemmShape} name. */
    @Param("sq256")
    public String shape;

    private Arena arena;
    private Kernels kernels;
    private GemmShape s;
    private MemorySegment a;
    private MemorySegment b;
    private MemorySegment c;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = KernelProvider.create(backend);
        s = GemmShape.named(shape);
        // shared: the kernel's worker threads read and write these segments
        arena = Arena.ofShared();
        a = BenchInputs.uniform(arena, (long) s.m() * s.k(), -1f, 1f, BenchInputs.SEED);
        b = BenchInputs.uniform(arena, (long) s.k() * s.n(), -1f, 1f, BenchInputs.SEED + 1);
        c = BenchInputs.zeros(arena, (long) s.m() * s.n());
        gemm();
        check();
        trainingProfile();
        JitWarmup.run(this::gemm);
    }

    /**
     * Runs the three products of a training step (forward NN, weight gradient TN, input gradient
     * NT of the 784-256-128-10 MLP at batch 128) before the case, so that the JIT compiles the
     * kernels with the profile a training process gives them. Measured on one shape alone, a
     * kernel compiled for one layout looked up to 30% faster than the same code ran in training.
     */
    private void trainingProfile() {
        for (String name : List.of("mlp128.fwd1", "mlp128.dW1", "mlp128.dX1")) {
            GemmShape t = GemmShape.named(name);
            MemorySegment ta = BenchInputs.uniform(arena, (long) t.m() * t.k(), -1f, 1f, BenchInputs.SEED);
            MemorySegment tb = BenchInputs.uniform(arena, (long) t.k() * t.n(), -1f, 1f, BenchInputs.SEED + 1);
            MemorySegment tc = BenchInputs.zeros(arena, (long) t.m() * t.n());
            JitWarmup.run(() -> kernels.gemmF32(tc, 0, t.n(), ta, 0, t.lda(), t.transA(), tb, 0, t.ldb(), t.transB(),
                    t.m(), t.n(), t.k(), 1f, 0f), TRAINING_PROFILE_NANOS);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public void gemm() {
        kernels.gemmF32(c, 0, s.n(), a, 0, s.lda(), s.transA(), b, 0, s.ldb(), s.transB(),
                s.m(), s.n(), s.k(), 1f, 0f);
    }

    /** Compares sampled rows of C with the scalar backend, one row at a time ({@code m = 1}). */
    private void check() {
        ScalarKernels reference = new ScalarKernels();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment row = BenchInputs.zeros(scratch, s.n());
            for (long i : BenchInputs.sampleIndices(s.m(), CHECKED_ROWS, BenchInputs.SEED)) {
                // row i of op(A): A[i, :] stored row-major, or column i of the stored k x m A
                long aOff = s.transA() ? i : i * s.lda();
                reference.gemmF32(row, 0, s.n(), a, aOff, s.lda(), s.transA(), b, 0, s.ldb(),
                        s.transB(), 1, s.n(), s.k(), 1f, 0f);
                for (long j = 0; j < s.n(); j++) {
                    ResultCheck.near(backend + " gemm " + shape + " C[" + i + "," + j + "]",
                            c.getAtIndex(ValueLayout.JAVA_FLOAT, i * s.n() + j),
                            row.getAtIndex(ValueLayout.JAVA_FLOAT, j), TOLERANCE_PER_K, s.k());
                }
            }
        }
    }

    /** The summary description of a case with these parameters. */
    public static CaseWork work(Map<String, String> params) {
        GemmShape s = GemmShape.named(params.get("shape"));
        return new CaseWork("gemm", s.dims(), "trans=" + s.trans() + " case=" + s.name(),
                CaseWork.Metric.GFLOPS, s.flops());
    }
}
