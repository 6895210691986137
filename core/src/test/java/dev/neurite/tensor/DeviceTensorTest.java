package dev.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tensors placed on an OpenCL device (POCL in CI): copies in and out, views, ownership, closing
 * the device, and the errors for mixed placements and host-only methods. Fails, never skips,
 * without a device.
 */
class DeviceTensorTest {

    private static Device gpu;

    @BeforeAll
    static void open() {
        gpu = Device.opencl();
    }

    @AfterAll
    static void close() {
        gpu.close();
    }

    static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat() * 2 - 1;
        }
        return v;
    }

    @Test
    void valuesGoToTheDeviceAndBackUnchanged() {
        float[] values = random(new Random(1), 7 * 5);
        try (Tensor host = Tensor.of(values, 7, 5); Tensor onDevice = host.to(gpu)) {
            assertSame(gpu, onDevice.device());
            assertTrue(gpu.name().startsWith("opencl:"), gpu.name());
            assertEquals("Tensor[7x5 f32 on " + gpu.name() + "]", onDevice.toString());
            assertArrayEquals(values, onDevice.toFloatArray());
            try (Tensor back = onDevice.to(Device.HOST)) {
                assertSame(Device.HOST, back.device());
                assertArrayEquals(values, back.toFloatArray());
            }
        }
        double[] doubles = {1.5, -2.25, 1e-300, 3};
        try (Tensor d = Tensor.zeros(DType.F64, 2, 2, gpu)) {
            d.copyFrom(doubles);
            assertArrayEquals(doubles, d.toDoubleArray());
        }
    }

    @Test
    void viewsOfDeviceTensorsCopyTheViewedPart() {
        float[] values = random(new Random(2), 6 * 4);
        try (Tensor host = Tensor.of(values, 6, 4); Tensor d = host.to(gpu)) {
            Tensor rows = d.rows(1, 4);
            Tensor cols = d.columns(1, 3);
            Tensor t = d.transpose();
            assertArrayEquals(host.rows(1, 4).toFloatArray(), rows.toFloatArray());
            assertArrayEquals(host.columns(1, 3).toFloatArray(), cols.toFloatArray());
            assertArrayEquals(host.transpose().toFloatArray(), t.toFloatArray());
            // writing through a transposed device view lands where the host view would write
            float[] fresh = random(new Random(3), 4 * 6);
            t.copyFrom(fresh);
            try (Tensor expected = Tensor.of(values, 6, 4)) {
                expected.transpose().copyFrom(fresh);
                assertArrayEquals(expected.toFloatArray(), d.toFloatArray());
            }
            d.columns(0, 2).fill(7);
            float[] all = d.toFloatArray();
            for (int i = 0; i < 6; i++) {
                assertEquals(7f, all[i * 4]);
                assertEquals(7f, all[i * 4 + 1]);
            }
        }
    }

    @Test
    void closingATensorFreesItsDeviceMemoryAndViewsReportClosed() {
        Tensor d = Tensor.zeros(DType.F32, 3, 3, gpu);
        Tensor view = d.rows(0, 2);
        assertTrue(d.ownsMemory());
        assertFalse(view.ownsMemory());
        view.close(); // a view frees nothing
        assertTrue(d.isOpen());
        d.close();
        assertFalse(d.isOpen());
        assertFalse(view.isOpen());
        IllegalStateException e = assertThrows(IllegalStateException.class, d::toFloatArray);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        d.close(); // idempotent
    }

    @Test
    void closingTheDeviceFreesWhatIsStillOnIt() {
        Device other = Device.opencl();
        Tensor left = Tensor.zeros(DType.F32, 4, 4, other);
        other.close();
        assertFalse(left.isOpen());
        assertThrows(IllegalStateException.class, left::toFloatArray);
        left.close(); // nothing left to free
        IllegalStateException late = assertThrows(IllegalStateException.class,
                () -> Tensor.zeros(DType.F32, 1, 1, other));
        assertTrue(late.getMessage().contains("closed"), late.getMessage());
    }

    @Test
    void mixedPlacementsAreRefusedNamingBothDevices() {
        try (Tensor h = Tensor.zeros(DType.F32, 2, 2); Tensor d = Tensor.zeros(DType.F32, 2, 2, gpu);
             Tensor out = Tensor.zeros(DType.F32, 2, 2, gpu)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ops.get().add(out, d, h));
            assertTrue(e.getMessage().startsWith("add: tensors on different devices"), e.getMessage());
            assertTrue(e.getMessage().contains("on host") && e.getMessage().contains("on " + gpu.name()), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Ops.get().matmul(out, h, d));
            try (Tensor m = Tensor.zeros(DType.F32, 2, 2); Tensor v = Tensor.zeros(DType.F32, 2, 2)) {
                IllegalArgumentException adam = assertThrows(IllegalArgumentException.class,
                        () -> Ops.get().adamUpdate(d, h, m, v, 0.1, 0.9, 0.999, 1e-8, 1, 0, 0, 1));
                assertTrue(adam.getMessage().contains("different devices"), adam.getMessage());
            }
        }
    }

    @Test
    void hostOnlyMethodsNameTheDevice() {
        try (Tensor d = Tensor.zeros(DType.F32, 2, 2, gpu); Tensor h = Tensor.zeros(DType.F32, 2, 2)) {
            IllegalArgumentException get = assertThrows(IllegalArgumentException.class, () -> d.get(0, 0));
            assertEquals("get: tensor 2x2 f32 lives on " + gpu.name() + "; copy it to the host first (to(Device.HOST))",
                    get.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.set(0, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> h.gatherRows(d, new int[] {0, 1}, 0));
        }
    }

    @Test
    void rowsAreGatheredOnTheDevice() {
        float[] values = random(new Random(5), 9 * 6);
        int[] order = {8, 0, 3, 3, 7, 1};
        try (Tensor host = Tensor.of(values, 9, 6); Tensor d = host.to(gpu);
             Tensor expected = Tensor.zeros(DType.F32, 4, 6); Tensor actual = Tensor.zeros(DType.F32, 4, 6, gpu)) {
            expected.gatherRows(host, order, 2);
            actual.gatherRows(d, order, 2);
            assertArrayEquals(expected.toFloatArray(), actual.toFloatArray());
            IndexOutOfBoundsException bad = assertThrows(IndexOutOfBoundsException.class,
                    () -> actual.gatherRows(d, new int[] {0, 1, 2, 9}, 0));
            assertTrue(bad.getMessage().contains("row 9 is outside 9x6"), bad.getMessage());
        }
    }

    @Test
    void gathersQueuedWithoutWaitingUseTheOrderOfTheirCall() {
        // row orders go up without waiting; more gathers than upload slots, one reused array
        // changed between calls: each gather must see the order as it was at its call
        int gathers = 11;
        float[] values = random(new Random(6), 9 * 6);
        int[] order = new int[5];
        Tensor[] expected = new Tensor[gathers];
        Tensor[] actual = new Tensor[gathers];
        try (Tensor host = Tensor.of(values, 9, 6); Tensor d = host.to(gpu)) {
            for (int g = 0; g < gathers; g++) {
                for (int i = 0; i < order.length; i++) {
                    order[i] = (g * 5 + i * 7) % 9;
                }
                expected[g] = Tensor.zeros(DType.F32, 5, 6);
                actual[g] = Tensor.zeros(DType.F32, 5, 6, gpu);
                expected[g].gatherRows(host, order, 0);
                actual[g].gatherRows(d, order, 0);
            }
            for (int g = 0; g < gathers; g++) {
                assertArrayEquals(expected[g].toFloatArray(), actual[g].toFloatArray(), "gather " + g);
            }
        } finally {
            for (int g = 0; g < gathers; g++) {
                expected[g].close();
                actual[g].close();
            }
        }
    }

    @Test
    void copiesBetweenDtypesAndDevicesGoThroughTheHost() {
        float[] values = random(new Random(4), 12);
        try (Tensor f = Tensor.of(values, 3, 4); Tensor d32 = f.to(gpu);
             Tensor d64 = Tensor.zeros(DType.F64, 3, 4, gpu)) {
            d64.copyFrom(d32);
            double[] back = d64.toDoubleArray();
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], back[i], 0.0);
            }
            try (Device second = Device.opencl(); Tensor there = d32.to(second)) {
                assertSame(second, there.device());
                assertArrayEquals(values, there.toFloatArray());
            }
        }
    }
}
