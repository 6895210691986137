/**
 * Choosing the kernel backend: {@link dev.neurite.kernel.provider.KernelProvider} picks one once,
 * from {@code KernelProvider.configure}, {@code -Dneurite.backend} or {@code NEURITE_BACKEND}, else
 * the fastest that loads here, and says why it passed over the faster ones. The only package that
 * knows every backend.
 */
package dev.neurite.kernel.provider;
