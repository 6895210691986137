package dev.neurite.onnx;

import java.util.Arrays;

/** A growable list of {@code float}s (tensor data, float-list attributes) without boxing. */
final class FloatList {

    private float[] values = new float[0];
    private int size;

    void add(float[] more) {
        if (size + more.length > values.length) {
            values = Arrays.copyOf(values, Math.max(size + more.length, values.length * 2));
        }
        System.arraycopy(more, 0, values, size, more.length);
        size += more.length;
    }

    float[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
