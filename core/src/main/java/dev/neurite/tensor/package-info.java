/**
 * Tensors and the operations on them. A {@link dev.neurite.tensor.Tensor} is a row-major 2-D
 * matrix of {@link dev.neurite.tensor.DType} {@code F32} or {@code F64} in off-heap memory, with
 * views that share memory; it is freed by {@code close()}, by its
 * {@link dev.neurite.tensor.TensorScope}, or (opt-in) by the garbage collector.
 * {@link dev.neurite.tensor.Ops} is the validated public edge of the kernel backends: it checks
 * that tensors are open and that dtypes and shapes fit, naming them in its errors.
 * {@link dev.neurite.tensor.NativeMemory} accounts for the off-heap memory Neurite holds and
 * refuses requests over its limit with a {@link dev.neurite.tensor.MemoryLimitException}.
 * A tensor lives on the host or on a {@link dev.neurite.tensor.Device}, and {@code Ops} runs an
 * operation where its tensors live.
 */
package dev.neurite.tensor;
