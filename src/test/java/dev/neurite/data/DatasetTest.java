package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void subsetCopiesRowsInOrder() {
        Tensor x = Tensor.of(new float[] {0, 1, 10, 11, 20, 21, 30, 31}, 4, 2);
        Tensor y = Tensor.of(new float[] {0, 1, 2, 0}, 4, 1);
        Dataset data = new Dataset(x, y, List.of("a", "b", "c"), List.of("f0", "f1"));
        x.set(0, 0, 99); // the data set holds its own copy
        x.close();
        Dataset sub = data.subset(new int[] {3, 1});
        assertEquals(2, sub.size());
        assertArrayEquals(new float[] {30, 31, 10, 11}, sub.x().toFloatArray());
        assertArrayEquals(new float[] {0, 1}, sub.y().toFloatArray());
        assertEquals(List.of("a", "b", "c"), sub.classNames());
        assertEquals(0f, data.x().toFloatArray()[0]);
        assertEquals(DType.F64, data.withDType(DType.F64).x().dtype());
    }

    @Test
    void rejectsMismatchedShapes() {
        Tensor x = Tensor.managed(DType.F32, 3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(x, Tensor.managed(DType.F32, 2, 1)));
        assertEquals("dataset: x has 3 rows but y has 2 (x 3x2 f32, y 2x1 f32)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset(x, Tensor.managed(DType.F32, 3, 1), List.of(), List.of("only one")));
        assertThrows(IndexOutOfBoundsException.class,
                () -> new Dataset(x, Tensor.managed(DType.F32, 3, 1)).subset(new int[] {3}));
    }
}
