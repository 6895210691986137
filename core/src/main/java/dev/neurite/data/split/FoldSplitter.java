package dev.neurite.data.split;

import dev.neurite.data.Dataset;
import java.util.List;

/** Divides the rows of a data set into cross-validation folds. */
public interface FoldSplitter {

    /** The folds for {@code data}; deterministic for a given splitter (seed) and data. */
    List<Fold> split(Dataset data);
}
