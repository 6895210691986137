package dev.neurite.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads protocol buffer messages from a byte range, field by field, the subset ONNX files use.
 * Every length is checked against the bytes left before anything is allocated or sliced, so a
 * corrupt size field gives a {@link Malformed} naming the field and the byte offset, never an
 * {@code OutOfMemoryError}. Unknown fields are skipped, as protobuf readers do.
 */
final class ProtoReader {

    /** Malformed wire data: the message names the field and the offset in the file. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final byte[] data;
    private final String where;
    private int pos;
    private final int end;
    private int field;
    private int wireType;
    private int fieldStart;

    /** A reader over {@code data[from, to)}, the message called {@code where} in errors. */
    ProtoReader(byte[] data, int from, int to, String where) {
        this.data = data;
        this.pos = from;
        this.end = to;
        this.where = where;
    }

    /** Moves to the next field; false at the end of the message. */
    boolean next() {
        if (pos >= end) {
            return false;
        }
        fieldStart = pos;
        long tag = varint("a field tag");
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (field <= 0 || tag >>> 3 > Integer.MAX_VALUE) {
            throw malformed("field number " + (tag >>> 3) + " is not valid");
        }
        return true;
    }

    int field() {
        return field;
    }

    /** The offset of the current field in the file, for error messages. */
    int offset() {
        return fieldStart;
    }

    /** The current field as a varint ({@code int32}, {@code int64}, enum); a packed list is refused here. */
    long int64() {
        expect(ProtoWriter.VARINT, "a varint");
        return varint("field " + field);
    }

    /** The current field as a {@code float}. */
    float float32() {
        expect(ProtoWriter.FIXED32, "a 32-bit float");
        return Float.intBitsToFloat(fixed32());
    }

    /** The current field as a UTF-8 {@code string}. */
    String string() {
        int n = length();
        String s = new String(data, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** The current field's bytes, as a reader over them. */
    ProtoReader message(String name) {
        int n = length();
        ProtoReader inner = new ProtoReader(data, pos, pos + n, name);
        pos += n;
        return inner;
    }

    /** The current field's bytes as a little-endian buffer (raw tensor data), without copying. */
    ByteBuffer bytes() {
        int n = length();
        ByteBuffer b = ByteBuffer.wrap(data, pos, n).slice().order(ByteOrder.LITTLE_ENDIAN);
        pos += n;
        return b;
    }

    /**
     * Adds the current field's values to {@code into}: one varint, or a packed run of them (a
     * repeated {@code int64} may come either way).
     */
    void int64s(LongList into) {
        if (wireType == ProtoWriter.VARINT) {
            into.add(varint("field " + field));
            return;
        }
        expect(ProtoWriter.LENGTH_DELIMITED, "a varint or a packed list of them");
        int n = length();
        int stop = pos + n;
        while (pos < stop) {
            into.add(varint("a packed value of field " + field));
        }
        if (pos != stop) {
            throw malformed("a packed list of field " + field + " overruns its length");
        }
    }

    /**
     * The current field's floats: one {@code float}, or a packed run of them. The count is the
     * byte length over 4, checked against the bytes left first.
     */
    float[] floats() {
        if (wireType == ProtoWriter.FIXED32) {
            return new float[] {Float.intBitsToFloat(fixed32())};
        }
        expect(ProtoWriter.LENGTH_DELIMITED, "a float or a packed list of them");
        int n = length();
        if (n % 4 != 0) {
            throw malformed("a packed float list of " + n + " bytes, not a multiple of 4");
        }
        float[] out = new float[n / 4];
        ByteBuffer.wrap(data, pos, n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        pos += n;
        return out;
    }

    /** The current field's doubles: one {@code double}, or a packed run of them. */
    double[] doubles() {
        if (wireType == ProtoWriter.FIXED64) {
            return new double[] {Double.longBitsToDouble(fixed64())};
        }
        expect(ProtoWriter.LENGTH_DELIMITED, "a double or a packed list of them");
        int n = length();
        if (n % 8 != 0) {
            throw malformed("a packed double list of " + n + " bytes, not a multiple of 8");
        }
        double[] out = new double[n / 8];
        ByteBuffer.wrap(data, pos, n).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        pos += n;
        return out;
    }

    /** Skips the current field, whatever its type. */
    void skip() {
        switch (wireType) {
            case ProtoWriter.VARINT -> varint("field " + field);
            case ProtoWriter.FIXED64 -> advance(8);
            case ProtoWriter.LENGTH_DELIMITED -> advance(length());
            case ProtoWriter.FIXED32 -> advance(4);
            default -> throw malformed("field " + field + " has wire type " + wireType
                    + ", which ONNX files do not use (groups are not supported)");
        }
    }

    Malformed malformed(String problem) {
        return new Malformed(where + " at byte " + fieldStart + ": " + problem);
    }

    private void expect(int type, String what) {
        if (wireType != type) {
            throw malformed("field " + field + " should be " + what + ", found wire type " + wireType);
        }
    }

    private int length() {
        expect(ProtoWriter.LENGTH_DELIMITED, "length-delimited");
        long n = varint("the length of field " + field);
        if (n < 0 || n > end - pos) {
            throw malformed("field " + field + " declares " + n + " bytes, but only " + (end - pos)
                    + " are left (truncated or corrupt file)");
        }
        return (int) n;
    }

    private void advance(int n) {
        if (n > end - pos) {
            throw malformed("field " + field + " needs " + n + " bytes, but only " + (end - pos) + " are left");
        }
        pos += n;
    }

    private long varint(String what) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw malformed(what + " is cut off (truncated file)");
            }
            byte b = data[pos++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw malformed(what + " is a varint longer than 10 bytes");
    }

    private int fixed32() {
        advance(4);
        return ByteBuffer.wrap(data, pos - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private long fixed64() {
        advance(8);
        return ByteBuffer.wrap(data, pos - 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
