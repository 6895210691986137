/**
 * Pipelines: a trained network with its fitted preprocessing, feature names and class names
 * ({@link dev.neurite.pipeline.Pipeline}), fitted by {@link dev.neurite.pipeline.PipelineTrainer}.
 * Features are matched by name, non-finite inputs are refused, results are class labels,
 * probabilities or values, and the saved directory is the one the command line reads and writes.
 */
package dev.neurite.pipeline;
