/**
 * The {@code blas} backend: {@link dev.neurite.kernel.blas.BlasKernels} sends GEMM, GEMV, AXPY and
 * DOT to OpenBLAS ({@code libopenblas.so.0}, or {@code -Dneurite.blas.library}) through the FFM
 * API and the other methods to an element-wise backend. OpenBLAS runs single-threaded, and
 * Neurite's kernel threads split its products into bands. {@link dev.neurite.kernel.blas.cblas_h}
 * holds the bindings: hand-written in jextract's style from a trimmed {@code cblas.h}, to be kept
 * in sync with the header rather than edited. {@link dev.neurite.kernel.blas.OpenBlasInfo} is what
 * the library reports about itself, for {@code neurite info}. Implementation classes: applications
 * use {@code dev.neurite.tensor}.
 */
package dev.neurite.kernel.blas;
