package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    /** Largest allowed |pixel - byte/255| in float32. */
    static final double PIXEL_TOLERANCE = 1e-7;

    @TempDir
    Path dir;

    /** IDX bytes: magic (0, 0, type, dims), sizes, data. */
    static byte[] idx(int type, int[] sizes, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) sizes.length);
        for (int s : sizes) {
            b.putInt(s);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** How many bytes a plain gzip stream yields from {@code gz} before it ends or breaks off. */
    static long decompressedLength(byte[] gz) throws IOException {
        long count = 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            while (in.read() >= 0) {
                count++;
            }
        } catch (EOFException e) {
            // cut short: count is what came out
        }
        return count;
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    static byte[] pixels(int count, long seed) {
        byte[] data = new byte[count];
        new Random(seed).nextBytes(data);
        data[0] = (byte) 255; // both ends of the range appear
        data[1] = 0;
        return data;
    }

    void checkImages(Tensor images, byte[] data, int n, int side, boolean unit) {
        assertEquals(DType.F32, images.dtype());
        assertEquals(n, images.rows());
        assertEquals(side * side, images.cols());
        float[] values = images.toFloatArray();
        for (int k = 0; k < data.length; k++) {
            double expected = (data[k] & 0xFF) / (unit ? 255.0 : 1.0);
            assertEquals(expected, values[k], PIXEL_TOLERANCE, "pixel " + k);
        }
    }

    @Test
    void imagesRoundTripRawAndGzipped() throws IOException {
        // more images than one read chunk holds, so the chunked copy is exercised
        int n = 130;
        int side = 28;
        byte[] data = pixels(n * side * side, 1);
        byte[] file = idx(0x08, new int[] {n, side, side}, data);
        checkImages(IdxReader.readImages(write("images-raw", file)), data, n, side, true);
        // gzip is recognised by its magic bytes, whatever the name says
        checkImages(IdxReader.readImages(write("images-gz-without-suffix", gzip(file))), data, n, side, true);
        checkImages(IdxReader.readImages(write("images.gz", gzip(file)), IdxReader.Pixels.RAW), data, n, side, false);
    }

    @Test
    void labelsRoundTripRawAndGzipped() throws IOException {
        byte[] data = {3, 0, 9, 1, (byte) 200};
        byte[] file = idx(0x08, new int[] {data.length}, data);
        for (Path path : new Path[] {write("labels", file), write("labels.gz", gzip(file))}) {
            Tensor labels = IdxReader.readLabels(path);
            assertEquals(data.length, labels.rows());
            assertEquals(1, labels.cols());
            assertArrayEquals(new float[] {3, 0, 9, 1, 200}, labels.toFloatArray());
        }
    }

    @Test
    void emptyFileOfZeroImagesIsValid() throws IOException {
        Tensor images = IdxReader.readImages(write("none", idx(0x08, new int[] {0, 4, 4}, new byte[0])));
        assertEquals(0, images.rows());
        assertEquals(16, images.cols());
    }

    @Test
    void wrongMagicNamesExpectedAndFound() throws IOException {
        Path labelsAsImages = write("labels-file", idx(0x08, new int[] {3}, new byte[3]));
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> IdxReader.readImages(labelsAsImages));
        assertTrue(e.getMessage().contains("labels-file"), e.getMessage());
        assertTrue(e.getMessage().contains("1 dimensions, expected 3"), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000801") && e.getMessage().contains("0x00000803"), e.getMessage());

        Path floats = write("floats", idx(0x0D, new int[] {2}, new byte[8]));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(floats));
        assertTrue(e.getMessage().contains("type code 0x0d, expected 0x08"), e.getMessage());

        Path text = write("text.idx", "hello world, not IDX".getBytes());
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(text));
        assertTrue(e.getMessage().contains("not an IDX magic number"), e.getMessage());
    }

    @Test
    void truncatedFileNamesFileAndOffset() throws IOException {
        byte[] file = idx(0x08, new int[] {4, 3, 3}, pixels(36, 2));
        byte[] cut = Arrays.copyOf(file, file.length - 5); // 16-byte header + 31 of 36 pixels
        Path raw = write("cut-raw", cut);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(raw));
        assertTrue(e.getMessage().contains("cut-raw"), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset 47"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 52 bytes"), e.getMessage());

        Path gz = write("cut.gz", gzip(cut));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(gz));
        assertTrue(e.getMessage().contains("cut.gz") && e.getMessage().contains("byte offset 47"), e.getMessage());

        // a gzip stream cut short ends the data where decompression stopped
        byte[] big = idx(0x08, new int[] {50, 28, 28}, pixels(50 * 28 * 28, 3));
        byte[] compressed = gzip(big);
        byte[] gzCutBytes = Arrays.copyOf(compressed, compressed.length / 2);
        long available = decompressedLength(gzCutBytes);
        assertTrue(available > 16 && available < big.length, "cut inside the pixels: " + available);
        Path gzCut = write("gzcut.gz", gzCutBytes);
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(gzCut));
        assertTrue(e.getMessage().contains("gzcut.gz") && e.getMessage().contains("byte offset " + available + ","),
                e.getMessage());

        Path header = write("header-only", Arrays.copyOf(file, 6));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(header));
        assertTrue(e.getMessage().contains("byte offset 6"), e.getMessage());
    }

    @Test
    void trailingBytesAreAnError() throws IOException {
        byte[] file = idx(0x08, new int[] {2}, new byte[] {1, 2});
        byte[] longer = Arrays.copyOf(file, file.length + 3);
        Path raw = write("long-raw", longer);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(raw));
        assertTrue(e.getMessage().contains("long-raw") && e.getMessage().contains("trailing"), e.getMessage());
        assertTrue(e.getMessage().contains("expected exactly 10 bytes"), e.getMessage());

        Path gz = write("long.gz", gzip(longer));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(gz));
        assertTrue(e.getMessage().contains("long.gz") && e.getMessage().contains("byte offset 10"), e.getMessage());
    }

    @Test
    void corruptGzipNamesTheFileAndWhatIsWrong() throws IOException {
        byte[] gz = gzip(idx(0x08, new int[] {3}, new byte[] {1, 2, 3}));
        byte[] badMethod = gz.clone();
        badMethod[2] = 7; // deflate is 8
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 1;
        String[][] cases = {
            {"magic-only.gz", "truncated inside the gzip header"},
            {"bad-method.gz", "bad gzip header"},
            {"no-trailer.gz", "truncated, the file ends before the gzip trailer"},
            {"bad-crc.gz", "the gzip trailer (CRC and length) does not match the 11 bytes of data"},
        };
        byte[][] contents = {{0x1f, (byte) 0x8b}, badMethod, Arrays.copyOf(gz, gz.length - 8), badCrc};
        for (int i = 0; i < cases.length; i++) {
            Path file = write(cases[i][0], contents[i]);
            MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(file));
            assertTrue(e.getMessage().startsWith(file + ": not valid gzip: ") && e.getMessage().contains(cases[i][1]),
                    e.getMessage());
        }
    }

    @Test
    void headersClaimingMoreThanTheFileCanHoldAreRefusedBeforeAllocating() throws IOException {
        // each of these would need gigabytes if allocated as claimed; they fail on the header alone
        byte[] someData = pixels(1000, 4);
        Path raw = write("claims-raw", idx(0x08, new int[] {1_000_000, 28, 28}, someData));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(raw));
        assertEquals(raw + ": header claims 1000000 images of 28x28 (784000000 bytes) but the file holds 1016 bytes;"
                + " truncated: data ran out at byte offset 1016, expected 784000016 bytes in all", e.getMessage());

        byte[] small = gzip(idx(0x08, new int[] {1_000_000, 28, 28}, someData));
        assertTrue(small.length < 1100, "a 1 KB gzip file: " + small.length);
        Path gz = write("claims.gz", small);
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(gz));
        assertTrue(e.getMessage().startsWith(gz + " (gzip, offsets in the decompressed data): header claims 1000000"
                + " images of 28x28 (784000000 bytes) but the file's " + small.length + " compressed bytes"
                + " decompress to at most "), e.getMessage());
        assertTrue(e.getMessage().contains("1032:1"), e.getMessage());

        Path labels = write("two-billion.gz", gzip(idx(0x08, new int[] {2_000_000_000}, new byte[16])));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(labels));
        assertTrue(e.getMessage().contains("header claims 2000000000 labels (2000000000 bytes)"), e.getMessage());
        Path images = write("two-billion-images", idx(0x08, new int[] {2_000_000_000, 28, 28}, new byte[16]));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(images));
        assertTrue(e.getMessage().contains("header claims 2000000000 images of 28x28 (1568000000000 bytes) but the file"
                + " holds 32 bytes"), e.getMessage());

        // a count times image size past int: a long product, checked against the file like any other
        Path pastInt = write("past-int", idx(0x08, new int[] {100_000, 100, 1000}, new byte[8]));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(pastInt));
        assertTrue(e.getMessage().contains("(10000000000 bytes) but the file holds 24 bytes"), e.getMessage());
        // a product past long, and an image too large for a tensor row
        int max = Integer.MAX_VALUE;
        Path pastLong = write("past-long", idx(0x08, new int[] {max, max, max}, new byte[0]));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(pastLong));
        assertTrue(e.getMessage().contains("the sizes [" + max + ", " + max + ", " + max + "] hold too many values"),
                e.getMessage());
        Path wide = write("wide", idx(0x08, new int[] {1, 65536, 65536}, new byte[0]));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(wide));
        assertTrue(e.getMessage().contains("images of 65536 x 65536 pixels are too large for a tensor row"),
                e.getMessage());
        Path flat = write("flat", idx(0x08, new int[] {3, 0, 28}, new byte[0]));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(flat));
        assertTrue(e.getMessage().contains("dimension 1 has size 0"), e.getMessage());
        Path negative = write("negative", idx(0x08, new int[] {-5}, new byte[0]));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(negative));
        assertTrue(e.getMessage().contains("dimension 0 has a negative size -5"), e.getMessage());
    }

    @Test
    void truncatedGzipStreamSaysHowManyItemsWereRead() throws IOException {
        int n = 50;
        byte[] file = idx(0x08, new int[] {n, 28, 28}, pixels(n * 28 * 28, 5));
        byte[] compressed = gzip(file);
        byte[] cut = Arrays.copyOf(compressed, compressed.length / 2);
        long available = decompressedLength(cut);
        Path gz = write("half.gz", cut);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(gz));
        long whole = (available - 16) / (28 * 28);
        assertTrue(whole > 0 && whole < n, "cut inside the images: " + whole);
        assertTrue(e.getMessage().startsWith(gz.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("(" + whole + " of " + n + " images read)"), e.getMessage());

        byte[] labelFile = idx(0x08, new int[] {100_000}, pixels(100_000, 6));
        byte[] labelGz = gzip(labelFile);
        Path labels = write("labels-cut.gz", Arrays.copyOf(labelGz, labelGz.length / 3));
        long labelBytes = decompressedLength(Arrays.copyOf(labelGz, labelGz.length / 3)) - 8;
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(labels));
        assertTrue(e.getMessage().contains("(" + labelBytes + " of 100000 labels read)"), e.getMessage());
    }
}
