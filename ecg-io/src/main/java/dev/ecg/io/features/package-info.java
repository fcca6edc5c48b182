/**
 * Record-level features of a single-lead ECG for rhythm classification:
 * {@link dev.ecg.io.features.RecordFeatures} computes a fixed, named
 * {@link dev.ecg.io.features.FeatureVector} (RR irregularity and atrial-fibrillation evidence,
 * HRV, P-wave presence and intervals, beat-template morphology, spectrum, signal quality). Every
 * feature, its definition and citation are listed in {@code docs/features.md}.
 */
package dev.ecg.io.features;
