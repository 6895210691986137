/**
 * Training and inference with the model in OpenCL device memory:
 * {@link dev.neurite.device.OpenClNetwork} mirrors a {@link dev.neurite.nn.Sequential} on a device
 * (weights, gradients, optimizer state, activations and the training data), runs each step's
 * forward, loss, backward and optimizer update there and reads back only a
 * {@link dev.neurite.device.StepResult}. It supports dense layers, the element-wise activations,
 * softmax cross-entropy and MSE losses, and SGD, Adam, AdamW and RMSProp, and rejects anything else
 * by name when it is built. {@link dev.neurite.train.Trainer} uses it when given a device.
 */
package dev.neurite.device;
