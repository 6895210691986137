package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.preprocess.SimpleImputer;
import dev.neurite.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    /** Largest allowed difference of a float32 cell from its decimal text. */
    static final double CELL_TOLERANCE = 1e-6;

    @TempDir
    Path dir;

    Path csv(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    static void assertMessage(Exception e, String... parts) {
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void namedStringLabelColumnBecomesSortedClasses() throws IOException {
        Path file = csv("iris.csv", """
                sepal,species,petal
                5.1,setosa,1.4
                7.0,versicolor,4.7
                6.3,virginica,6.0
                4.9,setosa,1.5
                """);
        Dataset data = CsvReader.classification("species").read(file);
        assertEquals(4, data.size());
        assertEquals(List.of("setosa", "versicolor", "virginica"), data.classNames());
        assertEquals(List.of("sepal", "petal"), data.featureNames());
        assertArrayEquals(new float[] {0, 1, 2, 0}, data.y().toFloatArray());
        assertArrayEquals(new float[] {5.1f, 1.4f, 7.0f, 4.7f, 6.3f, 6.0f, 4.9f, 1.5f}, data.x().toFloatArray());

        // a test file with fewer classes keeps the training indices when given the training names
        Path test = csv("iris-test.csv", "sepal,species,petal\n6.0,virginica,5.0\n");
        Dataset testData = CsvReader.classification("species").classes(data.classNames()).read(test);
        assertArrayEquals(new float[] {2}, testData.y().toFloatArray());
        Path unknown = csv("iris-bad.csv", "sepal,species,petal\n6.0,rosa,5.0\n");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.classification("species").classes(data.classNames()).read(unknown));
        assertMessage(e, "iris-bad.csv:2", "column 2 ('species')", "'rosa'", "setosa");
    }

    @Test
    void numericLabelsForClassificationAndRegression() throws IOException {
        Path file = csv("houses.csv", "rooms;price\n3;250.5\n2;180\n3;1e2\n");
        Dataset reg = CsvReader.regression("price").delimiter(';').dtype(DType.F64).read(file);
        assertEquals(DType.F64, reg.x().dtype());
        assertTrue(reg.classNames().isEmpty());
        assertArrayEquals(new double[] {250.5, 180, 100}, reg.y().toDoubleArray());
        assertArrayEquals(new double[] {3, 2, 3}, reg.x().toDoubleArray());

        // numbers as classes: sorted by value, "3" and "3.0" are the same class
        Path classes = csv("digits.csv", "x,digit\n0.5,10\n0.1,3\n0.2,3.0\n0.3,9\n");
        Dataset cls = CsvReader.classification(1).read(classes);
        assertEquals(List.of("3", "9", "10"), cls.classNames());
        assertArrayEquals(new float[] {2, 0, 0, 1}, cls.y().toFloatArray());

        Path text = csv("bad-target.csv", "x,y\n1,2\n3,high\n");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.regression("y").read(text));
        assertMessage(e, "bad-target.csv:3", "column 2 ('y')", "'high' is not a number");
    }

    @Test
    void raggedRowNamesFileLineAndCounts() throws IOException {
        Path file = csv("ragged.csv", "a,b,label\n1,2,x\n3,y\n");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.classification("label").read(file));
        assertMessage(e, "ragged.csv:3", "2 fields, expected 3");
    }

    @Test
    void nonNumericCellNamesLineAndColumn() throws IOException {
        Path file = csv("text.csv", "a,b,label\n1,2,x\n3,abc,y\n");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.classification("label").read(file));
        assertMessage(e, "text.csv:3", "column 2 ('b')", "'abc' is not a number");
        // Java's parser would take these; a CSV number may not
        for (String cell : List.of("1f", "0x10", "Infinity")) {
            Path odd = csv("odd.csv", "a,label\n" + cell + ",x\n");
            assertThrows(MalformedDataException.class, () -> CsvReader.classification("label").read(odd), cell);
        }
    }

    @Test
    void missingValuesAreRejectedByDefault() throws IOException {
        for (String missing : List.of("", "NA", "NaN", "nan")) {
            Path file = csv("missing.csv", "a,b,label\n1,2,x\n3," + missing + ",y\n");
            MalformedDataException e = assertThrows(MalformedDataException.class,
                    () -> CsvReader.classification("label").read(file));
            assertMessage(e, "missing.csv:3", "column 2 ('b')", "missing value", "imputer");
        }
        Path noLabel = csv("no-label.csv", "a,label\n1,x\n2,\n");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.classification("label").imputer(SimpleImputer.mean()).read(noLabel));
        assertMessage(e, "no-label.csv:3", "missing label");
    }

    @Test
    void missingValuesImputedWithTrainingMeanOrConstant() throws IOException {
        Path train = csv("train.csv", "a,b,y\n1,NA,0\n3,4,1\n5,8,2\n");
        Path test = csv("test.csv", "a,b,y\n,1,0\n");
        SimpleImputer imputer = SimpleImputer.mean();
        CsvReader reader = CsvReader.regression("y").imputer(imputer);
        Dataset trainData = reader.read(train);
        assertArrayEquals(new float[] {1, 6, 3, 4, 5, 8}, trainData.x().toFloatArray());
        assertArrayEquals(new double[] {3, 6}, imputer.fillValues());
        // the test file's own values do not change the fill values fitted on the training file
        Dataset testData = reader.read(test);
        assertArrayEquals(new float[] {3, 1}, testData.x().toFloatArray());
        assertArrayEquals(new double[] {3, 6}, imputer.fillValues());

        Dataset constant = CsvReader.regression("y").imputer(SimpleImputer.constant(-1)).read(train);
        assertArrayEquals(new float[] {1, -1, 3, 4, 5, 8}, constant.x().toFloatArray());

        Path empty = csv("empty-column.csv", "a,b,y\n1,,0\n2,NA,1\n");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.regression("y").imputer(SimpleImputer.mean()).read(empty));
        assertMessage(e, "empty-column.csv", "column 2 ('b')", "no values");
    }

    @Test
    void emptyFilesAndUnknownColumns() throws IOException {
        Path empty = csv("empty.csv", "");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.classification("label").read(empty));
        assertMessage(e, "empty.csv", "empty file", "header");

        Path headerOnly = csv("header-only.csv", "a,label\n");
        e = assertThrows(MalformedDataException.class, () -> CsvReader.classification("label").read(headerOnly));
        assertMessage(e, "header-only.csv", "no data rows");

        Path file = csv("cols.csv", "a,b\n1,2\n");
        e = assertThrows(MalformedDataException.class, () -> CsvReader.classification("label").read(file));
        assertMessage(e, "cols.csv:1", "no column named 'label'", "a, b");
        e = assertThrows(MalformedDataException.class, () -> CsvReader.regression(5).read(file));
        assertMessage(e, "cols.csv:1", "index 5 is out of range", "2 columns");
        e = assertThrows(MalformedDataException.class,
                () -> CsvReader.regression("b").dropColumns("id").read(file));
        assertMessage(e, "cols.csv:1", "'id' to drop");
    }

    @Test
    void quotedFieldsFollowRfc4180() throws IOException {
        Path file = csv("quoted.csv", "\"id\",\"size, cm\",name\r\n"
                + "\"7\",\"1.5\",\"say \"\"hi\"\", ok\"\r\n"
                + "8,  2.5 ,\"two\nlines\"\r\n"
                + "\r\n"
                + "9,\"3\",plain\r\n");
        Dataset data = CsvReader.classification("name").read(file);
        assertEquals(List.of("id", "size, cm"), data.featureNames());
        assertEquals(List.of("plain", "say \"hi\", ok", "two\nlines"), data.classNames());
        assertArrayEquals(new float[] {7, 1.5f, 8, 2.5f, 9, 3}, data.x().toFloatArray());
        assertArrayEquals(new float[] {1, 2, 0}, data.y().toFloatArray());
        // "1,5" is one field (and not a number); the row after the quoted line break is numbered right
        Path bad = csv("bad.csv", "a,b\n\"1,5\",2\n");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.regression("b").read(bad));
        assertMessage(e, "bad.csv:2", "column 1 ('a')", "'1,5' is not a number");

        Path lines = csv("lines.csv", "a,b,c\n\"multi\nline\",2,1\n3,x,1\n");
        e = assertThrows(MalformedDataException.class, () -> CsvReader.regression("c").dropColumns("a").read(lines));
        assertMessage(e, "lines.csv:4", "'x' is not a number");

        Path open = csv("open.csv", "a,b\n1,\"2\n");
        e = assertThrows(MalformedDataException.class, () -> CsvReader.regression("b").read(open));
        assertMessage(e, "open.csv:2", "never closed");

        Path after = csv("after.csv", "a,b\n1,\"2\"x\n");
        e = assertThrows(MalformedDataException.class, () -> CsvReader.regression("b").read(after));
        assertMessage(e, "after.csv:2", "after its closing quote");
    }
}
