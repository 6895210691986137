/**
 * Preprocessing fitted on training data only and then applied unchanged to any data, so that
 * validation and test rows never influence the training features:
 * {@link dev.neurite.data.preprocess.StandardScaler} and
 * {@link dev.neurite.data.preprocess.MinMaxScaler} (per-column {@link dev.neurite.data.preprocess.Scaler}s)
 * and {@link dev.neurite.data.preprocess.SimpleImputer} (fills NaN with the column mean or a
 * constant). Their fitted statistics are exported as named {@code double[]}s and restored from
 * them, which is how model files save the preprocessing with the model.
 * {@link dev.neurite.data.preprocess.OneHot} encodes class indices as one-hot rows.
 */
package dev.neurite.data.preprocess;
