package dev.neurite.onnx;

import java.util.Arrays;

/** A growable list of {@code long}s (tensor dimensions, integer attributes) without boxing. */
final class LongList {

    private long[] values = new long[4];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
