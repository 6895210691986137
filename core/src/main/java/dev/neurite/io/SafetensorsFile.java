package dev.neurite.io;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated safetensors file (see {@link SafetensorsWriter} for the layout). {@link #open}
 * reads and checks the header against the file: the header length fits the file, the header is
 * UTF-8 JSON of the expected form, every dtype is known, every tensor's byte range matches its
 * shape, and the ranges tile the data section exactly, as the reference implementation requires.
 * Tensor bytes are read on demand by {@link #read}. Every problem is a
 * {@link ModelFileException} naming the file, and where it concerns bytes, the file offset.
 */
final class SafetensorsFile {

    /** The reference implementation's limit on the header size. */
    static final long MAX_HEADER_BYTES = 100_000_000;

    /** The dtypes Neurite does not read, with their element sizes (for files written elsewhere). */
    private static final Map<String, Integer> OTHER_DTYPES = Map.ofEntries(Map.entry("BOOL", 1), Map.entry("U8", 1),
            Map.entry("I8", 1), Map.entry("F8_E5M2", 1), Map.entry("F8_E4M3", 1), Map.entry("I16", 2),
            Map.entry("U16", 2), Map.entry("F16", 2), Map.entry("BF16", 2), Map.entry("I32", 4), Map.entry("U32", 4),
            Map.entry("I64", 8), Map.entry("U64", 8));
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");

    /**
     * One tensor's description; {@code start} and {@code end} are file offsets. {@code dtype} is
     * null for a dtype Neurite does not read ({@code dtypeName} says which), which only a file
     * opened with {@code otherDtypes} holds.
     */
    record Entry(String name, DType dtype, String dtypeName, long[] shape, long start, long end) {

        String shapeText() {
            return Arrays.toString(shape);
        }
    }

    private final Path file;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path file, Map<String, Entry> entries, Map<String, String> metadata) {
        this.file = file;
        this.entries = entries;
        this.metadata = metadata;
    }

    Path file() {
        return file;
    }

    /** The tensors, in header order. */
    Map<String, Entry> entries() {
        return entries;
    }

    /** The {@code __metadata__} map (empty without one). */
    Map<String, String> metadata() {
        return metadata;
    }

    /** Reads and validates the header of {@code file}, a Neurite weights file: F32 and F64 tensors only. */
    static SafetensorsFile open(Path file) throws IOException {
        return open(file, false);
    }

    /**
     * Reads and validates the header of {@code file}; with {@code otherDtypes} (a file written
     * elsewhere, such as a PyTorch state_dict) tensors of other dtypes are listed too, with a null
     * {@link Entry#dtype()}, and checked like the rest, but cannot be {@link #read}.
     */
    static SafetensorsFile open(Path file, boolean otherDtypes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new ModelFileException(file, "truncated: the file has " + size
                        + " bytes, but the header length alone takes 8");
            }
            ByteBuffer lengthBytes = readAt(file, ch, 0, 8);
            long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 0 || headerLength > size - 8) {
                throw new ModelFileException(file, "header length " + Long.toUnsignedString(headerLength)
                        + " (bytes 0-7) goes beyond the end of the file: only " + (size - 8)
                        + " bytes follow the length (truncated file, or not a safetensors file)");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new ModelFileException(file, "header length " + headerLength + " exceeds the limit of "
                        + MAX_HEADER_BYTES + " bytes");
            }
            byte[] headerBytes = readAt(file, ch, 8, (int) headerLength).array();
            String text = utf8(file, headerBytes);
            Object json;
            try {
                json = JsonParser.parse(text, false);
            } catch (JsonException e) {
                long at = text.substring(0, e.offset()).getBytes(StandardCharsets.UTF_8).length;
                throw new ModelFileException(file, "malformed header JSON at byte " + (8 + at)
                        + " (header offset " + at + "): " + e.getMessage(), e);
            }
            return fromHeader(file, json, 8 + headerLength, size, otherDtypes);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file", e);
        }
    }

    private static String utf8(Path file, byte[] bytes) throws ModelFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file, "the header is not valid UTF-8", e);
        }
    }

    private static SafetensorsFile fromHeader(Path file, Object json, long dataStart, long size, boolean otherDtypes)
            throws ModelFileException {
        JsonFields header = JsonFields.of(file, "the header", json);
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> list = new ArrayList<>();
        for (Map.Entry<String, Object> e : header.map().entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                JsonFields meta = JsonFields.of(file, "__metadata__", e.getValue());
                for (String key : meta.map().keySet()) {
                    metadata.put(key, meta.string(key));
                }
                continue;
            }
            list.add(entry(file, name, JsonFields.of(file, name, e.getValue()), dataStart, size, otherDtypes));
        }
        // the byte ranges must tile the data section: no gaps, no overlaps, nothing left over
        List<Entry> byStart = new ArrayList<>(list);
        byStart.sort(Comparator.comparingLong(Entry::start).thenComparingLong(Entry::end));
        long expected = dataStart;
        for (Entry en : byStart) {
            if (en.start() != expected) {
                throw new ModelFileException(file, "tensor " + en.name() + " starts at byte " + en.start()
                        + ", but the data before it ends at byte " + expected
                        + (en.start() < expected ? " (overlapping tensors)" : " (a gap)"));
            }
            expected = en.end();
        }
        if (expected > size) {
            Entry last = byStart.getLast();
            throw new ModelFileException(file, "truncated: tensor " + last.name() + " ends at byte " + last.end()
                    + ", but the file has only " + size + " bytes");
        }
        if (expected < size) {
            throw new ModelFileException(file, (size - expected) + " bytes from byte " + expected
                    + " to the end of the file belong to no tensor");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Entry en : list) {
            entries.put(en.name(), en);
        }
        return new SafetensorsFile(file, Collections.unmodifiableMap(entries), Collections.unmodifiableMap(metadata));
    }

    private static Entry entry(Path file, String name, JsonFields f, long dataStart, long size, boolean otherDtypes)
            throws ModelFileException {
        f.onlyKeys(ENTRY_KEYS);
        String dtypeName = f.string("dtype");
        DType dtype = switch (dtypeName) {
            case "F32" -> DType.F32;
            case "F64" -> DType.F64;
            default -> {
                if (otherDtypes && OTHER_DTYPES.containsKey(dtypeName)) {
                    yield null;
                }
                throw new ModelFileException(file, "tensor " + name + " has "
                        + (OTHER_DTYPES.containsKey(dtypeName) ? "dtype " + dtypeName + ", which Neurite does not read"
                        : "unknown dtype \"" + dtypeName + "\"") + " (Neurite reads F32 and F64)");
            }
        };
        long elementBytes = dtype != null ? dtype.byteSize() : OTHER_DTYPES.get(dtypeName);
        List<?> shapeList = f.list("shape");
        long[] shape = new long[shapeList.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long d) || d < 0) {
                throw new ModelFileException(file, name + ".shape must hold non-negative integers, got "
                        + JsonFields.kind(shapeList.get(i)) + " at index " + i);
            }
            if (d > Integer.MAX_VALUE) {
                throw new ModelFileException(file, name + ".shape[" + i + "] is " + d + ", more than Neurite's limit of "
                        + Integer.MAX_VALUE + " per dimension");
            }
            shape[i] = d;
            elements = multiply(file, name, elements, d);
        }
        List<?> offsets = f.list("data_offsets");
        if (offsets.size() != 2 || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)
                || begin < 0 || end < begin) {
            throw new ModelFileException(file, name + ".data_offsets must be [begin, end] with 0 <= begin <= end,"
                    + " got " + offsets);
        }
        long bytes = multiply(file, name, elements, elementBytes);
        if (end - begin != bytes) {
            throw new ModelFileException(file, "tensor " + name + " of shape " + Arrays.toString(shape) + " "
                    + dtypeName + " needs " + bytes + " bytes, but its data_offsets [" + begin + ", " + end
                    + "] span " + (end - begin));
        }
        if (bytes > size - dataStart) {
            // checked before anything is read or allocated: no tensor holds more bytes than the file has
            throw new ModelFileException(file, "tensor " + name + " of shape " + Arrays.toString(shape) + " "
                    + dtypeName + " needs " + ModelSizes.exact(bytes) + ", but the file holds " + ModelSizes.exact(size)
                    + ", " + ModelSizes.exact(size - dataStart) + " after the header");
        }
        if (begin > Long.MAX_VALUE - dataStart - bytes) {
            throw new ModelFileException(file, name + ".data_offsets " + offsets + " are out of range");
        }
        return new Entry(name, dtype, dtypeName, shape, dataStart + begin, dataStart + end);
    }

    private static long multiply(Path file, String name, long a, long b) throws ModelFileException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new ModelFileException(file, "tensor " + name + " is too large (size overflows 64 bits)");
        }
    }

    /**
     * Copies tensor {@code name} into {@code into}, whose shape the caller has checked; the
     * file's dtype must be {@code into}'s.
     */
    void read(String name, Tensor into) throws IOException {
        Entry e = entries.get(name);
        if (e.dtype() == null) {
            throw new ModelFileException(file, "tensor " + name + " has dtype " + e.dtypeName()
                    + ", which Neurite does not read (Neurite reads F32 and F64)");
        }
        long bytes = e.end() - e.start();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new ModelFileException(file, "tensor " + name + " has " + bytes + " bytes, more than Neurite reads");
        }
        ByteBuffer data;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            data = readAt(file, ch, e.start(), (int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        int n = Math.toIntExact(into.size());
        if (e.dtype() == DType.F32) {
            float[] values = new float[n];
            data.asFloatBuffer().get(values);
            into.copyFrom(values);
        } else {
            double[] values = new double[n];
            data.asDoubleBuffer().get(values);
            into.copyFrom(values);
        }
    }

    /** Reads exactly {@code length} bytes at {@code position}; a short file is a truncation error. */
    private static ByteBuffer readAt(Path file, FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = ch.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new ModelFileException(file, "truncated: expected " + length + " bytes at byte " + position
                        + ", the file ends at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }
}
