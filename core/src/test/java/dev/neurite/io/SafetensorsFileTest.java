package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors layout, and every way a damaged file is reported. */
class SafetensorsFileTest {

    @TempDir
    Path dir;

    private Path written() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", IoTestModels.random(DType.F32, 3, 5, 1));
        tensors.put("b", IoTestModels.random(DType.F64, 1, 2, 2));
        Path file = dir.resolve("t.safetensors");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            SafetensorsWriter.write(ch, tensors, Map.of("format", "test"));
        }
        return file;
    }

    /** A file with the given header text (padded as the writer pads) and {@code dataBytes} zero bytes. */
    private Path withHeader(String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        Path file = dir.resolve("h.safetensors");
        Files.write(file, b.array());
        return file;
    }

    private String failure(Path file) {
        return assertThrows(ModelFileException.class, () -> SafetensorsFile.open(file)).getMessage();
    }

    @Test
    void layoutFollowsTheFormat() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"test\"},\"a\":{\"dtype\":\"F32\",\"shape\":[3,5],"
                + "\"data_offsets\":[0,60]},\"b\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[60,76]}}"), header);
        assertTrue(header.endsWith("}") || header.trim().endsWith("}"));
        assertEquals(8 + n + 76, bytes.length);
        // the first float, little-endian, right after the header
        float first = ByteBuffer.wrap(bytes, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(IoTestModels.random(DType.F32, 3, 5, 1).get(0, 0), first);
    }

    @Test
    void readsBackExactly() throws IOException {
        SafetensorsFile f = SafetensorsFile.open(written());
        assertEquals(Map.of("format", "test"), f.metadata());
        Tensor a = Tensor.managed(DType.F32, 3, 5);
        Tensor b = Tensor.managed(DType.F64, 1, 2);
        f.read("a", a);
        f.read("b", b);
        assertArrayEquals(IoTestModels.random(DType.F32, 3, 5, 1).toFloatArray(), a.toFloatArray());
        assertArrayEquals(IoTestModels.random(DType.F64, 1, 2, 2).toDoubleArray(), b.toDoubleArray());
    }

    @Test
    void truncatedFiles() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, 5));
        assertEquals(file + ": truncated: the file has 5 bytes, but the header length alone takes 8", failure(file));
        Files.write(file, Arrays.copyOf(bytes, 40));
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(file + ": header length " + n + " (bytes 0-7) goes beyond the end of the file: only 32 bytes follow"
                + " the length (truncated file, or not a safetensors file)", failure(file));
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        assertEquals(file + ": truncated: tensor b ends at byte " + (8 + n + 76) + ", but the file has only "
                + (bytes.length - 3) + " bytes", failure(file));
    }

    @Test
    void malformedHeaderJsonGivesTheByteOffset() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\" \"shape\":[1,1],\"data_offsets\":[0,4]}}";
        Path file = withHeader(header, 4);
        int at = header.indexOf(" \"shape") + 1;
        assertEquals(file + ": malformed header JSON at byte " + (8 + at) + " (header offset " + at
                + "): unexpected '\"' after an object"
                + " member (expected ',' or '}')", failure(file));
    }

    @Test
    void unknownAndUnsupportedDtypes() throws IOException {
        Path file = withHeader("{\"x\":{\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);
        assertEquals(file + ": tensor x has unknown dtype \"F33\" (Neurite reads F32 and F64)", failure(file));
        file = withHeader("{\"x\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4);
        assertEquals(file + ": tensor x has dtype BF16, which Neurite does not read (Neurite reads F32 and F64)",
                failure(file));
    }

    @Test
    void shapeAndOffsetMismatches() throws IOException {
        Path file = withHeader("{\"x\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}", 20);
        assertEquals(file + ": tensor x of shape [2, 3] F32 needs 24 bytes, but its data_offsets [0, 20] span 20",
                failure(file));
        file = withHeader("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8);
        assertTrue(failure(file).contains("tensor x starts at byte"), failure(file));
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        file = withHeader(header, 12);
        assertEquals(file + ": 8 bytes from byte " + (8 + header.length() + 4) + " to the end of the file belong to no"
                + " tensor", failure(file));
        file = withHeader("{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4);
        assertTrue(failure(file).contains("x.shape must hold non-negative integers, got -1 at index 0"), failure(file));
        file = withHeader("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}}", 4);
        assertTrue(failure(file).contains("unknown field x.extra"), failure(file));
    }

    @Test
    void standardJsonOnlyInTheHeader() throws IOException {
        Path file = withHeader("{\"__metadata__\":{\"v\":NaN}}", 0);
        assertTrue(failure(file).contains("NaN is not standard JSON"), failure(file));
    }

    @Test
    void offsetsBeyondTheFileAreRefusedBeforeAnythingIsRead() throws IOException {
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[100000,100000],\"data_offsets\":[0,40000000000]}}";
        Path file = withHeader(header, 16);
        long size = Files.size(file);
        assertEquals(file + ": tensor x of shape [100000, 100000] F32 needs 40000000000 bytes (40.0 GB), but the file"
                + " holds " + size + " bytes, 16 bytes after the header", failure(file));
        file = withHeader("{\"x\":{\"dtype\":\"F32\",\"shape\":[3000000000,1],\"data_offsets\":[0,12000000000]}}", 4);
        assertEquals(file + ": x.shape[0] is 3000000000, more than Neurite's limit of 2147483647 per dimension",
                failure(file));
    }
}
