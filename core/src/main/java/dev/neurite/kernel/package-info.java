/**
 * The numerics kernel's contract: the hot loops of Neurite over off-heap memory behind the
 * {@link dev.neurite.kernel.Kernels} interface, {@link dev.neurite.kernel.ForwardingKernels} for a
 * backend that overrides only what it accelerates, and {@link dev.neurite.kernel.KernelThreads},
 * the thread count and the pool that multi-threaded kernels share. The backends live one per
 * subpackage ({@code scalar}, {@code simd}, {@code blas}, {@code opencl}) and
 * {@code dev.neurite.kernel.provider} chooses one; this package depends on none of them. The enums
 * {@link dev.neurite.kernel.Activation}, {@link dev.neurite.kernel.UnaryOp},
 * {@link dev.neurite.kernel.BinaryOp} and {@link dev.neurite.kernel.RowReduction} name the
 * operations the kernels offer. This is an internal layer: kernels do not validate their
 * arguments, and applications use {@code dev.neurite.tensor}.
 */
package dev.neurite.kernel;
