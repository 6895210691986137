package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.preprocess.SimpleImputer;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming CSV reader across storage chunk and read buffer boundaries. */
class CsvStreamingTest {

    /** Rows per chunk in these tests: files of 0..7 rows end before, at and after a boundary. */
    static final int CHUNK = 3;

    @TempDir
    Path dir;

    Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** Row {@code i}: features {@code a = i + 0.25, b = -2i}, class "c{i % 3}" or target {@code i / 4}. */
    static String rows(int n, String eol, boolean newlineAtEnd) {
        StringBuilder sb = new StringBuilder("a,label,b").append(eol);
        for (int i = 0; i < n; i++) {
            sb.append(i + 0.25).append(",c").append(i % 3).append(',').append(-2 * i);
            if (i < n - 1 || newlineAtEnd) {
                sb.append(eol);
            }
        }
        return sb.toString();
    }

    static float[] features(int n) {
        float[] x = new float[2 * n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) (i + 0.25);
            x[2 * i + 1] = -2 * i;
        }
        return x;
    }

    @Test
    void filesOfAnyRowCountReadTheSameWithSmallChunks() throws IOException {
        for (int n : new int[] {1, 2, 3, 4, 7}) {
            for (String eol : new String[] {"\n", "\r\n", "\r"}) {
                for (boolean newlineAtEnd : new boolean[] {true, false}) {
                    String name = "rows" + n + ".csv";
                    Path file = csv(name, rows(n, eol, newlineAtEnd));
                    String what = n + " rows, eol " + eol.replace("\r", "CR").replace("\n", "LF") + ", final " + newlineAtEnd;
                    for (int chunk : new int[] {CHUNK, 1, 0}) {
                        Dataset d = CsvReader.classification("label").chunkRows(chunk).read(file);
                        assertArrayEquals(features(n), d.x().toFloatArray(), what);
                        float[] classes = new float[n];
                        for (int i = 0; i < n; i++) {
                            classes[i] = i % 3;
                        }
                        assertArrayEquals(classes, d.y().toFloatArray(), what);
                        assertEquals(List.of("c0", "c1", "c2").subList(0, Math.min(n, 3)), d.classNames(), what);

                        Tensor x = CsvReader.unlabelled().dropColumns("label").dtype(DType.F64).chunkRows(chunk)
                                .readFeatures(file);
                        assertEquals(n, x.rows(), what);
                        double[] expected = new double[2 * n];
                        float[] f = features(n);
                        for (int k = 0; k < f.length; k++) {
                            expected[k] = k % 2 == 0 ? (k / 2) + 0.25 : f[k];
                        }
                        assertArrayEquals(expected, x.toDoubleArray(), what);
                        x.close();
                    }
                }
            }
        }
        Path empty = csv("rows0.csv", rows(0, "\n", true));
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.classification("label").chunkRows(CHUNK).read(empty));
        assertTrue(e.getMessage().contains("rows0.csv: no data rows after the header"), e.getMessage());
    }

    @Test
    void regressionTargetsAndImputedMeansSpanChunks() throws IOException {
        // 7 rows: the mean of b covers all three chunks, with a missing value in the last one
        StringBuilder sb = new StringBuilder("a,y,b\n");
        double sum = 0;
        for (int i = 0; i < 7; i++) {
            sb.append(i).append(',').append(i * 0.5).append(',').append(i == 6 ? "NA" : Integer.toString(10 * i)).append('\n');
            sum += i == 6 ? 0 : 10 * i;
        }
        Path file = csv("reg.csv", sb.toString());
        SimpleImputer imputer = SimpleImputer.mean();
        Dataset d = CsvReader.regression("y").dtype(DType.F64).imputer(imputer).chunkRows(CHUNK).read(file);
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5, 3}, d.y().toDoubleArray());
        assertEquals(sum / 6, d.x().get(6, 1));
        assertEquals(50, d.x().get(5, 1));
    }

    @Test
    void errorsAfterAChunkBoundaryNameTheirLine() throws IOException {
        // a quoted line break in row 2 puts every later row one line further down
        String head = "a,label,b\n1,\"two\nlines\",2\n3,x,4\n5,y,6\n7,x,8\n";
        Path badCell = csv("cell.csv", head + "9,y,ten\n");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.classification("label").chunkRows(CHUNK).read(badCell));
        assertEquals(badCell + ":7, column 3 ('b'): 'ten' is not a number; expected a numeric feature", e.getMessage());

        Path ragged = csv("ragged.csv", head + "9,y\n");
        e = assertThrows(MalformedDataException.class, () -> CsvReader.classification("label").chunkRows(CHUNK).read(ragged));
        assertTrue(e.getMessage().startsWith(ragged + ":7: 2 fields, expected 3"), e.getMessage());

        // labels are checked once every row is read, naming the first bad one
        Path unknown = csv("unknown.csv", head + "9,z,10\n11,w,12\n");
        e = assertThrows(MalformedDataException.class, () -> CsvReader.classification("label").chunkRows(CHUNK)
                .classes(List.of("two\nlines", "x", "y", "w")).read(unknown));
        assertTrue(e.getMessage().startsWith(unknown + ":7, column 2 ('label'): class 'z' is not one of the 4 classes"),
                e.getMessage());
        Path target = csv("target.csv", "a,y\n1,2\n3,4\n5,6\n7,8\n9,nine\n11,eleven\n");
        e = assertThrows(MalformedDataException.class, () -> CsvReader.regression("y").chunkRows(CHUNK).read(target));
        assertEquals(target + ":6, column 2 ('y'): 'nine' is not a number; expected a numeric regression target",
                e.getMessage());
        // a bad feature on a later line is still reported before a bad target, as before
        Path both = csv("both.csv", "a,y\n1,2\n3,x\n5,6\n7,8\nz,1\n");
        e = assertThrows(MalformedDataException.class, () -> CsvReader.regression("y").chunkRows(CHUNK).read(both));
        assertTrue(e.getMessage().startsWith(both + ":6, column 1 ('a')"), e.getMessage());
    }

    @Test
    void byteOrderMarkQuotesAndLongFieldsAcrossReadBuffers() throws IOException {
        // well over the parser's 64K-char buffer: fields, quoted line breaks and CRLFs straddle refills
        Random random = new Random(7);
        StringBuilder sb = new StringBuilder("\uFEFF\"id\",note,value,label\r\n");
        int n = 5000;
        List<String> notes = new ArrayList<>();
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            String note = i == 2500 ? "n".repeat(100_000) : "note \"" + i + "\",\r\nend";
            notes.add(note);
            values[i] = random.nextInt(1_000_000) / 1000.0;
            sb.append(i).append(",\"").append(note.replace("\"", "\"\"")).append("\", ").append(values[i])
                    .append(" ,\"k").append(i % 2).append("\"\r\n");
        }
        sb.append("\r\n");
        Path file = csv("big.csv", sb.toString());
        for (int chunk : new int[] {CHUNK, 0}) {
            Dataset d = CsvReader.classification("label").dropColumns("note").dtype(DType.F64).chunkRows(chunk).read(file);
            assertEquals(List.of("id", "value"), d.featureNames());
            assertEquals(List.of("k0", "k1"), d.classNames());
            assertEquals(n, d.size());
            for (int i = 0; i < n; i++) {
                assertEquals(i, d.x().get(i, 0));
                assertEquals(values[i], d.x().get(i, 1));
                assertEquals(i % 2, d.y().get(i, 0));
            }
        }
        // each record spans two lines (a quoted CRLF), the long one one line: the header, 2n - 1 lines, then this
        Path bad = csv("bad.csv", sb.substring(0, sb.length() - 2) + "x,\"y\",1,k0\r\n");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.classification("label").dropColumns("note").chunkRows(CHUNK).read(bad));
        assertTrue(e.getMessage().startsWith(bad + ":" + (1 + (2 * n - 1) + 1) + ", column 1 ('id')"), e.getMessage());
        assertEquals(List.of("id", "note", "value", "label"), CsvReader.header(file, ','));
    }

    @Test
    void streamsFromAnInputStream() throws IOException {
        String text = rows(7, "\n", false);
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        Dataset d = CsvReader.classification("label").chunkRows(CHUNK).read("standard input", in);
        assertArrayEquals(features(7), d.x().toFloatArray());
        Tensor x = CsvReader.regression("label").featureNames(List.of("b", "a")).chunkRows(CHUNK)
                .readFeatures("standard input", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(-12, x.get(6, 0));
        assertEquals(6.25, x.get(6, 1));
        x.close();

        byte[] latin1 = "a,label\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.classification("label").read("standard input", new ByteArrayInputStream(latin1)));
        assertTrue(e.getMessage().startsWith("standard input: not UTF-8 text"), e.getMessage());
    }

    @Test
    void numbersAreRecognisedAsTheNumberPatternSays() {
        String alphabet = "0123456789+-.eE x";
        Random random = new Random(3);
        for (int t = 0; t < 200_000; t++) {
            int length = random.nextInt(7);
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < length; k++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String cell = s.toString();
            assertEquals(CsvColumns.NUMBER.matcher(cell).matches(), CsvCells.isNumber(cell), "'" + cell + "'");
        }
    }
}
