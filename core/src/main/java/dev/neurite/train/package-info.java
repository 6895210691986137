/**
 * Mini-batch training: {@link dev.neurite.train.Trainer} runs forward, loss, backward and the
 * optimizer step over seeded, shuffled batches, on the host or on an OpenCL device, and returns a
 * {@link dev.neurite.train.History} of {@link dev.neurite.train.EpochLogs}.
 * {@link dev.neurite.train.Callback}s hook into the loop: {@link dev.neurite.train.EarlyStopping},
 * {@link dev.neurite.train.LRSchedulerCallback}, {@link dev.neurite.train.ProgressBar} and
 * {@link dev.neurite.train.NanGuard}, which guards every fit: a diverging run puts back its last
 * good weights and ends with a {@link dev.neurite.train.TrainingDivergedException}.
 * {@link dev.neurite.train.ParameterSnapshot} copies a model's weights and writes them back.
 */
package dev.neurite.train;
