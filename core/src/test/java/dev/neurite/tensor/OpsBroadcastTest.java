package dev.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.kernel.BinaryOp;
import org.junit.jupiter.api.Test;

/** Row and column broadcasts at the public edge: the values, views, and the shape errors. */
class OpsBroadcastTest {

    @Test
    void rowAndColumnBroadcastsOnTensorsAndViews() {
        Ops ops = Ops.get();
        try (Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
             Tensor v = Tensor.of(new float[] {10, 20, 30}, 1, 3);
             Tensor c = Tensor.of(new float[] {2, -1}, 2, 1);
             Tensor out = Tensor.zeros(DType.F32, 2, 3)) {
            ops.rowBroadcast(BinaryOp.MUL, out, a, v);
            assertArrayEquals(new float[] {10, 40, 90, 40, 100, 180}, out.toFloatArray());
            ops.columnBroadcast(BinaryOp.SUB, out, a, c);
            assertArrayEquals(new float[] {-1, 0, 1, 5, 6, 7}, out.toFloatArray());
            // a transposed view as input: copied to rows first
            try (Tensor at = Tensor.of(new float[] {1, 4, 2, 5, 3, 6}, 3, 2); Tensor o2 = Tensor.zeros(DType.F32, 2, 3)) {
                ops.columnBroadcast(BinaryOp.MUL, o2, at.transpose(), c);
                assertArrayEquals(new float[] {2, 4, 6, -4, -5, -6}, o2.toFloatArray());
            }
            // in place
            ops.rowBroadcast(BinaryOp.ADD, out, out, v);
            assertArrayEquals(new float[] {9, 20, 31, 15, 26, 37}, out.toFloatArray());
        }
    }

    @Test
    void aVectorOfTheWrongLengthIsNamed() {
        Ops ops = Ops.get();
        try (Tensor a = Tensor.zeros(DType.F32, 2, 3); Tensor wrong = Tensor.zeros(DType.F32, 1, 2);
             Tensor out = Tensor.zeros(DType.F32, 2, 3)) {
            IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                    () -> ops.rowBroadcast(BinaryOp.MUL, out, a, wrong));
            assertTrue(row.getMessage().contains("rowBroadcast: v must be a vector of 3 values, got"), row.getMessage());
            try (Tensor three = Tensor.zeros(DType.F32, 3, 1)) {
                IllegalArgumentException col = assertThrows(IllegalArgumentException.class,
                        () -> ops.columnBroadcast(BinaryOp.MUL, out, a, three));
                assertTrue(col.getMessage().contains("columnBroadcast: c must be a vector of 2 values"), col.getMessage());
            }
        }
    }
}
