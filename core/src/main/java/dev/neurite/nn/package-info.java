/**
 * Neural-network models on batches of rows: a {@link dev.neurite.nn.Sequential} stack of
 * {@link dev.neurite.nn.Layer}s, with {@link dev.neurite.nn.Dense}, {@link dev.neurite.nn.Dropout},
 * {@link dev.neurite.nn.BatchNorm}, {@link dev.neurite.nn.LayerNorm},
 * {@link dev.neurite.nn.Softmax} and the point-wise {@link dev.neurite.nn.ActivationLayer}s
 * ({@link dev.neurite.nn.ReLU}, {@link dev.neurite.nn.LeakyReLU}, {@link dev.neurite.nn.Sigmoid},
 * {@link dev.neurite.nn.Tanh}, {@link dev.neurite.nn.Identity}). Trainable tensors are
 * {@link dev.neurite.nn.Parameter}s; everything that depends on a batch lives in a
 * {@link dev.neurite.nn.Workspace} per execution context, so one model trains on one thread and
 * predicts on many at once. {@link dev.neurite.nn.GradientCheck} compares backward with numerical
 * gradients, skipping elements whose finite differences cross a kink ({@link dev.neurite.nn.KinkSides}).
 */
package dev.neurite.nn;
