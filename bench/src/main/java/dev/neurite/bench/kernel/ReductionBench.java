package dev.neurite.bench.kernel;

import dev.neurite.kernel.RowReduction;
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

/**
 * Reductions over float32 memory: {@code sum} and {@code dot} of contiguous vectors, and
 * {@code rowmax} of a matrix of the same element count with rows of {@value #ROW_LENGTH}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE,
        ForkFlags.NATIVE_ACCESS, ForkFlags.UNSAFE_ALLOW})
public class ReductionBench {

    /** Allowed error of sum and dot relative to the sum of the terms' magnitudes. */
    static final double TOLERANCE = 1e-4;
    /** Row maxima compared with the scalar backend (a maximum is exact). */
    static final int CHECKED_ROWS = 64;
    /** Columns of the {@code rowmax} matrix. */
    static final int ROW_LENGTH = 1024;

    @Param("scalar")
    public String backend;

    /** {@code sum}, {@code dot} or {@code rowmax}. */
    @Param({"sum", "dot", "rowmax"})
    public String op;

    /** Element count, e.g. {@code 1M}. */
    @Param("1M")
    public String size;

    private Arena arena;
    private Kernels kernels;
    private long n;
    private int rows;
    private MemorySegment x;
    private MemorySegment y;
    private MemorySegment rowMax;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = KernelProvider.create(backend);
        n = BenchInputs.parseCount(size);
        rows = Math.toIntExact(n / ROW_LENGTH);
        arena = Arena.ofShared();
        x = BenchInputs.uniform(arena, n, -1f, 1f, BenchInputs.SEED);
        y = BenchInputs.uniform(arena, n, -1f, 1f, BenchInputs.SEED + 1);
        rowMax = BenchInputs.zeros(arena, Math.max(1, rows));
        check();
        JitWarmup.run(this::reduce);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float reduce() {
        return switch (op) {
            case "sum" -> kernels.sumF32(x, 0, n);
            case "dot" -> kernels.dotF32(x, 0, y, 0, n);
            case "rowmax" -> {
                kernels.rowReduceF32(RowReduction.MAX, rowMax, 0, x, 0, ROW_LENGTH, rows, ROW_LENGTH);
                yield rowMax.getAtIndex(ValueLayout.JAVA_FLOAT, 0);
            }
            default -> throw new IllegalArgumentException("unknown reduction '" + op + "'");
        };
    }

    private void check() {
        float result = reduce();
        ScalarKernels reference = new ScalarKernels();
        switch (op) {
            case "sum" -> ResultCheck.near(backend + " sum " + size, result,
                    reference.sumF32(x, 0, n), TOLERANCE, magnitude(false));
            case "dot" -> ResultCheck.near(backend + " dot " + size, result,
                    reference.dotF32(x, 0, y, 0, n), TOLERANCE, magnitude(true));
            case "rowmax" -> {
                try (Arena scratch = Arena.ofConfined()) {
                    MemorySegment one = BenchInputs.zeros(scratch, 1);
                    for (long i : BenchInputs.sampleIndices(rows, CHECKED_ROWS, BenchInputs.SEED)) {
                        reference.rowReduceF32(RowReduction.MAX, one, 0, x, i * ROW_LENGTH, ROW_LENGTH,
                                1, ROW_LENGTH);
                        ResultCheck.exact(backend + " rowmax " + size + " row " + i,
                                rowMax.getAtIndex(ValueLayout.JAVA_FLOAT, i),
                                one.getAtIndex(ValueLayout.JAVA_FLOAT, 0));
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown reduction '" + op + "'");
        }
    }

    /** Sum of |x[i]| (or |x[i] y[i]|): the scale of a float sum's rounding error. */
    private double magnitude(boolean products) {
        double total = 0;
        for (long i = 0; i < n; i++) {
            double v = x.getAtIndex(ValueLayout.JAVA_FLOAT, i);
            total += Math.abs(products ? v * y.getAtIndex(ValueLayout.JAVA_FLOAT, i) : v);
        }
        return total;
    }

    /** The summary description of a case with these parameters: bytes read (and row maxima written). */
    public static CaseWork work(Map<String, String> params) {
        String op = params.get("op");
        String size = params.get("size");
        long n = BenchInputs.parseCount(size);
        return switch (op) {
            case "dot" -> new CaseWork(op, size, "", CaseWork.Metric.GBPS, 2.0 * Float.BYTES * n);
            case "rowmax" -> new CaseWork(op, (n / ROW_LENGTH) + "x" + ROW_LENGTH, "",
                    CaseWork.Metric.GBPS, Float.BYTES * (n + (double) n / ROW_LENGTH));
            default -> new CaseWork(op, size, "", CaseWork.Metric.GBPS, (double) Float.BYTES * n);
        };
    }
}
