package dev.neurite.bench;

import java.util.List;

/**
 * JVM flags every benchmark fork needs: the Vector API is an incubator module and the OpenBLAS
 * backend calls native code. Constants, so that the benchmarks' {@code @Fork} annotations and
 * the runner's options name the same flags.
 */
public final class ForkFlags {

    public static final String ADD_MODULES = "--add-modules";
    public static final String VECTOR_MODULE = "jdk.incubator.vector";
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    /** JMH reads object layouts through sun.misc.Unsafe; JDK 24+ warns about it otherwise. */
    public static final String UNSAFE_ALLOW = "--sun-misc-unsafe-memory-access=allow";

    /** The flags as a list, in the order the annotations give them. */
    public static final List<String> ALL = List.of(ADD_MODULES, VECTOR_MODULE, NATIVE_ACCESS, UNSAFE_ALLOW);

    private ForkFlags() {
    }
}
