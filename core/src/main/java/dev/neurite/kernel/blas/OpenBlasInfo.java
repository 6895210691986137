package dev.neurite.kernel.blas;

import java.util.Optional;

/**
 * What OpenBLAS reports about itself, for {@code neurite info}.
 *
 * @param library    the path or soname that was loaded ({@code -Dneurite.blas.library})
 * @param coreName   the CPU kernel set OpenBLAS picked, e.g. {@code Zen} or {@code Haswell}
 * @param config     the build configuration string, e.g. {@code OpenBLAS 0.3.21 DYNAMIC_ARCH ...}
 * @param threads    the number of threads OpenBLAS uses now
 * @param processors the number of cores OpenBLAS sees
 * @param threading  how the library was built: {@code sequential}, {@code pthreads} or {@code OpenMP}
 */
public record OpenBlasInfo(String library, String coreName, String config, int threads, int processors,
                           String threading) {

    /** The running library's report, or empty when it cannot be loaded (see {@link #describe()}). */
    public static Optional<OpenBlasInfo> current() {
        if (!OpenBlasLibrary.isLoaded()) {
            return Optional.empty();
        }
        int parallel = cblas_h.openblas_get_parallel();
        String threading = parallel == cblas_h.OPENBLAS_SEQUENTIAL() ? "sequential"
                : parallel == cblas_h.OPENBLAS_THREAD() ? "pthreads"
                : parallel == cblas_h.OPENBLAS_OPENMP() ? "OpenMP" : "unknown (" + parallel + ")";
        return Optional.of(new OpenBlasInfo(OpenBlasLibrary.requestedPath(),
                cblas_h.openblas_get_corename().getString(0).trim(),
                cblas_h.openblas_get_config().getString(0).trim(),
                cblas_h.openblas_get_num_threads(), cblas_h.openblas_get_num_procs(), threading));
    }

    /**
     * The CPU kernel set OpenBLAS picked, or empty when it cannot be loaded: one downcall, where
     * {@link #current()} links two more signatures (a few milliseconds each in a cold process)
     * that choosing a backend does not need.
     */
    public static Optional<String> runningCore() {
        if (!OpenBlasLibrary.isLoaded()) {
            return Optional.empty();
        }
        return Optional.of(cblas_h.openblas_get_corename().getString(0).trim());
    }

    /** One line for {@code neurite info}: the library's report, or why it cannot be loaded. */
    public static String describe() {
        return current().map(OpenBlasInfo::line).orElseGet(OpenBlasLibrary::failure);
    }

    /** This report as one line. */
    public String line() {
        return "OpenBLAS " + library + ": " + config + "; core " + coreName + "; "
                + threads + " thread(s) of " + processors + " core(s), " + threading;
    }
}
