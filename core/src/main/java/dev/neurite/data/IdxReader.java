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
 * decompressed data) where the data ran out and how many items were read, and trailing bytes are
 * an error too. A gzip file must be whole: a bad gzip header, corrupt compressed data and a missing
 * or mismatching gzip trailer (CRC and length) each fail naming the file.
 *
 * <p>The header is checked before anything is allocated: the sizes must be positive (the item
 * count may be 0) and their product must fit a tensor; an uncompressed file must be exactly as
 * long as the header says, and a gzip file long enough to decompress to that length at deflate's
 * best ratio. So a small file whose header claims gigabytes fails at once. The data then streams,
 * in chunks, into the tensor returned.
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
    /** Deflate's largest compression ratio: 258-byte matches coded in 2 bits, about 1032:1. */
    static final long MAX_DEFLATE_RATIO = 1032;
    /** Room above the ratio for gzip headers, trailers and block overhead of a small file. */
    private static final long GZIP_SLACK_BYTES = 1 << 16;

    private IdxReader() {
    }

    /**
     * Reads an image file into a new owned float32 tensor {@code (N, rows * cols)} with pixels in
     * [0, 1]; the caller closes it.
     */
    public static Tensor readImages(Path file) throws IOException {
        return readImages(file, Pixels.UNIT);
    }

    /**
     * Reads an image file into a new owned float32 tensor {@code (N, rows * cols)}, pixels as
     * {@code pixels} says; the caller closes it.
     */
    public static Tensor readImages(Path file, Pixels pixels) throws IOException {
        return read(file, 3, pixels == Pixels.UNIT ? 1f / 255f : 1f);
    }

    /** Reads a label file into a new owned float32 tensor {@code (N, 1)} of class indices 0..255; the caller closes it. */
    public static Tensor readLabels(Path file) throws IOException {
        return read(file, 1, 1f);
    }

    /** Reads a file of {@code dimensions} sizes: one row per item, each byte times {@code scale}. */
    private static Tensor read(Path file, int dimensions, float scale) throws IOException {
        try (Reader in = new Reader(file)) {
            in.header(dimensions);
            Tensor out = Tensor.zeros(DType.F32, in.items, in.itemSize);
            try {
                stream(in, out, scale);
            } catch (IOException | RuntimeException | Error e) {
                out.close();
                throw e;
            }
            return out;
        }
    }

    /** Streams the data into {@code out}, a chunk of whole items at a time. */
    private static void stream(Reader in, Tensor out, float scale) throws IOException {
        int perChunk = Math.max(1, CHUNK_BYTES / in.itemSize);
        int chunkBytes = Math.multiplyExact(Math.min(perChunk, Math.max(1, in.items)), in.itemSize);
        byte[] bytes = new byte[chunkBytes];
        float[] values = new float[chunkBytes];
        for (int from = 0; from < in.items; from += perChunk) {
            int count = Math.min(perChunk, in.items - from);
            int length = count * in.itemSize;
            in.readFully(bytes, length);
            float[] block = length == values.length ? values : new float[length];
            for (int k = 0; k < length; k++) {
                block[k] = (bytes[k] & 0xFF) * scale;
            }
            out.rows(from, from + count).copyFrom(block);
        }
        in.requireEnd();
    }

    /** A decompressing (when gzipped), position-counting reader of one IDX file. */
    private static final class Reader implements AutoCloseable {
        private final Path file;
        private final InputStream in;
        private final boolean gzipped;
        private long offset; // bytes of (decompressed) IDX data consumed so far
        private long expectedLength = -1;
        private long headerLength = -1;
        int items; // what the header claims, once read
        int itemSize; // bytes per item
        private String itemsName;

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

        /**
         * Reads and checks the header of a {@code dimensions}-D unsigned-byte file, setting
         * {@link #items} and {@link #itemSize}; fails, before anything is allocated, when the sizes
         * do not fit a tensor or the file cannot hold the data they claim.
         */
        void header(int dimensions) throws IOException {
            String what = dimensions == 1 ? "labels" : "images";
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
            for (int d = 0; d < dimensions; d++) {
                int k = 4 * d;
                dims[d] = ((sizeBytes[k] & 0xFF) << 24) | ((sizeBytes[k + 1] & 0xFF) << 16)
                        | ((sizeBytes[k + 2] & 0xFF) << 8) | (sizeBytes[k + 3] & 0xFF);
                if (dims[d] < 0) {
                    throw malformed("dimension " + d + " has a negative size " + dims[d]);
                }
                if (dims[d] == 0 && d > 0) {
                    throw malformed("dimension " + d + " has size 0; images need at least one row and column");
                }
            }
            long total;
            try {
                total = 1;
                for (int size : dims) {
                    total = Math.multiplyExact(total, size);
                }
                Math.multiplyExact(total, (long) Float.BYTES); // the float32 tensor's bytes
            } catch (ArithmeticException e) {
                throw malformed("the sizes " + Arrays.toString(dims) + " hold too many values");
            }
            long rowSize = total == 0 ? (dimensions == 1 ? 1 : (long) dims[1] * dims[2]) : total / dims[0];
            if (rowSize > Integer.MAX_VALUE) {
                throw malformed(what + " of " + dims[1] + " x " + dims[2] + " pixels are too large for a tensor row");
            }
            items = dims[0];
            itemSize = (int) rowSize;
            itemsName = what;
            headerLength = offset;
            expectedLength = offset + total;
            String claim = "header claims " + items + " " + what
                    + (dimensions == 1 ? "" : " of " + dims[1] + "x" + dims[2]) + " (" + total + " bytes)";
            long fileSize = Files.size(file);
            if (!gzipped) {
                // a raw file's length is known up front: it must be exactly the header's
                if (fileSize < expectedLength) {
                    throw malformed(claim + " but the file holds " + fileSize + " bytes; truncated: data ran out at"
                            + " byte offset " + fileSize + ", expected " + expectedLength + " bytes in all");
                }
                if (fileSize > expectedLength) {
                    throw malformed(claim + " but the file holds " + fileSize + " bytes; trailing bytes after the"
                            + " data: expected exactly " + expectedLength + " bytes, the file has " + fileSize);
                }
            } else {
                long most = maxDecompressed(fileSize);
                if (expectedLength > most) {
                    throw malformed(claim + " but the file's " + fileSize + " compressed bytes decompress to at most "
                            + most + " (deflate compresses at most " + MAX_DEFLATE_RATIO + ":1)");
                }
            }
        }

        private static long maxDecompressed(long compressedBytes) {
            return compressedBytes > (Long.MAX_VALUE - GZIP_SLACK_BYTES) / MAX_DEFLATE_RATIO ? Long.MAX_VALUE
                    : compressedBytes * MAX_DEFLATE_RATIO + GZIP_SLACK_BYTES;
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
                        + (expectedLength >= 0 ? expectedLength + " bytes in all (" + itemsRead() + " of " + items
                        + " " + itemsName + " read)" : (offset - done + length) + " bytes for the header"));
            }
        }

        /** Whole items read so far. */
        private long itemsRead() {
            return (offset - headerLength) / itemSize;
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
