package dev.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {

    private static Tensor counting(int rows, int cols) {
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        return Tensor.of(data, rows, cols);
    }

    @Test
    void roundTripsFloatAndDoubleArrays() {
        try (Tensor f = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
             Tensor d = Tensor.of(new double[] {1.5, -2.25}, 1, 2)) {
            assertEquals("2x3 f32", f.shape());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, f.toFloatArray());
            assertEquals(6.0, f.get(1, 2));
            assertArrayEquals(new double[] {1.5, -2.25}, d.toDoubleArray());
            assertEquals(DType.F64, d.dtype());
        }
    }

    @Test
    void viewsShareMemoryWithoutCopying() {
        try (Tensor t = counting(3, 4)) {
            Tensor row = t.row(1);
            Tensor col = t.column(2);
            Tensor block = t.slice(1, 3, 1, 3);
            Tensor tr = t.transpose();
            assertArrayEquals(new float[] {4, 5, 6, 7}, row.toFloatArray());
            assertArrayEquals(new float[] {2, 6, 10}, col.toFloatArray());
            assertArrayEquals(new float[] {5, 6, 9, 10}, block.toFloatArray());
            assertEquals(4, tr.rows());
            assertEquals(3, tr.cols());
            assertEquals(t.get(2, 1), tr.get(1, 2));
            block.set(0, 0, 100);
            assertEquals(100.0, t.get(1, 1), "a write through a view lands in the owner");
            assertEquals(100.0, tr.get(1, 1));
            assertFalse(col.isContiguous());
            assertTrue(row.isContiguous());
            assertEquals("1x4 f32", t.rows(0, 3).columns(0, 4).row(0).shape());
        }
    }

    @Test
    void reshapeNeedsContiguousMemoryAndSameSize() {
        try (Tensor t = counting(2, 6)) {
            Tensor r = t.reshape(3, 4);
            assertEquals(7.0, r.get(1, 3));
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> t.reshape(5, 2));
            assertTrue(size.getMessage().contains("2x6"), size.getMessage());
            assertThrows(IllegalArgumentException.class, () -> t.columns(0, 3).reshape(3, 2));
        }
    }

    @Test
    void copyOfAViewIsContiguousAndIndependent() {
        try (Tensor t = counting(3, 3)) {
            Tensor c = t.transpose().copy();
            assertTrue(c.isContiguous());
            assertArrayEquals(new float[] {0, 3, 6, 1, 4, 7, 2, 5, 8}, c.toFloatArray());
            c.set(0, 0, 42);
            assertEquals(0.0, t.get(0, 0));
        }
    }

    @Test
    void conversionBetweenDtypes() {
        try (Tensor d = Tensor.zeros(DType.F64, 2, 2)) {
            d.copyFrom(new float[] {1, 2, 3, 4});
            assertArrayEquals(new double[] {1, 2, 3, 4}, d.toDoubleArray());
            Tensor f = Tensor.managed(DType.F32, 2, 2);
            f.copyFrom(d.transpose());
            assertArrayEquals(new float[] {1, 3, 2, 4}, f.toFloatArray());
        }
    }

    @Test
    void badShapesAndIndicesAreClearErrors() {
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(DType.F32, -1, 3));
        assertTrue(neg.getMessage().contains("-1x3"), neg.getMessage());
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new float[5], 2, 3));
        assertTrue(len.getMessage().contains("5") && len.getMessage().contains("2x3"), len.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[][] {{1, 2}, {3}}));
        try (Tensor t = counting(2, 2)) {
            IndexOutOfBoundsException ix = assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
            assertTrue(ix.getMessage().contains("(2, 0)") && ix.getMessage().contains("2x2"), ix.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> t.slice(0, 3, 0, 1));
        }
    }

    @Test
    void emptyTensorsAreAllowed() {
        try (Tensor t = Tensor.zeros(DType.F32, 0, 5)) {
            assertEquals(0, t.size());
            assertEquals(0, t.toFloatArray().length);
            assertEquals(5, t.transpose().rows());
        }
    }

    @Test
    void closedTensorThrowsInsteadOfCrashing() {
        Tensor t = counting(2, 2);
        Tensor view = t.row(0);
        assertTrue(t.ownsMemory());
        t.close();
        t.close(); // idempotent
        assertFalse(t.isOpen());
        assertFalse(view.isOpen());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.get(0, 0));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, view::toFloatArray);
        assertThrows(IllegalStateException.class, () -> Ops.using("scalar").relu(view, view));
        assertTrue(t.toString().contains("closed"));
    }

    @Test
    void scopeFreesAllItsTensorsTogether() {
        Tensor a;
        Tensor b;
        try (TensorScope scope = TensorScope.open()) {
            a = scope.zeros(DType.F32, 4, 4);
            b = scope.of(new double[] {1, 2}, 1, 2);
            a.close(); // a scope member does not free itself
            assertTrue(a.isOpen());
            assertEquals(2.0, b.get(0, 1));
        }
        assertFalse(a.isOpen());
        assertFalse(b.isOpen());
        assertThrows(IllegalStateException.class, () -> b.get(0, 0));
    }

    @Test
    void tensorsAreUsableFromOtherThreads() throws Exception {
        try (Tensor t = counting(4, 4)) {
            double[] seen = new double[1];
            Thread th = new Thread(() -> seen[0] = t.get(3, 3));
            th.start();
            th.join();
            assertEquals(15.0, seen[0]);
        }
    }
}
