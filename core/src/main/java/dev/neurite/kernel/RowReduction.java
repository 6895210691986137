package dev.neurite.kernel;

/** Per-row reductions of {@link Kernels#rowReduceF32}. */
public enum RowReduction {
    /** {@code sum_j x[i, j]}; 0 for an empty row */
    SUM,
    /** {@code max_j x[i, j]}; NaN if any element is NaN; {@code -inf} for an empty row */
    MAX
}
