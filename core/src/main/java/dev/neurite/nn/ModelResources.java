package dev.neurite.nn;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Device;
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
     * Moves the parameters of {@code layers} from {@code from} to {@code to}, after asking every
     * layer whether it can run there; a move that fails part-way puts the moved ones back, so the
     * model is never split across devices.
     */
    static void move(Device from, Device to, Layer[] layers, List<Parameter> parameters) {
        if (from == to) {
            return;
        }
        if (!to.isHost()) {
            for (Layer layer : layers) {
                String why = layer.deviceLimitation(to);
                if (why != null) {
                    throw new IllegalArgumentException("to: layer " + layer.name() + " (" + layer.describe()
                            + ") cannot run on " + to.name() + ": " + why);
                }
            }
        }
        int moved = 0;
        int movedLayers = 0;
        try {
            for (Parameter p : parameters) {
                p.moveTo(to);
                moved++;
            }
            for (Layer layer : layers) {
                layer.moveState(to);
                movedLayers++;
            }
        } catch (RuntimeException | Error e) {
            for (int i = 0; i < moved; i++) {
                try {
                    parameters.get(i).moveTo(from);
                } catch (RuntimeException | Error again) {
                    e.addSuppressed(again);
                }
            }
            for (int i = 0; i < movedLayers; i++) {
                try {
                    layers[i].moveState(from);
                } catch (RuntimeException | Error again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
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
