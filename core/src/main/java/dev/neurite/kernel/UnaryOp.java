package dev.neurite.kernel;

/** Element-wise unary operations of {@link Kernels#unaryF32}. */
public enum UnaryOp {
    /** {@code exp(x)} */
    EXP,
    /** {@code log(x)}, natural; {@code log(0) = -inf}, {@code log(x < 0) = NaN} */
    LOG,
    /** {@code sqrt(x)} */
    SQRT,
    /** {@code -x} */
    NEG,
    /** {@code |x|} */
    ABS
}
