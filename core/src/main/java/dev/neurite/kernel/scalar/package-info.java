/**
 * The {@code scalar} backend: {@link dev.neurite.kernel.scalar.ScalarKernels}, plain Java loops
 * written to be obviously right, which every other backend is tested against. Sums accumulate in
 * {@code double}, and optimizer updates round every operation in the element type without fused
 * multiply-add, so that vector backends can match them bit for bit.
 * {@link dev.neurite.kernel.scalar.ScalarFusedKernels} (bias add with activation, softmax
 * cross-entropy) is public because other backends use it for rows too short to vectorize. It is
 * the last resort of backend selection, and like all kernels an implementation layer below
 * {@code dev.neurite.tensor}.
 */
package dev.neurite.kernel.scalar;
