package dev.neurite.bench.kernel;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.neurite.bench.CaseWork;
import dev.neurite.bench.ForkFlags;
import dev.neurite.kernel.KernelThreads;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
 * The memory-bandwidth yardstick, STREAM style: {@code triad} ({@code a[i] = b[i] + s * c[i]})
 * and {@code copy} ({@code a[i] = b[i]}) as plain Java loops over off-heap floats, which C2 may
 * vectorize. Split over the kernel threads ({@code -Dneurite.threads}) like the kernels are, so
 * the bandwidth of each thread count sits beside the kernels run with it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE,
        ForkFlags.NATIVE_ACCESS, ForkFlags.UNSAFE_ALLOW})
public class TriadBench {

    /** Elements checked after the first run. */
    static final int CHECKED = 4096;
    /** Parts start on multiples of this many floats (a cache line). */
    static final long ALIGN = 16;
    static final float SCALE = 3f;

    /** {@code triad} or {@code copy}. */
    @Param({"triad", "copy"})
    public String op;

    /** Element count per array, e.g. {@code 16M} (64 MB, far beyond the caches). */
    @Param("16M")
    public String size;

    private Arena arena;
    private long n;
    private int parts;
    private boolean triad;
    private MemorySegment a;
    private MemorySegment b;
    private MemorySegment c;

    @Setup(Level.Trial)
    public void setUp() {
        triad = switch (op) {
            case "triad" -> true;
            case "copy" -> false;
            default -> throw new IllegalArgumentException("unknown stream op '" + op + "'");
        };
        n = BenchInputs.parseCount(size);
        parts = KernelThreads.count();
        arena = Arena.ofShared();
        a = BenchInputs.zeros(arena, n);
        b = BenchInputs.uniform(arena, n, -1f, 1f, BenchInputs.SEED);
        c = BenchInputs.uniform(arena, n, -1f, 1f, BenchInputs.SEED + 1);
        run();
        for (long i : BenchInputs.sampleIndices(n, CHECKED, BenchInputs.SEED)) {
            float expected = triad ? b.getAtIndex(JAVA_FLOAT, i) + SCALE * c.getAtIndex(JAVA_FLOAT, i)
                    : b.getAtIndex(JAVA_FLOAT, i);
            ResultCheck.exact(op + " a[" + i + "]", a.getAtIndex(JAVA_FLOAT, i), expected);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public void run() {
        if (parts == 1) {
            part(0);
        } else {
            KernelThreads.run(parts, this::part);
        }
    }

    private void part(int p) {
        long chunk = (n / parts + ALIGN - 1) / ALIGN * ALIGN;
        long from = Math.min(n, p * chunk);
        long to = Math.min(n, from + chunk);
        if (triad) {
            triad(a, b, c, SCALE, from, to);
        } else {
            copy(a, b, from, to);
        }
    }

    private static void triad(MemorySegment a, MemorySegment b, MemorySegment c, float s, long from, long to) {
        for (long i = from; i < to; i++) {
            a.setAtIndex(JAVA_FLOAT, i, b.getAtIndex(JAVA_FLOAT, i) + s * c.getAtIndex(JAVA_FLOAT, i));
        }
    }

    private static void copy(MemorySegment a, MemorySegment b, long from, long to) {
        for (long i = from; i < to; i++) {
            a.setAtIndex(JAVA_FLOAT, i, b.getAtIndex(JAVA_FLOAT, i));
        }
    }

    /** The summary description of a case with these parameters: STREAM's byte counts. */
    public static CaseWork work(Map<String, String> params) {
        String op = params.get("op");
        long n = BenchInputs.parseCount(params.get("size"));
        int arrays = "triad".equals(op) ? 3 : 2;
        return new CaseWork(op, params.get("size"), "", CaseWork.Metric.GBPS, (double) arrays * Float.BYTES * n);
    }
}
