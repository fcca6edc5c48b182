/**
 * The typed signal pipeline: {@link dev.ecg.io.pipeline.Step} values (resampling, filtering,
 * normalisation, beat and rhythm windows, RR features) checked when built, run in order by a
 * {@link dev.ecg.io.pipeline.Pipeline} on a {@link dev.ecg.io.Record} to give
 * {@link dev.ecg.io.pipeline.SignalWindows}. Training code and {@code EcgClassifier} share it, and
 * it needs no deep-learning engine.
 */
package dev.ecg.io.pipeline;
