package dev.neurite.bench;

/**
 * What one benchmark case computes, for its summary line: the op and shape as printed, extra
 * {@code key=value} fields, and the work done by one call, either floating-point operations
 * (reported as GFLOP/s) or bytes read plus written (reported as GB/s), or nothing (time only).
 */
public record CaseWork(String op, String shape, String extra, Metric metric, double amount) {

    /** How a case's speed is reported. */
    public enum Metric {
        /** {@code amount} is floating-point operations per call. */
        GFLOPS("gflops"),
        /** {@code amount} is bytes read plus written per call. */
        GBPS("gbps"),
        /** No work model (a benchmark the plan does not describe): time per call only. */
        TIME("time");

        private final String key;

        Metric(String key) {
            this.key = key;
        }

        /** The key of the summary line, e.g. {@code gflops}. */
        public String key() {
            return key;
        }
    }

    /** Speed in the metric's unit (GFLOP/s or GB/s) for one call taking {@code nanos}. */
    public double rate(double nanos) {
        return amount / nanos;
    }
}
