package dev.neurite.kernel.blas;

import dev.neurite.kernel.provider.KernelProvider;

/** Run in a child JVM by {@link BlasFallbackTest}: prints how this JVM chose its kernel backend. */
public final class BackendChoiceMain {

    private BackendChoiceMain() {
    }

    public static void main(String[] args) {
        System.out.println(KernelProvider.selection().describe());
    }
}
