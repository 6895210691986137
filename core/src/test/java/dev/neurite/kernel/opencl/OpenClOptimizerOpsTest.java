package dev.neurite.kernel.opencl;

import static dev.neurite.kernel.opencl.OpenClOpsTest.IN_OFF;
import static dev.neurite.kernel.opencl.OpenClOpsTest.LENGTHS;
import static dev.neurite.kernel.opencl.OpenClOpsTest.REF;
import static dev.neurite.kernel.opencl.OpenClTestData.REALS;
import static dev.neurite.kernel.opencl.OpenClTestData.assertSameBits;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The optimizer updates of {@link OpenClOps} against {@link dev.neurite.kernel.scalar.ScalarKernels},
 * as {@code OptimizerKernelChecks} does for the CPU backends: the same random inputs (NaN,
 * infinities and signed zeros mixed into every used buffer) go through both, and every buffer
 * must come back bit for bit the same, since each work-item does the reference's operations in
 * its order. State buffers a configuration does not use must stay untouched, and so must the
 * elements around every range.
 */
class OpenClOptimizerOpsTest {

    private static final long GUARD = 3;

    /** One update on host buffers (reference) or device buffers, w first and the gradient last, at IN_OFF. */
    @FunctionalInterface
    private interface HostUpdate {
        void run(ClType t, MemorySegment[] b, long n);
    }

    @FunctionalInterface
    private interface DeviceUpdate {
        void run(OpenClBuffer[] b, long n);
    }

    /** An input's value range and whether the configuration uses it. */
    private record Input(double lo, double hi, boolean used) {
    }

    private static OpenClContext context;
    private static OpenClOps ops;
    private OpenClTestData data;

    @BeforeAll
    static void openDevice() {
        OpenClDevicesTest.devicesOrFail();
        context = OpenClContext.open();
        ops = new OpenClOps(context);
    }

    @AfterAll
    static void closeDevice() {
        context.close();
    }

    @BeforeEach
    void openData() {
        data = new OpenClTestData(context, 20261124L);
    }

    @AfterEach
    void closeData() {
        data.close();
    }

    private void check(String what, Input[] inputs, HostUpdate ref, DeviceUpdate op) {
        for (ClType t : REALS) {
            for (long n : LENGTHS) {
                long size = IN_OFF + n + GUARD;
                MemorySegment[] want = new MemorySegment[inputs.length];
                OpenClBuffer[] got = new OpenClBuffer[inputs.length];
                for (int i = 0; i < inputs.length; i++) {
                    Input in = inputs[i];
                    want[i] = in.used()
                            ? data.uniform(t, size, IN_OFF, n, in.lo(), in.hi(), true) : data.alloc(t, size);
                    got[i] = data.device(t, want[i]);
                }
                ref.run(t, want, n);
                op.run(got, n);
                for (int i = 0; i < inputs.length; i++) {
                    // whole buffers: unused ones are still all NaN in want
                    assertSameBits(what + " " + t + " n=" + n + " buffer " + i, t, want[i], data.read(got[i]));
                }
            }
        }
    }

    @Test
    void sgdUpdateIsExact() {
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
                    + " l1=" + c[4] + " first=" + first, inputs, (t, b, n) -> {
                        if (OpenClOpsTest.f32(t)) {
                            REF.sgdUpdateF32(b[0], IN_OFF, b[1], IN_OFF, b[2], IN_OFF, n, 0.05f, (float) c[0],
                                    (float) c[1], nesterov, (float) c[3], (float) c[4], first);
                        } else {
                            REF.sgdUpdateF64(b[0], IN_OFF, b[1], IN_OFF, b[2], IN_OFF, n, 0.05, c[0], c[1], nesterov,
                                    c[3], c[4], first);
                        }
                    }, (b, n) -> ops.sgdUpdate(b[0], IN_OFF, b[1], IN_OFF, b[2], IN_OFF, n, lr(b[0], 0.05), c[0],
                            c[1], nesterov, c[3], c[4], first));
        }
    }

    @Test
    void rmspropUpdateIsExact() {
        // momentum, centered (1/0), weight decay, l1
        double[][] configs = {{0, 0, 0, 0}, {0.9, 0, 0.1, 0}, {0, 1, 0, 0.05}, {0.5, 1, 0.1, 0.05}};
        for (double[] c : configs) {
            boolean centered = c[1] != 0;
            Input[] inputs = {new Input(-3, 3, true), new Input(0, 4, true), new Input(-0.5, 0.5, centered),
                new Input(-1, 1, c[0] > 0), new Input(-2, 2, true)};
            check("rmspropUpdate momentum=" + c[0] + " centered=" + centered + " wd=" + c[2] + " l1=" + c[3],
                    inputs, (t, b, n) -> {
                        if (OpenClOpsTest.f32(t)) {
                            REF.rmspropUpdateF32(b[0], IN_OFF, b[1], IN_OFF, b[2], IN_OFF, b[3], IN_OFF, b[4], IN_OFF,
                                    n, 0.01f, 0.9f, 1e-6f, (float) c[0], centered, (float) c[2], (float) c[3]);
                        } else {
                            REF.rmspropUpdateF64(b[0], IN_OFF, b[1], IN_OFF, b[2], IN_OFF, b[3], IN_OFF, b[4], IN_OFF,
                                    n, 0.01, 0.9, 1e-6, c[0], centered, c[2], c[3]);
                        }
                    }, (b, n) -> ops.rmspropUpdate(b[0], IN_OFF, b[1], IN_OFF, b[2], IN_OFF, b[3], IN_OFF, b[4],
                            IN_OFF, n, lr(b[0], 0.01), 0.9, 1e-6, c[0], centered, c[2], c[3]));
        }
    }

    @Test
    void adamUpdateIsExact() {
        // weight decay, l1, decoupled decay factor
        double[][] configs = {{0, 0, 1}, {0.1, 0.05, 1}, {0, 0, 0.999}, {0.01, 0, 0.99}};
        for (double[] c : configs) {
            Input[] inputs = {new Input(-3, 3, true), new Input(-1, 1, true), new Input(0, 2, true),
                new Input(-2, 2, true)};
            double bc2 = Math.sqrt(1 - 0.999 * 0.999);
            check("adamUpdate wd=" + c[0] + " l1=" + c[1] + " decay=" + c[2], inputs, (t, b, n) -> {
                if (OpenClOpsTest.f32(t)) {
                    REF.adamUpdateF32(b[0], IN_OFF, b[1], IN_OFF, b[2], IN_OFF, b[3], IN_OFF, n, 0.01f / 0.19f, 0.9f,
                            0.999f, 1e-8f, (float) bc2, (float) c[0], (float) c[1], (float) c[2]);
                } else {
                    REF.adamUpdateF64(b[0], IN_OFF, b[1], IN_OFF, b[2], IN_OFF, b[3], IN_OFF, n, 0.01 / 0.19, 0.9,
                            0.999, 1e-8, bc2, c[0], c[1], c[2]);
                }
            }, (b, n) -> ops.adamUpdate(b[0], IN_OFF, b[1], IN_OFF, b[2], IN_OFF, b[3], IN_OFF, n,
                    lr(b[0], 0.01 / 0.19), 0.9, 0.999, 1e-8, bc2, c[0], c[1], c[2]));
        }
    }

    /**
     * A step size as the float32 reference receives it: float arithmetic on the host
     * ({@code 0.01f / 0.19f}) differs from the double quotient rounded to float.
     */
    private static double lr(OpenClBuffer w, double value) {
        return w.type() == ClType.FLOAT32 && value == 0.01 / 0.19 ? 0.01f / 0.19f : value;
    }
}
