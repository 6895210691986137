package dev.neurite.kernel.opencl;

/**
 * Element types of device buffers. The floating-point ones double as the precision a program is
 * built for: kernel sources are written once over the type {@code real}, which the build option
 * {@link #buildOptions()} defines as {@code float} or {@code double}.
 */
public enum ClType {
    FLOAT32(4, "-DREAL=float -DREAL_IS_DOUBLE=0"),
    FLOAT64(8, "-DREAL=double -DREAL_IS_DOUBLE=1"),
    INT32(4, null);

    private final int bytes;
    private final String buildOptions;

    ClType(int bytes, String buildOptions) {
        this.bytes = bytes;
        this.buildOptions = buildOptions;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Options that define {@code real} for this precision; only for floating-point types. */
    String buildOptions() {
        if (buildOptions == null) {
            throw new IllegalArgumentException(this + " is not a floating-point precision");
        }
        return buildOptions;
    }
}
