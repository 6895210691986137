package dev.neurite.bench;

import dev.neurite.kernel.KernelProvider;
import dev.neurite.kernel.Kernels;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds out, in the launching JVM, which backends load here (the forks get the same flags and
 * environment) and which OpenBLAS core the blas backend runs.
 */
final class BackendProbe {

    /** Names under which the blas backend may expose {@code openblas_get_corename()}. */
    private static final List<String> CORE_NAME_METHODS =
            List.of("coreName", "openblasCoreName", "openBlasCoreName", "corename", "openblasCore");
    /** A core name inside the backend's {@code details()} line, e.g. {@code core=SkylakeX}. */
    private static final Pattern CORE_IN_DETAILS =
            Pattern.compile("(?i)\\bcore(?:name)?\\s*[=:]\\s*([A-Za-z0-9_]+)");
    /** The shared library that the system's OpenBLAS installs under. */
    private static final String OPENBLAS_LIBRARY = "libopenblas.so.0";

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
     * The OpenBLAS core in use and where the name came from: the blas backend's own accessor if
     * it has one or names it in {@code details()}, else {@code openblas_get_corename()} of the system library (the same library
     * instance when the backend loaded it by that name), else {@code unknown}.
     */
    static String openblasCore(Kernels blas) {
        Optional<String> fromBackend = fromBackend(blas);
        if (fromBackend.isPresent()) {
            return "openblas_core=" + fromBackend.get().trim() + " core_from=backend";
        }
        Matcher details = CORE_IN_DETAILS.matcher(blas.details());
        if (details.find()) {
            return "openblas_core=" + details.group(1) + " core_from=details";
        }
        Optional<String> fromLibrary = fromLibrary();
        return fromLibrary.map(s -> "openblas_core=" + s.trim() + " core_from=" + OPENBLAS_LIBRARY)
                .orElse("openblas_core=unknown");
    }

    private static Optional<String> fromBackend(Kernels blas) {
        for (Class<?> type = blas.getClass(); type != null; type = type.getSuperclass()) {
            for (String name : CORE_NAME_METHODS) {
                try {
                    Method m = type.getDeclaredMethod(name);
                    if (m.getReturnType() == String.class && Modifier.isPublic(m.getModifiers())
                            && Modifier.isPublic(type.getModifiers())) {
                        Object value = m.invoke(Modifier.isStatic(m.getModifiers()) ? null : blas);
                        if (value != null && !value.toString().isBlank()) {
                            return Optional.of(value.toString());
                        }
                    }
                } catch (NoSuchMethodException e) {
                    // try the next name
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fromLibrary() {
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(OPENBLAS_LIBRARY, Arena.global());
            Optional<MemorySegment> symbol = lookup.find("openblas_get_corename");
            if (symbol.isEmpty()) {
                return Optional.empty();
            }
            MethodHandle corename = Linker.nativeLinker().downcallHandle(symbol.get(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS));
            MemorySegment text = (MemorySegment) corename.invokeExact();
            return text.equals(MemorySegment.NULL) ? Optional.empty()
                    : Optional.of(text.reinterpret(256).getString(0));
        } catch (Throwable e) {
            // no library, no symbol or no native access: the core stays unknown
            return Optional.empty();
        }
    }
}
