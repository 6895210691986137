package dev.neurite.search;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Where the values of one hyper-parameter come from: a finite list of choices (what a grid
 * enumerates) or a continuous range that random search samples. Values are strings, so that a
 * parameter can be anything its user parses ({@code "3e-3"}, {@code "256,128"}, {@code "adam"}).
 */
public sealed interface Distribution
        permits Distribution.Choice, Distribution.Uniform, Distribution.LogUniform, Distribution.IntUniform {

    /** One value drawn with {@code random}. */
    String sample(Random random);

    /** The finite list of values a grid enumerates; ranges have none. */
    List<String> values();

    /** The spec text this distribution parses from. */
    String describe();

    /** One of a fixed list of values, each equally likely. */
    record Choice(List<String> options) implements Distribution {
        public Choice {
            options = List.copyOf(options);
            if (options.isEmpty()) {
                throw new IllegalArgumentException("a choice needs at least one value");
            }
        }

        @Override
        public String sample(Random random) {
            return options.get(random.nextInt(options.size()));
        }

        @Override
        public List<String> values() {
            return options;
        }

        @Override
        public String describe() {
            return "choice:" + String.join("|", options);
        }
    }

    /** Uniform on {@code [low, high)}. */
    record Uniform(double low, double high) implements Distribution {
        public Uniform {
            requireRange("u", low, high);
        }

        @Override
        public String sample(Random random) {
            return format(low + (high - low) * random.nextDouble());
        }

        @Override
        public List<String> values() {
            throw new IllegalStateException("u:" + low + ":" + high + " is a range; a grid needs listed values");
        }

        @Override
        public String describe() {
            return "u:" + low + ":" + high;
        }
    }

    /**
     * Log-uniform on {@code [low, high)}, {@code 0 < low < high}: {@code exp(U(log low, log high))},
     * so every decade is equally likely (the usual prior of learning rates).
     */
    record LogUniform(double low, double high) implements Distribution {
        public LogUniform {
            requireRange("logu", low, high);
            if (!(low > 0)) {
                throw new IllegalArgumentException("logu needs 0 < low, got low " + low);
            }
        }

        @Override
        public String sample(Random random) {
            double logLow = Math.log(low);
            double v = Math.exp(logLow + (Math.log(high) - logLow) * random.nextDouble());
            // exp(log(x)) can round just outside the range
            return format(Math.min(Math.max(v, low), Math.nextDown(high)));
        }

        @Override
        public List<String> values() {
            throw new IllegalStateException("logu:" + low + ":" + high + " is a range; a grid needs listed values");
        }

        @Override
        public String describe() {
            return "logu:" + low + ":" + high;
        }
    }

    /** A uniformly chosen integer in {@code [low, high]} (both included). */
    record IntUniform(long low, long high) implements Distribution {
        public IntUniform {
            if (low > high) {
                throw new IllegalArgumentException("int range needs low <= high, got " + low + ":" + high);
            }
        }

        @Override
        public String sample(Random random) {
            return Long.toString(low + random.nextLong(high - low + 1));
        }

        @Override
        public List<String> values() {
            throw new IllegalStateException("int:" + low + ":" + high + " is a range; a grid needs listed values");
        }

        @Override
        public String describe() {
            return "int:" + low + ":" + high;
        }
    }

    private static void requireRange(String kind, double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
            throw new IllegalArgumentException(kind + " needs finite low < high, got " + low + ":" + high);
        }
    }

    /** Shortest text that reads back as the same double. */
    private static String format(double v) {
        return Double.toString(v).toLowerCase(Locale.ROOT);
    }
}
