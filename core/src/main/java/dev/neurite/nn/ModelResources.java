package dev.neurite.nn;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.NativeMemory;
import java.util.List;
import java.util.Locale;

/** The memory of a {@link Sequential}: checked before it is allocated, freed part by part. */
final class ModelResources {

    private ModelResources() {
    }

    /** Fails before anything is allocated when the layers' tensors cannot fit in memory. */
    static void checkMemory(int inputFeatures, DType dtype, Layer[] layers) {
        long elements = 0;
        int width = inputFeatures;
        for (Layer layer : layers) {
            elements = Math.addExact(elements, layer.buildElements(width));
            width = layer.outputFeatures(width);
        }
        long parameters = elements / 2;
        NativeMemory.check(() -> String.format(Locale.ROOT, "a model of about %,d parameters (%s values and gradients)",
                parameters, dtype.label()), NativeMemory.product(elements, dtype.byteSize(), 1));
    }

    /**
     * Runs every free even when one fails, then throws the first failure with the others
     * suppressed: a model is never left half freed.
     */
    static void freeAll(List<Runnable> frees) {
        RuntimeException failure = null;
        for (Runnable free : frees) {
            try {
                free.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
