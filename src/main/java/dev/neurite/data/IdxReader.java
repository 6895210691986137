package dev.neurite.data;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed (recognised by
 * the gzip magic bytes {@code 1f 8b}, not by the file name).
 *
 * <p>Layout (big-endian): two zero bytes, a type code (0x08 = unsigned byte), the number of
 * dimensions, one 32-bit size per dimension, then the data. Images are magic 0x00000803
 * {@code (N, rows, cols)} and labels 0x00000801 {@code (N)}. The file must hold exactly
 * {@code header + product(sizes)} bytes: a truncated file fails with the byte offset (in the
 * decompressed data) where the data ran out, and trailing bytes are an error too. A gzip file
 * must be whole: a bad gzip header, corrupt compressed data and a missing or mismatching gzip
 * trailer (CRC and length) each fail naming the file.
 */
public final class IdxReader {

    /** How pixel bytes become floats. */
    public enum Pixels {
        /** {@code byte / 255}, in [0, 1]. */
        UNIT,
        /** The byte value, 0..255. */
        RAW
    }

    static final int UNSIGNED_BYTE = 0x08;
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    private static final int CHUNK_BYTES = 1 << 16;

    private IdxReader() {
    }

    /** Reads an image file into a float32 tensor {@code (N, rows * cols)} with pixels in [0, 1]. */
    public static Tensor readImages(Path file) throws IOException {
        return readImages(file, Pixels.UNIT);
    }

    /** Reads an image file into a float32 tensor {@code (N, rows * cols)}, pixels as {@code pixels} says. */
    public static Tensor readImages(Path file, Pixels pixels) throws IOException {
        try (Reader in = new Reader(file)) {
            int[] dims = in.header(3, "images");
            long imageSize = (long) dims[1] * dims[2];
            if (imageSize > Integer.MAX_VALUE) {
                throw new MalformedDataException(file + ": images of " + dims[1] + " x " + dims[2]
                        + " pixels are too large for a tensor row");
            }
            Tensor images = Tensor.managed(DType.F32, dims[0], (int) imageSize);
            float scale = pixels == Pixels.UNIT ? 1f / 255f : 1f;
            int perChunk = (int) Math.max(1, Math.min(dims[0], CHUNK_BYTES / Math.max(1, imageSize)));
            byte[] bytes = new byte[(int) (perChunk * imageSize)];
            float[] values = new float[bytes.length];
            for (int from = 0; from < dims[0]; from += perChunk) {
                int count = Math.min(perChunk, dims[0] - from);
                int length = (int) (count * imageSize);
                in.readFully(bytes, length);
                float[] block = length == values.length ? values : new float[length];
                for (int k = 0; k < length; k++) {
                    block[k] = (bytes[k] & 0xFF) * scale;
                }
                images.rows(from, from + count).copyFrom(block);
            }
            in.requireEnd();
            return images;
        }
    }

    /** Reads a label file into a float32 tensor {@code (N, 1)} of class indices 0..255. */
    public static Tensor readLabels(Path file) throws IOException {
        try (Reader in = new Reader(file)) {
            int[] dims = in.header(1, "labels");
            Tensor labels = Tensor.managed(DType.F32, dims[0], 1);
            byte[] bytes = new byte[CHUNK_BYTES];
            float[] values = new float[CHUNK_BYTES];
            for (int from = 0; from < dims[0]; from += CHUNK_BYTES) {
                int count = Math.min(CHUNK_BYTES, dims[0] - from);
                in.readFully(bytes, count);
                float[] block = count == values.length ? values : new float[count];
                for (int k = 0; k < count; k++) {
                    block[k] = bytes[k] & 0xFF;
                }
                labels.rows(from, from + count).copyFrom(block);
            }
            in.requireEnd();
            return labels;
        }
    }

    /** A decompressing (when gzipped), position-counting reader of one IDX file. */
    private static final class Reader implements AutoCloseable {
        private final Path file;
        private final InputStream in;
        private final boolean gzipped;
        private long offset; // bytes of (decompressed) IDX data consumed so far
        private long expectedLength = -1;

        Reader(Path file) throws IOException {
            this.file = file;
            BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK_BYTES);
            try {
                raw.mark(2);
                int b0 = raw.read();
                int b1 = raw.read();
                raw.reset();
                gzipped = b0 == 0x1f && b1 == 0x8b;
                // read the gzip stream directly: a buffer on top would lose the count of bytes it
                // had gathered when the stream ends early, and with it the offset of the truncation
                in = gzipped ? gzipStream(file, raw) : raw;
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        /** Opens the gzip stream, whose constructor reads the gzip header. */
        private static InputStream gzipStream(Path file, InputStream raw) throws IOException {
            try {
                return new GZIPInputStream(raw, CHUNK_BYTES);
            } catch (EOFException e) {
                throw new MalformedDataException(file + ": not valid gzip: truncated inside the gzip header", e);
            } catch (ZipException e) {
                throw new MalformedDataException(file + ": not valid gzip: bad gzip header (" + e.getMessage() + ")", e);
            }
        }

        /** Reads and checks the header of a {@code dimensions}-D unsigned-byte file; returns the sizes. */
        int[] header(int dimensions, String what) throws IOException {
            byte[] magic = new byte[4];
            readFully(magic, 4);
            int found = ((magic[0] & 0xFF) << 24) | ((magic[1] & 0xFF) << 16) | ((magic[2] & 0xFF) << 8)
                    | (magic[3] & 0xFF);
            int expected = 0x0800 | dimensions;
            if (magic[0] != 0 || magic[1] != 0) {
                throw malformed("magic number " + hex(found) + " is not an IDX magic number: expected "
                        + hex(expected) + " (" + what + ": unsigned bytes, " + dimensions + " dimension"
                        + (dimensions == 1 ? "" : "s") + ")");
            }
            if ((magic[2] & 0xFF) != UNSIGNED_BYTE) {
                throw malformed("magic number " + hex(found) + " has type code 0x"
                        + String.format("%02x", magic[2] & 0xFF) + ", expected 0x08 (unsigned byte) for " + what
                        + " (magic " + hex(expected) + ")");
            }
            if ((magic[3] & 0xFF) != dimensions) {
                throw malformed("magic number " + hex(found) + " has " + (magic[3] & 0xFF)
                        + " dimensions, expected " + dimensions + " for " + what + " (magic " + hex(expected) + ")");
            }
            byte[] sizeBytes = new byte[4 * dimensions];
            readFully(sizeBytes, sizeBytes.length);
            int[] dims = new int[dimensions];
            long total = 1;
            for (int d = 0; d < dimensions; d++) {
                int k = 4 * d;
                dims[d] = ((sizeBytes[k] & 0xFF) << 24) | ((sizeBytes[k + 1] & 0xFF) << 16)
                        | ((sizeBytes[k + 2] & 0xFF) << 8) | (sizeBytes[k + 3] & 0xFF);
                if (dims[d] < 0) {
                    throw malformed("dimension " + d + " has a negative size " + dims[d]);
                }
                try {
                    total = Math.multiplyExact(total, dims[d]);
                } catch (ArithmeticException e) {
                    throw malformed("the sizes " + Arrays.toString(dims) + " hold too many values");
                }
            }
            expectedLength = offset + total;
            if (!gzipped) {
                // a raw file's length is known up front: fail before allocating for a bad header
                long fileSize = Files.size(file);
                if (fileSize < expectedLength) {
                    throw malformed("truncated: data ran out at byte offset " + fileSize + ", expected "
                            + expectedLength + " bytes in all");
                }
                if (fileSize > expectedLength) {
                    throw malformed("trailing bytes after the data: expected exactly " + expectedLength
                            + " bytes, the file has " + fileSize);
                }
            }
            return dims;
        }

        /** Reads exactly {@code length} bytes into {@code buffer}, or fails naming the offset where data ran out. */
        void readFully(byte[] buffer, int length) throws IOException {
            int done = 0;
            try {
                while (done < length) {
                    int n = in.read(buffer, done, length - done);
                    if (n < 0) {
                        break;
                    }
                    done += n;
                }
            } catch (EOFException e) {
                // a gzip stream cut short: its data ends where decompression stopped
            } catch (ZipException e) {
                throw new MalformedDataException(file + ": not valid gzip: corrupt data after byte offset "
                        + (offset + done) + " of the decompressed data (" + e.getMessage() + ")", e);
            }
            offset += done;
            if (done < length) {
                throw malformed("truncated: data ran out at byte offset " + offset + ", expected "
                        + (expectedLength >= 0 ? expectedLength + " bytes in all" : (offset - done + length)
                        + " bytes for the header"));
            }
        }

        /** Fails when anything follows the data, or when a gzip stream's trailer is missing or does not match. */
        void requireEnd() throws IOException {
            int next;
            try {
                next = in.read();
            } catch (EOFException e) {
                // all data came out but the stream stops before its CRC and length: unverified
                throw new MalformedDataException(file + ": not valid gzip: truncated, the file ends before the gzip"
                        + " trailer (CRC and length) that follows the " + offset + " bytes of data", e);
            } catch (ZipException e) {
                throw new MalformedDataException(file + ": not valid gzip: the gzip trailer (CRC and length) does not"
                        + " match the " + offset + " bytes of data, which are corrupt (" + e.getMessage() + ")", e);
            }
            if (next >= 0) {
                throw malformed("trailing bytes after the data: expected exactly " + expectedLength
                        + " bytes, found more at byte offset " + offset);
            }
        }

        private MalformedDataException malformed(String message) {
            return new MalformedDataException(file + (gzipped ? " (gzip, offsets in the decompressed data)" : "")
                    + ": " + message);
        }

        private static String hex(int value) {
            return String.format("0x%08x", value);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
