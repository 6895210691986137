package dev.neurite.kernel;

/** Element-wise binary operations of {@link Kernels#binaryF32}. */
public enum BinaryOp {
    /** {@code a + b} */
    ADD,
    /** {@code a - b} */
    SUB,
    /** {@code a * b} */
    MUL,
    /** {@code a / b} */
    DIV
}
