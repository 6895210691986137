/**
 * Evaluation metrics, checked against scikit-learn 1.2 on fixed inputs
 * ({@code src/test/resources/metrics/make_reference.py}).
 *
 * <ul>
 *   <li>{@link dev.neurite.metrics.ClassificationMetrics}: accuracy, precision, recall and F1
 *       (per class or {@link dev.neurite.metrics.Average macro, micro, weighted};
 *       {@code zero_division=0}), top-k accuracy, log loss, binary ROC AUC and one-vs-rest macro
 *       ROC AUC, from class indices {@code int[]} and predicted indices or {@code (N, C)} scores.</li>
 *   <li>{@link dev.neurite.metrics.ConfusionMatrix} (rows = true class, columns = predicted) and
 *       {@link dev.neurite.metrics.ClassificationReport} (scikit-learn's text table).</li>
 *   <li>{@link dev.neurite.metrics.RocCurve}: thresholds, false and true positive rates.</li>
 *   <li>{@link dev.neurite.metrics.RegressionMetrics}: MSE, RMSE, MAE, R^2.</li>
 * </ul>
 *
 * <p>The class indices are {@code 0 .. C-1}; {@code C} is given, or taken from the score
 * columns. Invalid input throws {@link java.lang.IllegalArgumentException} naming the argument
 * and the offending lengths, index or value. The metrics compute in {@code double} and are plain
 * Java; they are bookkeeping next to a forward pass, not kernels.
 */
package dev.neurite.metrics;
