package dev.neurite.bench;

import dev.neurite.kernel.provider.KernelProvider;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.blas.OpenBlasInfo;

/**
 * Finds out, in the launching JVM, which backends load here (the forks get the same flags and
 * environment, so the same answer) and which OpenBLAS core the blas backend runs.
 */
final class BackendProbe {

    private BackendProbe() {
    }

    /** The backend, or why it cannot be used here. */
    record Outcome(Kernels kernels, String unavailable) {
    }

    /** Creates the backend as the benchmarks will, turning any failure into a reason. */
    static Outcome probe(String backend) {
        try {
            return new Outcome(KernelProvider.create(backend), null);
        } catch (UnsupportedOperationException e) {
            return new Outcome(null, String.valueOf(e.getMessage()));
        } catch (RuntimeException | LinkageError e) {
            return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The OpenBLAS core in use ({@code openblas_get_corename()}) and the library it came from,
     * as {@code key=value} fields; {@code openblas_core=unknown} when OpenBLAS is not loaded.
     */
    static String openblasCore() {
        try {
            return OpenBlasInfo.current()
                    .map(info -> "openblas_core=" + info.coreName() + " openblas_library=" + info.library())
                    .orElse("openblas_core=unknown");
        } catch (RuntimeException | LinkageError e) {
            return "openblas_core=unknown";
        }
    }
}
