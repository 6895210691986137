package dev.neurite.tensor;

import dev.neurite.kernel.Activation;

/** Validation shared by the public ops: every message names the op and the shapes involved. */
final class Checks {

    private Checks() {
    }

    // Fixed-arity overloads: the hot paths call these, and a varargs call allocates its array
    // wherever the JIT does not inline the whole check.

    static void open(String op, Tensor a) {
        requireOpen(op, a);
    }

    static void open(String op, Tensor a, Tensor b) {
        requireOpen(op, a);
        requireOpen(op, b);
        sameDevice(op, a, b);
    }

    static void open(String op, Tensor a, Tensor b, Tensor c) {
        requireOpen(op, a);
        requireOpen(op, b);
        requireOpen(op, c);
        sameDevice(op, a, b);
        sameDevice(op, a, c);
    }

    /** Operations run where their tensors live, so all must live on one device. */
    static void sameDevice(String op, Tensor first, Tensor other) {
        if (other.device() != first.device()) {
            throw new IllegalArgumentException(op + ": tensors on different devices: " + first.shape() + " on "
                    + first.device().name() + ", " + other.shape() + " on " + other.device().name()
                    + "; copy one with to(device)");
        }
    }

    private static void requireOpen(String op, Tensor t) {
        if (t == null) {
            throw new NullPointerException(op + ": tensor argument is null");
        }
        t.requireOpen(op);
    }

    static void sameDtype(String op, Tensor first, Tensor other) {
        if (other.dtype() != first.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes differ: " + first.shape() + " and " + other.shape());
        }
    }

    static void sameDtype(String op, Tensor first, Tensor b, Tensor c) {
        sameDtype(op, first, b);
        sameDtype(op, first, c);
    }

    static void open(String op, Tensor... tensors) {
        for (Tensor t : tensors) {
            if (t == null) {
                throw new NullPointerException(op + ": tensor argument is null");
            }
            t.requireOpen(op);
            sameDevice(op, tensors[0], t);
        }
    }

    static void sameDtype(String op, Tensor first, Tensor... others) {
        for (Tensor t : others) {
            if (t.dtype() != first.dtype()) {
                throw new IllegalArgumentException(op + ": dtypes differ: " + first.shape() + " and " + t.shape());
            }
        }
    }

    static void sameShape(String op, String nameA, Tensor a, String nameB, Tensor b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(op + ": shapes differ: " + nameA + " is " + a.shape()
                    + ", " + nameB + " is " + b.shape());
        }
    }

    /** The length of a {@code 1 x n} or {@code n x 1} tensor. */
    static int vectorLength(String op, String name, Tensor v) {
        if (v.rows() != 1 && v.cols() != 1) {
            throw new IllegalArgumentException(op + ": " + name + " must be a vector (1xn or nx1), got " + v.shape());
        }
        if (!isUnitStrideVector(v)) {
            throw new IllegalArgumentException(op + ": vector " + name + " (" + v.shape()
                    + ") must be contiguous; copy() it first");
        }
        return v.rows() == 1 ? v.cols() : v.rows();
    }

    static boolean isUnitStrideVector(Tensor v) {
        return v.size() <= 1 || (v.rows() == 1 ? v.colStride() == 1 : v.rowStride() == 1);
    }

    static void slope(Activation f, double slope) {
        if (f == Activation.LEAKY_RELU && !(slope >= 0 && Double.isFinite(slope))) {
            throw new IllegalArgumentException("leaky_relu: slope must be finite and >= 0, got " + slope);
        }
    }

    static boolean sameElements(Tensor a, Tensor b) {
        return a.segment() == b.segment() && a.buffer() == b.buffer() && a.offset() == b.offset() && a.rows() == b.rows()
                && a.cols() == b.cols() && (a.size() <= 1
                || (a.rowStride() == b.rowStride() || a.rows() == 1) && (a.colStride() == b.colStride() || a.cols() == 1));
    }

    /**
     * Rejects an output whose memory overlaps an input unless it is exactly that input (which
     * element-wise kernels allow) and {@code exactAliasOk}. The test is on address ranges, so two
     * interleaved column slices of one matrix count as overlapping.
     */
    static void noOverlap(String op, Tensor out, String outName, Tensor in, String inName, boolean exactAliasOk) {
        if (out.segment() != in.segment() || out.buffer() != in.buffer() || out.size() == 0 || in.size() == 0) {
            return;
        }
        if (exactAliasOk && sameElements(out, in)) {
            return;
        }
        long outLo = out.offset();
        long outHi = out.offset() + (out.rows() - 1) * out.rowStride() + (out.cols() - 1) * out.colStride();
        long inLo = in.offset();
        long inHi = in.offset() + (in.rows() - 1) * in.rowStride() + (in.cols() - 1) * in.colStride();
        if (outLo <= inHi && inLo <= outHi) {
            throw new IllegalArgumentException(op + ": output " + outName + " (" + out.shape()
                    + ") overlaps input " + inName + " (" + in.shape() + ")"
                    + (exactAliasOk ? "; only an exact alias is allowed" : "; use a separate output"));
        }
    }

    static void noOverlap(String op, Tensor out, String outName, Tensor in, String inName) {
        noOverlap(op, out, outName, in, inName, false);
    }

    /** {@code labels[0..rows)} must exist and each be a class index in {@code [0, cols)}. */
    static void classLabels(String op, int[] labels, Tensor scores) {
        int rows = scores.rows();
        if (labels.length < rows) {
            throw new IllegalArgumentException(op + ": " + labels.length + " labels for " + scores.shape());
        }
        for (int i = 0; i < rows; i++) {
            if (labels[i] < 0 || labels[i] >= scores.cols()) {
                throw new IllegalArgumentException(op + ": label " + labels[i] + " in row " + i
                        + " is not a class index in [0, " + scores.cols() + ")");
            }
        }
    }
}
