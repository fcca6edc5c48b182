/**
 * Gradient-boosted trees: {@link dev.ecg.models.trees.XgbModel} reads XGBoost's JSON model
 * format and predicts in pure Java (the reference), {@link dev.ecg.models.trees.TreeOnnxExporter}
 * writes the trees as one ONNX-ML {@code TreeEnsembleClassifier}, so a model package runs on ONNX
 * Runtime alone. XGBoost is the trainer only and never a run-time dependency. See
 * {@code docs/trees.md}.
 */
package dev.ecg.models.trees;
