package dev.neurite.kernel.provider;

import dev.neurite.kernel.KernelThreads;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.blas.BlasKernels;
import dev.neurite.kernel.scalar.ScalarKernels;
import dev.neurite.kernel.simd.SimdSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Picks the kernel backend once, at first use, and keeps it.
 *
 * <p>Order: an explicit request ({@link #configure(String)} from code, else
 * {@code -Dneurite.backend=scalar|simd|blas|opencl}, else the {@code NEURITE_BACKEND} environment
 * variable) wins and must load, or start-up fails with the
 * reason. Without one: {@code blas} if OpenBLAS loads (unless it runs SSE-only kernels on a
 * CPU where the simd backend has 256-bit or wider vectors), else {@code simd} if the Vector API is
 * usable, else {@code scalar}. {@code opencl} is only used on request: it copies every operand of
 * host tensors to the device and back per call, which is slower than the CPU backends. A backend
 * signals "not here" only by throwing {@link UnsupportedOperationException} from its
 * constructor; any other error propagates. One log line names the choice and why the faster ones
 * were skipped.
 */
public final class KernelProvider {

    /** System property that requests a backend. */
    public static final String PROPERTY = "neurite.backend";
    /** Environment variable that requests a backend when the property is not set. */
    public static final String ENV = "NEURITE_BACKEND";
    /** Every backend name a request may use. */
    public static final List<String> NAMES = List.of("blas", "simd", "scalar", "opencl");
    /** The backends automatic selection tries, fastest first. */
    public static final List<String> AUTOMATIC = List.of("blas", "simd", "scalar");

    private static final Logger LOG = Logger.getLogger(KernelProvider.class.getName());

    /** The outcome of a selection: the backend, and for each faster one why it was skipped. */
    public record Selection(Kernels kernels, List<String> skipped, boolean requested) {
        /** The one line logged at start-up. */
        public String describe() {
            String how = requested ? "requested" : "auto";
            return "Neurite kernel backend: " + kernels.name() + " (" + how + ")"
                    + (skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped));
        }
    }

    private KernelProvider() {
    }

    private static volatile Selection current;

    /** The backend set by {@link #configure(String)}; {@code null} when none was. */
    private static volatile String configured;

    /**
     * Chooses the backend from code, instead of {@code -Dneurite.backend} or
     * {@code NEURITE_BACKEND} (which it overrides): one of {@link #NAMES}, or {@code "auto"} for
     * the fastest that loads. It applies to the whole JVM and must come before the first kernel
     * call (a requested backend that cannot load fails there, as with the property); naming the
     * backend already in use does nothing. {@code Ops.using(name)} picks a backend for one scope
     * of calls instead.
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException when the kernels already run on another backend
     */
    public static void configure(String backend) {
        String name = backend == null ? "" : backend.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name) && !"auto".equals(name)) {
            throw new IllegalArgumentException("unknown kernel backend '" + backend + "'; expected one of "
                    + NAMES + " or auto");
        }
        synchronized (KernelProvider.class) {
            Selection s = current;
            if (s != null) {
                if (s.kernels().name().equals(name) || ("auto".equals(name) && !s.requested())) {
                    return;
                }
                throw new IllegalStateException("the kernels already run on " + s.kernels().name()
                        + " in this JVM; configure the backend before the first kernel call");
            }
            configured = name;
        }
    }

    /** The backend of this JVM, chosen at first call. */
    public static Kernels get() {
        return selection().kernels();
    }

    /**
     * How the backend of this JVM was chosen. The first call selects and logs; a requested
     * backend that cannot load throws {@link IllegalStateException} here (again on every call, so
     * the reason is never hidden behind a class-initialisation error).
     */
    public static Selection selection() {
        Selection s = current;
        if (s == null) {
            synchronized (KernelProvider.class) {
                s = current;
                if (s == null) {
                    s = select(requestedName().orElse(null));
                    LOG.info(s.describe());
                    current = s;
                }
            }
        }
        return s;
    }

    /** The selection of this JVM if one was made already; selects nothing and logs nothing. */
    public static Optional<Selection> selected() {
        return Optional.ofNullable(current);
    }

    /** The backend requested by {@link #configure(String)}, property or environment, if any. */
    public static Optional<String> requestedName() {
        String set = configured;
        if (set != null) {
            return "auto".equals(set) ? Optional.empty() : Optional.of(set);
        }
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENV);
        }
        String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        // "auto" asks for automatic selection here too, as it does in configure()
        return name.isEmpty() || "auto".equals(name) ? Optional.empty() : Optional.of(name);
    }

    /**
     * Selects a backend: the named one (which must load), or with {@code null} the fastest that
     * loads.
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException when the requested backend cannot be used here
     * @throws IllegalArgumentException for a thread setting that is not a whole number {@code >= 1}
     */
    public static Selection select(String requested) {
        KernelThreads.count(); // a bad thread setting is an error whichever backend ends up using it
        if (requested != null) {
            if (!NAMES.contains(requested)) {
                throw new IllegalArgumentException("unknown kernel backend '" + requested
                        + "' (from -D" + PROPERTY + " or " + ENV + "); expected one of " + NAMES);
            }
            try {
                Kernels kernels = create(requested);
                return new Selection(kernels, elementwiseNote(kernels, new ArrayList<>()), true);
            } catch (UnsupportedOperationException e) {
                throw new IllegalStateException("kernel backend '" + requested
                        + "' was requested but cannot be used: " + e.getMessage(), e);
            }
        }
        List<String> skipped = new ArrayList<>();
        for (String name : AUTOMATIC) {
            if (name.equals("blas")) {
                String slower = BlasSupport.slowerThanSimd();
                if (slower != null) {
                    skipped.add("blas: " + slower);
                    continue;
                }
            }
            try {
                Kernels kernels = create(name);
                return new Selection(kernels, elementwiseNote(kernels, skipped), false);
            } catch (UnsupportedOperationException e) {
                skipped.add(name + ": " + e.getMessage());
            }
        }
        throw new AssertionError("the scalar backend always loads");
    }

    /**
     * {@code skipped}, plus why the element-wise ops run scalar when blas could not pair with simd:
     * without the note the log would say "blas" while most kernels ran the slowest code.
     */
    private static List<String> elementwiseNote(Kernels kernels, List<String> skipped) {
        if (kernels instanceof BlasKernels blas && blas.elementwise() instanceof ScalarKernels) {
            try {
                SimdSupport.create();
            } catch (UnsupportedOperationException e) {
                skipped.add("simd for the element-wise ops, which run scalar: " + e.getMessage());
            }
        }
        return List.copyOf(skipped);
    }

    /**
     * Creates the named backend.
     *
     * @throws UnsupportedOperationException when it cannot run here, with the reason
     */
    public static Kernels create(String name) {
        return switch (name) {
            case "scalar" -> new ScalarKernels();
            case "simd" -> SimdSupport.create();
            case "blas" -> BlasSupport.create();
            case "opencl" -> OpenClSupport.create();
            default -> throw new IllegalArgumentException("unknown kernel backend '" + name + "'");
        };
    }
}
