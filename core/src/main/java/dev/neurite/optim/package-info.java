/**
 * Optimizers that update a model's {@link dev.neurite.nn.Parameter}s from their accumulated
 * gradients, each matching its {@code torch.optim} counterpart: {@link dev.neurite.optim.SGD}
 * (momentum, dampening, Nesterov), {@link dev.neurite.optim.Adam}, {@link dev.neurite.optim.AdamW}
 * and {@link dev.neurite.optim.RMSProp}, all built on {@link dev.neurite.optim.Optimizer}.
 * Every optimizer also takes an L1 penalty, keeps its per-parameter state in named off-heap slots
 * that checkpoints save and restore, and frees that state on {@code close()}.
 * {@link dev.neurite.optim.GradientClipping} clips gradients by global norm or by value between
 * backward and {@code step()}; learning-rate schedules are in {@code dev.neurite.optim.schedule}.
 */
package dev.neurite.optim;
