package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.split.HoldOut;
import dev.neurite.data.split.Splits;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.Arrays;
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

    @Test
    void classLabelsAreCheckedIndicesAndNames() {
        Tensor x = Tensor.managed(DType.F32, 3, 1);
        Tensor y = Tensor.managed(DType.F32, 3, 1);
        y.copyFrom(new double[] {1, 0, 1});
        Dataset d = new Dataset(x, y, List.of("cat", "dog"), List.of());
        assertArrayEquals(new int[] {1, 0, 1}, d.classLabels());
        assertArrayEquals(new String[] {"dog", "cat", "dog"}, d.classLabelNames());
        y.copyFrom(new double[] {1, 0.5, 2});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Dataset(x, y, List.of("cat", "dog"), List.of()).classLabels());
        assertTrue(e.getMessage().contains("row 1 is 0.5"), e.getMessage());
    }

    @Test
    void stratifiedHoldOutKeepsEachClassShare() {
        int[] labels = new int[100];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 80 ? 0 : 1;
        }
        HoldOut h = Splits.stratifiedHoldOut(labels, 0.25, 3);
        assertEquals(75, h.train().length);
        assertEquals(25, h.test().length);
        assertEquals(5, Arrays.stream(h.test()).filter(i -> labels[i] == 1).count());
        assertArrayEquals(h.test(), Splits.stratifiedHoldOut(labels, 0.25, 3).test(), "seeded");
        assertThrows(IllegalArgumentException.class,
                () -> Splits.stratifiedHoldOut(new int[] {0, 1}, 0.2, 1));
    }
}
