package dev.neurite.kernel.provider;

import dev.neurite.kernel.KernelThreads;

/** Child JVM of {@link KernelConfigureTest}: configures the kernels from code, then uses them. */
public final class ConfiguredKernelsMain {
    private ConfiguredKernelsMain() {
    }

    public static void main(String[] args) {
        if (!"-".equals(args[0])) { // "-": leave the backend to the property
            KernelProvider.configure(args[0]);
        }
        KernelThreads.configure(Integer.parseInt(args[1]));
        System.out.println("backend=" + KernelProvider.get().name() + " threads=" + KernelThreads.count()
                + " requested=" + KernelProvider.selection().requested());
        try {
            KernelProvider.configure("simd".equals(args[0]) ? "scalar" : "simd");
            System.out.println("late configure accepted");
        } catch (IllegalStateException e) {
            System.out.println("late configure refused: " + e.getMessage());
        }
    }
}
