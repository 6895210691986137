package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the real Fashion-MNIST test set from the Debian package dataset-fashion-mnist. Without the
 * package this test fails (with the loader's message naming the directory and the package): CI
 * installs it.
 */
class FashionMnistTest {

    @Test
    void readsTheRealTestSet() throws IOException {
        Dataset test = FashionMnist.loadTest(FashionMnist.DEFAULT_DIR);
        assertEquals(10_000, test.size());
        assertEquals(28 * 28, test.features());
        assertEquals(1, test.y().cols());
        assertEquals(FashionMnist.CLASS_NAMES, test.classNames());

        int[] counts = new int[10];
        for (float label : test.y().toFloatArray()) {
            assertEquals(Math.rint(label), label, "labels are class indices");
            counts[(int) label]++; // out of 0..9 would throw
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(1000, counts[c], "Fashion-MNIST's test set has 1000 images of class " + c);
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float p : test.x().toFloatArray()) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void missingFilesNameTheDirectoryAndThePackage(@TempDir Path empty) {
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> FashionMnist.load(empty));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }
}
