/**
 * Evaluation metrics that match scikit-learn: {@link dev.ecg.core.metrics.ConfusionMatrix} with
 * per-class and averaged precision/recall/F1, kappa and balanced accuracy;
 * {@link dev.ecg.core.metrics.RocAuc} and {@link dev.ecg.core.metrics.AveragePrecision};
 * the domain scores {@link dev.ecg.core.metrics.CincScore} (PhysioNet/CinC 2017) and
 * {@link dev.ecg.core.metrics.AamiMetrics} (ANSI/AAMI EC57, de Chazal 2004);
 * {@link dev.ecg.core.metrics.Calibration}, {@link dev.ecg.core.metrics.Bootstrap} confidence
 * intervals, and {@link dev.ecg.core.metrics.ClassificationReport} that renders all of them.
 *
 * <p>Malformed input raises {@link dev.ecg.core.metrics.MetricInputException}; a metric that is
 * mathematically undefined on valid input either falls back to scikit-learn's documented value
 * (recorded as a warning) or raises {@link dev.ecg.core.metrics.UndefinedMetricException}. No
 * method returns NaN.
 */
package dev.ecg.core.metrics;
