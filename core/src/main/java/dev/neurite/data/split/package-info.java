/**
 * Splits of a data set's row indices: seeded hold-out splits into training, validation and test
 * rows ({@link dev.neurite.data.split.HoldOut}, plain or stratified, from
 * {@link dev.neurite.data.split.Splits}), and cross-validation
 * {@link dev.neurite.data.split.Fold}s from a {@link dev.neurite.data.split.FoldSplitter}:
 * {@link dev.neurite.data.split.KFold}, {@link dev.neurite.data.split.StratifiedKFold} (each class
 * in its overall proportion) or {@link dev.neurite.data.split.TimeSeriesSplit} (expanding windows,
 * never training on later rows). {@link dev.neurite.data.split.CrossValidation} runs a
 * {@link dev.neurite.data.split.FoldEvaluator} on every fold and reports each metric's mean and
 * sample standard deviation in a {@link dev.neurite.data.split.CrossValidationResult}.
 */
package dev.neurite.data.split;
