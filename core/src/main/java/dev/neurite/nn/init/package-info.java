/**
 * Weight initializers for layers: {@link dev.neurite.nn.init.Initializer} fills a weight tensor
 * from its fan-in and fan-out, with factories for uniform, normal, Xavier/Glorot, He/Kaiming,
 * constant and zero fills. Random fills draw from the random source the caller passes, in
 * row-major order, so a seed gives the same weights on every kernel backend.
 */
package dev.neurite.nn.init;
