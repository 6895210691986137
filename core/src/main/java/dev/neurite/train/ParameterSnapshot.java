package dev.neurite.train;

import dev.neurite.nn.Parameter;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A saved copy of a model's weights that can be written back, e.g. the best weights of early
 * stopping. A snapshot of a {@link Sequential} covers its parameters and its layers' state
 * tensors (the batch-norm running statistics), so a restored model predicts what it did when
 * saved. The copies are allocated once; {@link #save()} and {@link #restore()} only copy memory.
 * The snapshot owns the copies: {@link #close()} frees them.
 */
public final class ParameterSnapshot implements AutoCloseable {

    private final List<Tensor> sources;
    private final Tensor[] saved;
    private boolean holdsValues;

    /** A snapshot of {@code model}'s parameters and state tensors, empty until {@link #save()}. */
    public ParameterSnapshot(Sequential model) {
        this(tensors(model.parameters(), model));
    }

    /**
     * A snapshot of {@code parameters} only, empty until {@link #save()}; layer state such as
     * batch-norm running statistics is not covered (use {@link #ParameterSnapshot(Sequential)}).
     */
    public ParameterSnapshot(List<Parameter> parameters) {
        this(tensors(parameters, null));
    }

    private ParameterSnapshot(ArrayList<Tensor> sources) {
        this.sources = List.copyOf(sources);
        this.saved = new Tensor[this.sources.size()];
        try {
            for (int i = 0; i < saved.length; i++) {
                Tensor v = this.sources.get(i);
                saved[i] = Tensor.zeros(v.dtype(), v.rows(), v.cols());
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private static ArrayList<Tensor> tensors(List<Parameter> parameters, Sequential model) {
        ArrayList<Tensor> tensors = new ArrayList<>();
        for (Parameter p : parameters) {
            tensors.add(p.value());
        }
        if (model != null) {
            tensors.addAll(model.stateTensors().values());
        }
        return tensors;
    }

    /** Copies the current values into the snapshot. */
    public void save() {
        for (int i = 0; i < saved.length; i++) {
            saved[i].copyFrom(sources.get(i));
        }
        holdsValues = true;
    }

    /** Writes the saved values back. */
    public void restore() {
        if (!holdsValues) {
            throw new IllegalStateException("restore: nothing was saved in this snapshot");
        }
        for (int i = 0; i < saved.length; i++) {
            sources.get(i).copyFrom(saved[i]);
        }
    }

    /** True once {@link #save()} was called. */
    public boolean holdsValues() {
        return holdsValues;
    }

    /** Frees the copies; the snapshot holds nothing afterwards. Idempotent. */
    @Override
    public void close() {
        holdsValues = false;
        for (Tensor t : saved) {
            if (t != null) {
                t.close();
            }
        }
    }
}
