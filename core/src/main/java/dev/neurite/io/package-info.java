/**
 * Saving and loading: {@link dev.neurite.io.ModelIO} writes a {@link dev.neurite.nn.Sequential}
 * as a JSON manifest and a safetensors weights file (returned on load as a
 * {@link dev.neurite.io.LoadedModel} with its {@link dev.neurite.io.Metadata}), and
 * {@link dev.neurite.io.Checkpoint} adds the optimizer's settings and state, the epoch and the
 * training random state, so a resumed run continues bit for bit
 * ({@link dev.neurite.io.LoadedCheckpoint}). Every save replaces the folder's content in one atomic
 * rename of the manifest, so a crash leaves the old files or the new ones, never a mix. Loads check
 * hashes and sizes before allocating, and fail with a {@link dev.neurite.io.ModelFileException}
 * naming the file and the problem.
 */
package dev.neurite.io;
