/**
 * Data for training: readers of IDX (MNIST, {@link dev.neurite.data.FashionMnist}) and CSV files
 * into an immutable in-memory {@link dev.neurite.data.Dataset}; preprocessing fitted on training
 * data only ({@code dev.neurite.data.preprocess}: scalers, imputer, one-hot); and splits
 * ({@code dev.neurite.data.split}: hold-out, k-fold, stratified k-fold, time series,
 * cross-validation).
 *
 * <p>Malformed files fail with a one-line {@link dev.neurite.data.MalformedDataException} that
 * names the file and the place (byte offset, or line and column).
 */
package dev.neurite.data;
