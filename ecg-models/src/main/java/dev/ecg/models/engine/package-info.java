/**
 * Inference runtimes behind {@code EcgClassifier}: ONNX Runtime
 * ({@link dev.ecg.models.engine.OrtEngine}) and PyTorch through DJL
 * ({@link dev.ecg.models.engine.PtEngine}), both safe to call from many threads.
 */
package dev.ecg.models.engine;
