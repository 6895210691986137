package dev.neurite.io;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes tensors in the safetensors format: an 8-byte little-endian header length {@code N}, a
 * UTF-8 JSON header of {@code N} bytes mapping each name to {@code dtype}, {@code shape} and
 * {@code data_offsets} (relative to the end of the header) plus an optional string map
 * {@code __metadata__}, then the tensors' bytes, row-major and little-endian, back to back. As
 * the reference implementation does, the header is padded with spaces to a multiple of 8 bytes so
 * the data section starts aligned.
 *
 * <p>Neurite tensors are 2-D, so every shape is {@code [rows, cols]}; a bias is {@code [1, out]}.
 */
final class SafetensorsWriter {

    private static final int CHUNK_BYTES = 1 << 20;

    private SafetensorsWriter() {
    }

    /** Writes {@code tensors} (in map order) with the given {@code __metadata__} (may be empty). */
    static void write(WritableByteChannel out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("\"__metadata__\" is reserved and cannot name a tensor");
            }
            Tensor t = e.getValue();
            long bytes = t.size() * t.dtype().byteSize();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", dtypeName(t.dtype()));
            info.put("shape", List.of((long) t.rows(), (long) t.cols()));
            info.put("data_offsets", List.of(offset, offset + bytes));
            header.put(e.getKey(), info);
            offset += bytes;
        }
        byte[] json = Json.compact(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        writeFully(out, head.flip());
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            writeTensor(out, t, chunk);
        }
    }

    static String dtypeName(DType dtype) {
        return dtype == DType.F32 ? "F32" : "F64";
    }

    /** Writes the elements row-major, a chunk at a time. */
    private static void writeTensor(WritableByteChannel out, Tensor t, ByteBuffer chunk) throws IOException {
        int perChunk = CHUNK_BYTES / t.dtype().byteSize();
        List<Tensor> pieces = new ArrayList<>();
        int rowsPerPiece = Math.max(1, perChunk / Math.max(1, t.cols()));
        for (int r = 0; r < t.rows(); r += rowsPerPiece) {
            pieces.add(t.rows(r, Math.min(t.rows(), r + rowsPerPiece)));
        }
        for (Tensor piece : pieces) {
            if (piece.dtype() == DType.F32) {
                float[] values = piece.toFloatArray();
                for (int i = 0; i < values.length; i += perChunk) {
                    int n = Math.min(perChunk, values.length - i);
                    chunk.clear();
                    chunk.asFloatBuffer().put(values, i, n);
                    writeFully(out, chunk.limit(n * Float.BYTES));
                }
            } else {
                double[] values = piece.toDoubleArray();
                for (int i = 0; i < values.length; i += perChunk) {
                    int n = Math.min(perChunk, values.length - i);
                    chunk.clear();
                    chunk.asDoubleBuffer().put(values, i, n);
                    writeFully(out, chunk.limit(n * Double.BYTES));
                }
            }
        }
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
