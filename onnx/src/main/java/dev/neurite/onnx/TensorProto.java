package dev.neurite.onnx;

/**
 * An ONNX tensor (an initializer or a constant): its name, element type ({@link #FLOAT} or
 * {@link #DOUBLE}, the two Neurite models use), dimensions and values, row-major, in
 * {@code floats} or {@code doubles} by type.
 */
record TensorProto(String name, int dataType, long[] dims, float[] floats, double[] doubles) {

    static final int FLOAT = 1;
    static final int INT64 = 7;
    static final int DOUBLE = 11;

    static TensorProto of(String name, long[] dims, float[] values) {
        return new TensorProto(name, FLOAT, dims, values, null);
    }

    static TensorProto of(String name, long[] dims, double[] values) {
        return new TensorProto(name, DOUBLE, dims, null, values);
    }

    /** The number of values. */
    int count() {
        return floats != null ? floats.length : doubles.length;
    }

    /** Value {@code i} as a double. */
    double value(int i) {
        return floats != null ? floats[i] : doubles[i];
    }

    /** The shape as ONNX writes it, e.g. {@code [128, 784]}. */
    String shape() {
        return java.util.Arrays.toString(dims);
    }

    /** The name of an element type, e.g. {@code float}. */
    static String typeName(int dataType) {
        return switch (dataType) {
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case INT64 -> "int64";
            case 2 -> "uint8";
            case 3 -> "int8";
            case 6 -> "int32";
            case 9 -> "bool";
            case 10 -> "float16";
            case 16 -> "bfloat16";
            default -> "data type " + dataType;
        };
    }
}
