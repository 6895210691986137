package dev.neurite.train;

import dev.neurite.nn.Parameter;
import dev.neurite.tensor.Tensor;
import java.util.List;

/**
 * A saved copy of parameter values that can be written back, e.g. the best weights of early
 * stopping. The copies are allocated once; {@link #save()} and {@link #restore()} only copy
 * memory. The copies are garbage-collected with the snapshot.
 */
public final class ParameterSnapshot {

    private final List<Parameter> parameters;
    private final Tensor[] saved;
    private boolean holdsValues;

    /** A snapshot of {@code parameters}, empty until {@link #save()}. */
    public ParameterSnapshot(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        this.saved = new Tensor[this.parameters.size()];
        for (int i = 0; i < saved.length; i++) {
            Tensor v = this.parameters.get(i).value();
            saved[i] = Tensor.managed(v.dtype(), v.rows(), v.cols());
        }
    }

    /** Copies the current parameter values into the snapshot. */
    public void save() {
        for (int i = 0; i < saved.length; i++) {
            saved[i].copyFrom(parameters.get(i).value());
        }
        holdsValues = true;
    }

    /** Writes the saved values back into the parameters. */
    public void restore() {
        if (!holdsValues) {
            throw new IllegalStateException("restore: nothing was saved in this snapshot");
        }
        for (int i = 0; i < saved.length; i++) {
            parameters.get(i).value().copyFrom(saved[i]);
        }
    }

    /** True once {@link #save()} was called. */
    public boolean holdsValues() {
        return holdsValues;
    }
}
