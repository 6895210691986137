/**
 * Loss functions, mean-reduced over a batch and following their PyTorch counterparts:
 * {@link dev.neurite.nn.loss.MSELoss}, {@link dev.neurite.nn.loss.MAELoss},
 * {@link dev.neurite.nn.loss.BCELoss}, {@link dev.neurite.nn.loss.BCEWithLogitsLoss},
 * {@link dev.neurite.nn.loss.SoftmaxCrossEntropyLoss} (class indices or probabilities as targets)
 * and {@link dev.neurite.nn.loss.MultiClassHingeLoss}. Each extends {@link dev.neurite.nn.loss.Loss}:
 * {@code forward} computes the loss, {@code backward} returns the gradient with respect to the
 * prediction in a buffer the loss owns. Invalid targets are reported with the loss, the value and
 * its position.
 */
package dev.neurite.nn.loss;
