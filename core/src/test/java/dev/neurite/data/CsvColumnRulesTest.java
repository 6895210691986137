package dev.neurite.data;

import static dev.neurite.data.CsvReaderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurite.data.preprocess.SimpleImputer;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Columns by name, by position only on request, and values that overflow. */
class CsvColumnRulesTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void expectedFeaturesAreFoundByNameInAnyOrder() throws IOException {
        Path file = csv("any.csv", "c,y,a,b\n3,1,1,2\n6,0,4,5\n");
        Dataset d = CsvReader.classification("y").featureNames(List.of("a", "b", "c")).read(file);
        assertEquals(List.of("a", "b", "c"), d.featureNames());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.x().toFloatArray());
        Tensor x = CsvReader.regression("y").featureNames(List.of("a", "b", "c")).readFeatures(csv("nolabel.csv",
                "b,c,a\n2,3,1\n"));
        assertArrayEquals(new float[] {1, 2, 3}, x.toFloatArray());
        Tensor unlabelled = CsvReader.unlabelled().featureNames(List.of("a", "b")).readFeatures(csv("u.csv", "b,a\n2,1\n"));
        assertArrayEquals(new float[] {1, 2}, unlabelled.toFloatArray());
    }

    @Test
    void missingAndUnexpectedNamesAreListedTogether() throws IOException {
        Path file = csv("other.csv", "a,bb,c,id,y\n1,2,3,4,0\n");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.classification("y").featureNames(List.of("a", "b", "c")).read(file));
        assertMessage(e, "other.csv:1:", "missing ['b']", "unexpected ['bb', 'id']");
        Dataset dropped = CsvReader.classification("y").featureNames(List.of("a", "bb", "c")).dropColumns("id").read(file);
        assertEquals(3, dropped.features());
    }

    @Test
    void duplicateNamesAndNumericFirstRowsAreRefused() throws IOException {
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.classification("y").read(csv("dup.csv", "f0,f0,y\n1,2,0\n")));
        assertMessage(e, "dup.csv:1:", "two columns 'f0' (columns 1 and 2)");
        e = assertThrows(MalformedDataException.class,
                () -> CsvReader.classification(2).read(csv("nums.csv", "1,2,0\n3,4,1\n")));
        assertMessage(e, "nums.csv:1:", "looks like data", "noHeader()");
        e = assertThrows(MalformedDataException.class, () -> CsvReader.unlabelled().featureNames(List.of("a", "b"))
                .readFeatures(csv("nolabelnums.csv", "1.5,2,setosa\n")));
        assertMessage(e, "looks like data");
    }

    @Test
    void noHeaderReadsByPosition() throws IOException {
        Path file = csv("plain.csv", "1,0,2\n3,1,4\n");
        Dataset d = CsvReader.classification(1).noHeader().read(file);
        assertEquals(2, d.size());
        assertEquals(List.of("column_1", "column_3"), d.featureNames());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.x().toFloatArray());
        Dataset named = CsvReader.classification(1).noHeader().featureNames(List.of("a", "b")).read(file);
        assertEquals(List.of("a", "b"), named.featureNames());
        // features only, or with the label at its index
        assertArrayEquals(new float[] {1, 2}, CsvReader.regression(1).noHeader().featureNames(List.of("a", "b"))
                .readFeatures(csv("f.csv", "1,2\n")).toFloatArray());
        assertArrayEquals(new float[] {1, 2}, CsvReader.regression(1).noHeader().featureNames(List.of("a", "b"))
                .readFeatures(csv("fl.csv", "1,9,2\n")).toFloatArray());
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> CsvReader.regression(1).noHeader()
                .featureNames(List.of("a", "b")).readFeatures(csv("wide.csv", "1,9,2,7\n")));
        assertMessage(e, "wide.csv:1:", "4 fields", "expected 2 features");
        e = assertThrows(MalformedDataException.class, () -> CsvReader.classification(0).noHeader()
                .read(csv("ragged.csv", "1,2\n3\n")));
        assertMessage(e, "ragged.csv:2:", "1 field, expected 2 as in the first row");
    }

    @Test
    void valuesThatOverflowTheDtypeAreErrorsOrMissing() throws IOException {
        Path file = csv("big.csv", "a,b,y\n1,1e999,0\n2,3,1\n");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.classification("y").read(file));
        assertMessage(e, "big.csv:2, column 2 ('b')", "'1e999' overflows float32");
        Path f32 = csv("f32.csv", "a,y\n1e39,1.5\n2,3\n");
        assertThrows(MalformedDataException.class, () -> CsvReader.regression("y").read(f32));
        assertEquals(1e39, CsvReader.regression("y").dtype(DType.F64).read(f32).x().toDoubleArray()[0]);
        Path target = csv("target.csv", "a,y\n1,1e999\n2,3\n");
        e = assertThrows(MalformedDataException.class, () -> CsvReader.regression("y").read(target));
        assertMessage(e, "target.csv:2, column 2 ('y')", "overflows");
        Dataset imputed = CsvReader.classification("y").imputer(SimpleImputer.constant(-1)).read(file);
        assertArrayEquals(new float[] {1, -1, 2, 3}, imputed.x().toFloatArray());
    }
}
