/**
 * The numerics kernel: the hot loops of Neurite over off-heap memory, behind the
 * {@link dev.neurite.kernel.Kernels} interface, with one backend per subpackage ({@code scalar},
 * {@code simd}, {@code blas}, {@code opencl}). {@link dev.neurite.kernel.KernelProvider} picks the
 * backend once, from {@code -Dneurite.backend} or {@code NEURITE_BACKEND}, else the fastest that
 * loads here, and {@link dev.neurite.kernel.KernelThreads} holds the thread count and the pool that
 * multi-threaded kernels share. The enums {@link dev.neurite.kernel.Activation},
 * {@link dev.neurite.kernel.UnaryOp}, {@link dev.neurite.kernel.BinaryOp} and
 * {@link dev.neurite.kernel.RowReduction} name the operations the kernels offer. This is an internal
 * layer: kernels do not validate their arguments, and applications use {@code dev.neurite.tensor}.
 */
package dev.neurite.kernel;
