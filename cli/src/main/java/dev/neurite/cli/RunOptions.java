package dev.neurite.cli;

import dev.neurite.kernel.provider.KernelProvider;
import dev.neurite.kernel.KernelThreads;
import dev.neurite.tensor.Ops;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** Options of every workflow command: the kernel backend and thread count. */
final class RunOptions {

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Kernel backend: blas, simd, scalar or opencl (default: the fastest of blas, simd, scalar).")
    String backend;

    @Option(names = "--threads", paramLabel = "N",
            description = "Kernel threads (default: cores); takes effect when the kernels have not run yet in this JVM.")
    Integer threads;

    /** Runs {@code body} on the chosen backend, after setting the thread count. */
    <T> T run(PrintWriter err, Callable<T> body) throws Exception {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
            try {
                KernelThreads.configure(threads);
            } catch (IllegalStateException e) {
                err.println("neurite: note: the kernels already run with " + KernelThreads.count()
                        + " threads in this JVM; --threads " + threads + " applies to a new process");
            }
        }
        KernelThreads.count(); // a bad NEURITE_THREADS or -Dneurite.threads fails here, before any data is read
        if (backend == null) {
            return body.call();
        }
        if (!KernelProvider.NAMES.contains(backend)) {
            throw new IllegalArgumentException("unknown --backend '" + backend + "' (" + String.join(", ", KernelProvider.NAMES) + ")");
        }
        try (Ops ops = Ops.using(backend)) {
            return ops.call(() -> {
                try {
                    return body.call();
                } catch (Exception e) {
                    throw new Carrier(e);
                }
            });
        } catch (Carrier c) {
            throw (Exception) c.getCause();
        }
    }

    /** Carries a checked exception out of a {@code Supplier}. */
    private static final class Carrier extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Carrier(Exception cause) {
            super(cause);
        }
    }
}
