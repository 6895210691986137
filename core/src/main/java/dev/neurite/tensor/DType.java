package dev.neurite.tensor;

import java.lang.foreign.ValueLayout;

/** Element type of a {@link Tensor}. */
public enum DType {
    /** IEEE 754 binary32, the training and inference type. */
    F32(4),
    /** IEEE 754 binary64, for gradient checks and reference computations. */
    F64(8);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    ValueLayout layout() {
        return this == F32 ? ValueLayout.JAVA_FLOAT : ValueLayout.JAVA_DOUBLE;
    }

    /** Lower-case name as shown in shapes, e.g. {@code 3x4 f32}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
