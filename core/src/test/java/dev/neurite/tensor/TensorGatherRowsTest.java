package dev.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Tensor#gatherRows}: copying chosen rows into a batch buffer. */
class TensorGatherRowsTest {

    static Tensor source() {
        return Tensor.of(new float[] {0, 1, 10, 11, 20, 21, 30, 31}, 4, 2);
    }

    @Test
    void copiesTheIndexedRowsFromAnOffset() {
        Tensor batch = Tensor.managed(DType.F32, 3, 2);
        batch.gatherRows(source(), new int[] {9, 3, 0, 2}, 1);
        assertArrayEquals(new float[] {30, 31, 0, 1, 20, 21}, batch.toFloatArray());
    }

    @Test
    void worksOnStridedViews() {
        Tensor wide = Tensor.managed(DType.F32, 2, 3);
        Tensor target = wide.columns(1, 3);
        target.gatherRows(source().transpose().transpose(), new int[] {1, 2}, 0);
        assertArrayEquals(new float[] {0, 10, 11, 0, 20, 21}, wide.toFloatArray());
        Tensor columnSource = source().transpose(); // 2x4, rows with stride 1 column apart
        Tensor out = Tensor.managed(DType.F32, 1, 4);
        out.gatherRows(columnSource, new int[] {1}, 0);
        assertArrayEquals(new float[] {1, 11, 21, 31}, out.toFloatArray());
    }

    @Test
    void rejectsMismatchesAndBadIndices() {
        Tensor batch = Tensor.managed(DType.F32, 2, 2);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> batch.gatherRows(Tensor.managed(DType.F32, 4, 3), new int[] {0, 1}, 0)).getMessage().contains("4x3"));
        assertThrows(IndexOutOfBoundsException.class, () -> batch.gatherRows(source(), new int[] {0, 4}, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> batch.gatherRows(source(), new int[] {0, 1}, 1));
    }
}
