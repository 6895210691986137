package dev.neurite.bench.kernel;

import dev.neurite.bench.CaseWork;
import dev.neurite.bench.ForkFlags;
import dev.neurite.kernel.opencl.ClType;
import dev.neurite.kernel.opencl.OpenClBuffer;
import dev.neurite.kernel.opencl.OpenClContext;
import dev.neurite.kernel.opencl.OpenClGemm;
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

/**
 * Single-precision GEMM on the OpenCL device with A, B and C resident in device memory, the way
 * device training runs it: each call enqueues the kernel and waits for it ({@code clFinish}), no
 * transfers. Same shapes as {@link GemmBench}, plus larger squares ({@code sqN}) for GPUs. The
 * device is the one {@code -Dneurite.opencl.device} selects.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE,
        ForkFlags.NATIVE_ACCESS, ForkFlags.UNSAFE_ALLOW})
public class OpenClGemmBench {

    /** Always opencl: names the backend in the summary lines. */
    @Param("opencl")
    public String backend;

    /** A {@link GemmShape} name. */
    @Param("sq256")
    public String shape;

    private Arena arena;
    private OpenClContext context;
    private OpenClGemm gemm;
    private GemmShape s;
    private MemorySegment hostA;
    private MemorySegment hostB;
    private OpenClBuffer a;
    private OpenClBuffer b;
    private OpenClBuffer c;

    @Setup(Level.Trial)
    public void setUp() {
        s = GemmShape.named(shape);
        arena = Arena.ofConfined();
        context = OpenClContext.open();
        gemm = new OpenClGemm(context);
        hostA = BenchInputs.uniform(arena, (long) s.m() * s.k(), -1f, 1f, BenchInputs.SEED);
        hostB = BenchInputs.uniform(arena, (long) s.k() * s.n(), -1f, 1f, BenchInputs.SEED + 1);
        a = context.buffer(ClType.FLOAT32, (long) s.m() * s.k());
        b = context.buffer(ClType.FLOAT32, (long) s.k() * s.n());
        c = context.buffer(ClType.FLOAT32, (long) s.m() * s.n());
        a.write(0, hostA, 0, (long) s.m() * s.k());
        b.write(0, hostB, 0, (long) s.k() * s.n());
        gemm();
        check();
        JitWarmup.run(this::gemm);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        b.close();
        c.close();
        gemm.close();
        context.close();
        arena.close();
    }

    @Benchmark
    public void gemm() {
        gemm.gemm(c, 0, s.n(), a, 0, s.lda(), s.transA(), b, 0, s.ldb(), s.transB(), s.m(), s.n(), s.k(), 1, 0);
        context.finish();
    }

    /** Compares sampled rows of C with the scalar backend, as {@link GemmBench} does. */
    private void check() {
        ScalarKernels reference = new ScalarKernels();
        MemorySegment row = BenchInputs.zeros(arena, s.n());
        MemorySegment deviceRow = BenchInputs.zeros(arena, s.n());
        for (long i : BenchInputs.sampleIndices(s.m(), GemmBench.CHECKED_ROWS, BenchInputs.SEED)) {
            long aOff = s.transA() ? i : i * s.lda();
            reference.gemmF32(row, 0, s.n(), hostA, aOff, s.lda(), s.transA(), hostB, 0, s.ldb(), s.transB(),
                    1, s.n(), s.k(), 1f, 0f);
            c.read(i * s.n(), deviceRow, 0, s.n());
            for (long j = 0; j < s.n(); j++) {
                ResultCheck.near("opencl gemm " + shape + " C[" + i + "," + j + "]",
                        deviceRow.getAtIndex(ValueLayout.JAVA_FLOAT, j), row.getAtIndex(ValueLayout.JAVA_FLOAT, j),
                        GemmBench.TOLERANCE_PER_K, s.k());
            }
        }
    }

    /** The summary description of a case with these parameters. */
    public static CaseWork work(Map<String, String> params) {
        GemmShape s = GemmShape.named(params.get("shape"));
        return new CaseWork("gemm", s.dims(), "trans=" + s.trans() + " case=" + s.name() + " resident=device",
                CaseWork.Metric.GFLOPS, s.flops());
    }
}
