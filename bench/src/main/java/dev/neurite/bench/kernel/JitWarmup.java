package dev.neurite.bench.kernel;

/**
 * Runs a kernel until C2 has compiled it, before JMH's time-based warm-up starts. Vector API code
 * that runs in the interpreter or C1 is a hundred times slower than compiled code, so a slow
 * first call can eat a whole time-based warm-up iteration in a handful of invocations and leave
 * the measurement running interpreted code. Compilation is triggered by invocation and loop
 * counts, so this warm-up counts calls, with a time cap for the big shapes (whose inner loops
 * reach C2 through on-stack replacement anyway).
 */
public final class JitWarmup {

    /** Calls that comfortably pass HotSpot's tier-4 thresholds. */
    static final int CALLS = 20_000;
    /** Time cap for shapes where one call already runs long loops. */
    static final long MAX_NANOS = 3_000_000_000L;

    private JitWarmup() {
    }

    public static void run(Runnable op) {
        run(op, MAX_NANOS);
    }

    /** As {@link #run(Runnable)} with another time cap. */
    public static void run(Runnable op, long maxNanos) {
        long start = System.nanoTime();
        for (int i = 0; i < CALLS && System.nanoTime() - start < maxNanos; i++) {
            op.run();
        }
    }
}
