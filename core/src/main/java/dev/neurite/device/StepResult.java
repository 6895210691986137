package dev.neurite.device;

/**
 * What one device training step reports: the mini-batch's mean loss, the rows whose arg-max
 * matched the label ({@code -1} when not classifying) and the batch height.
 */
public record StepResult(double meanLoss, int correct, int rows) {
}
