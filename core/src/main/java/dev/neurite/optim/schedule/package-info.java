/**
 * Learning-rate schedules, applied between epochs: {@link dev.neurite.optim.schedule.StepLR},
 * {@link dev.neurite.optim.schedule.ExponentialLR}, {@link dev.neurite.optim.schedule.CosineAnnealingLR}
 * and {@link dev.neurite.optim.schedule.ReduceLROnPlateau}, each following the
 * {@code torch.optim.lr_scheduler} class of the same name. All extend
 * {@link dev.neurite.optim.schedule.LRScheduler}, whose {@code step} the trainer calls once after
 * every epoch with the number of epochs done and the monitored loss (see
 * {@link dev.neurite.train.LRSchedulerCallback}).
 */
package dev.neurite.optim.schedule;
