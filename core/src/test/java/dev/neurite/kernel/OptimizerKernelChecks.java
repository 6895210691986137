package dev.neurite.kernel;

import static dev.neurite.kernel.KernelTestData.assertSameElements;
import static dev.neurite.kernel.KernelTestData.assertUntouched;

import dev.neurite.kernel.KernelTestData.DType;
import java.lang.foreign.MemorySegment;

/**
 * The optimizer-update checks of {@link BackendVectorsAgainstScalarTest}: each update runs on
 * the reference and on the backend from the same random inputs (specials mixed in) and every
 * buffer must come out bit for bit the same, since each lane does the reference's operations
 * in the reference's order. Unused state buffers and the guard elements around every buffer
 * must stay untouched.
 */
final class OptimizerKernelChecks {

    /** One update over {@code n} elements at offset {@code off} of each buffer: w first, the gradient last. */
    @FunctionalInterface
    interface UpdateCall {
        void run(Kernels k, DType dt, MemorySegment[] buffers, long off, long n);
    }

    /** An input buffer: its value range and whether this configuration uses it. */
    record Input(double lo, double hi, boolean used) {
    }

    private final Kernels ref;
    private final Kernels backend;
    private final KernelTestData data;
    private final long[] lengths;
    private final long off;
    private final long guard;

    OptimizerKernelChecks(Kernels ref, Kernels backend, KernelTestData data, long[] lengths, long off, long guard) {
        this.ref = ref;
        this.backend = backend;
        this.data = data;
        this.lengths = lengths;
        this.off = off;
        this.guard = guard;
    }

    void check(String what, Input[] inputs, UpdateCall call) {
        for (DType dt : DType.values()) {
            for (long n : lengths) {
                check(what + " " + dt + " n=" + n, dt, n, inputs, call);
            }
        }
    }

    void check(String at, DType dt, long n, Input[] inputs, UpdateCall call) {
        int count = inputs.length;
        long size = off + n + guard;
        MemorySegment[] want = new MemorySegment[count];
        MemorySegment[] got = new MemorySegment[count];
        for (int i = 0; i < count; i++) {
            MemorySegment s = data.alloc(dt, size);
            if (inputs[i].used()) {
                for (long j = off; j < off + n; j++) {
                    dt.set(s, j, inputs[i].lo() + (inputs[i].hi() - inputs[i].lo()) * data.random().nextDouble());
                }
                BackendVectorsAgainstScalarTest.injectSpecials(dt, s, off, n);
                injectUnderflow(dt, s, off, n);
            }
            want[i] = data.copy(dt, s, size);
            got[i] = data.copy(dt, s, size);
        }
        call.run(ref, dt, want, off, n);
        call.run(backend, dt, got, off, n);
        for (int i = 0; i < count; i++) {
            String buffer = at + " buffer " + i;
            assertSameElements(buffer, dt, want[i], off, got[i], off, n);
            assertUntouched(buffer, dt, got[i], 0, off);
            assertUntouched(buffer, dt, got[i], off + n, size);
            if (!inputs[i].used()) {
                assertUntouched(buffer + " (unused)", dt, got[i], off, off + n);
            }
        }
    }

    /**
     * Subnormals, and normals that one decay step takes below the smallest normal value, at
     * places the specials do not take: every backend must flush the new state to +0 alike.
     */
    private static void injectUnderflow(DType dt, MemorySegment s, long off, long n) {
        double minNormal = dt == DType.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        double[] values = {minNormal / 3, -minNormal / 7, minNormal * 1.05, -minNormal * 1.01, minNormal};
        if (n < 4 * values.length) {
            return;
        }
        for (int j = 0; j < values.length; j++) {
            dt.set(s, off + (j * 41L + 11) % (n - 1), values[j]);
        }
    }

    // ---------------------------------------------------------------------------------------

    void sgd() {
        // momentum, dampening, nesterov (1/0), weight decay, l1, first step (1/0)
        double[][] configs = {
            {0, 0, 0, 0, 0, 0}, {0, 0, 0, 0.1, 0.05, 0}, {0.9, 0, 0, 0, 0, 1},
            {0.9, 0.2, 0, 0.01, 0, 0}, {0.9, 0, 1, 0.1, 0.02, 0},
        };
        for (double[] c : configs) {
            boolean nesterov = c[2] != 0;
            boolean first = c[5] != 0;
            Input[] inputs = {new Input(-3, 3, true), new Input(-1, 1, c[0] != 0), new Input(-2, 2, true)};
            check("sgdUpdate momentum=" + c[0] + " dampening=" + c[1] + " nesterov=" + nesterov + " wd=" + c[3]
                    + " l1=" + c[4] + " first=" + first, inputs, (k, dt, b, o, n) -> {
                        if (dt == DType.F32) {
                            k.sgdUpdateF32(b[0], o, b[1], o, b[2], o, n, 0.05f, (float) c[0], (float) c[1], nesterov,
                                    (float) c[3], (float) c[4], first);
                        } else {
                            k.sgdUpdateF64(b[0], o, b[1], o, b[2], o, n, 0.05, c[0], c[1], nesterov, c[3], c[4], first);
                        }
                    });
        }
    }

    void rmsprop() {
        // momentum, centered (1/0), weight decay, l1
        double[][] configs = {{0, 0, 0, 0}, {0.9, 0, 0.1, 0}, {0, 1, 0, 0.05}, {0.5, 1, 0.1, 0.05}};
        for (double[] c : configs) {
            boolean centered = c[1] != 0;
            Input[] inputs = {new Input(-3, 3, true), new Input(0, 4, true), new Input(-0.5, 0.5, centered),
                new Input(-1, 1, c[0] > 0), new Input(-2, 2, true)};
            check("rmspropUpdate momentum=" + c[0] + " centered=" + centered + " wd=" + c[2] + " l1=" + c[3],
                    inputs, (k, dt, b, o, n) -> {
                        if (dt == DType.F32) {
                            k.rmspropUpdateF32(b[0], o, b[1], o, b[2], o, b[3], o, b[4], o, n, 0.01f, 0.9f, 1e-6f,
                                    (float) c[0], centered, (float) c[2], (float) c[3]);
                        } else {
                            k.rmspropUpdateF64(b[0], o, b[1], o, b[2], o, b[3], o, b[4], o, n, 0.01, 0.9, 1e-6,
                                    c[0], centered, c[2], c[3]);
                        }
                    });
        }
    }

    void adam() {
        // weight decay, l1, decoupled decay factor
        double[][] configs = {{0, 0, 1}, {0.1, 0.05, 1}, {0, 0, 0.999}};
        for (double[] c : configs) {
            Input[] inputs = {new Input(-3, 3, true), new Input(-1, 1, true), new Input(0, 2, true),
                new Input(-2, 2, true)};
            check("adamUpdate wd=" + c[0] + " l1=" + c[1] + " decay=" + c[2], inputs, adamCall(c));
        }
    }

    /** A long float Adam update, which a backend may split across threads. */
    void adamLarge(long n) {
        double[] c = {0.1, 0.05, 0.999};
        Input[] inputs = {new Input(-3, 3, true), new Input(-1, 1, true), new Input(0, 2, true),
            new Input(-2, 2, true)};
        check("adamUpdate F32 n=" + n, DType.F32, n, inputs, adamCall(c));
    }

    private static UpdateCall adamCall(double[] c) {
        return (k, dt, b, o, n) -> {
            if (dt == DType.F32) {
                k.adamUpdateF32(b[0], o, b[1], o, b[2], o, b[3], o, n, 0.01f / 0.19f, 0.9f, 0.999f, 1e-8f,
                        (float) Math.sqrt(1 - 0.999 * 0.999), (float) c[0], (float) c[1], (float) c[2]);
            } else {
                k.adamUpdateF64(b[0], o, b[1], o, b[2], o, b[3], o, n, 0.01 / 0.19, 0.9, 0.999, 1e-8,
                        Math.sqrt(1 - 0.999 * 0.999), c[0], c[1], c[2]);
            }
        };
    }
}
