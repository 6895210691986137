/**
 * The {@code simd} backend: {@link dev.neurite.kernel.simd.SimdKernels}, on the incubating Vector
 * API ({@code jdk.incubator.vector}), with vectors of 128, 256 or 512 bits
 * ({@code -Dneurite.simd.bits}, by default the CPU's widest). Float32 GEMM is
 * {@link dev.neurite.kernel.simd.SimdGemmF32}, a packed, register-blocked Goto/BLIS scheme split
 * across the kernel threads; every other float32 method is vectorized too, with optimizer updates
 * bit-identical to the scalar reference, while float64 runs only its element-wise methods
 * vectorized and the rest on the scalar backend. {@link dev.neurite.kernel.simd.SimdSupport}
 * decides whether the backend can run here before any Vector API class is loaded. Implementation
 * classes: applications use {@code dev.neurite.tensor}.
 */
package dev.neurite.kernel.simd;
