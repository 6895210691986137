package dev.neurite.onnx;

/**
 * An attribute of an ONNX node: a float, an integer, a string, a tensor, or a list of floats or
 * integers, as {@link #type} says.
 */
record AttributeProto(String name, int type, float f, long i, String s, TensorProto t, float[] floats, long[] ints) {

    static final int FLOAT = 1;
    static final int INT = 2;
    static final int STRING = 3;
    static final int TENSOR = 4;
    static final int FLOATS = 6;
    static final int INTS = 7;

    static AttributeProto ofFloat(String name, float f) {
        return new AttributeProto(name, FLOAT, f, 0, null, null, null, null);
    }

    static AttributeProto ofInt(String name, long i) {
        return new AttributeProto(name, INT, 0, i, null, null, null, null);
    }
}
