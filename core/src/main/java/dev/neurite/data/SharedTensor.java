package dev.neurite.data;

import dev.neurite.tensor.Tensor;

/**
 * A tensor that owns its memory, held by several data sets: counted references, and the memory
 * is freed when the last one is released.
 */
final class SharedTensor {

    private final Tensor tensor;
    private int references = 1; // the creator's

    /** Takes ownership of {@code tensor}; the creator holds the first reference. */
    SharedTensor(Tensor tensor) {
        this.tensor = tensor;
    }

    Tensor tensor() {
        return tensor;
    }

    /** One more holder. */
    synchronized SharedTensor retain() {
        if (references == 0) {
            throw new IllegalStateException("data set tensor " + tensor.shape() + " was already freed");
        }
        references++;
        return this;
    }

    /** True when one holder has the tensor to itself. */
    synchronized boolean exclusive() {
        return references == 1;
    }

    /** One holder fewer; the last frees the memory. */
    synchronized void release() {
        if (references > 0 && --references == 0) {
            tensor.close();
        }
    }
}
