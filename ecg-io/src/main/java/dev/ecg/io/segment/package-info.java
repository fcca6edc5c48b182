/**
 * Beat and rhythm segmentation: fixed windows around R peaks
 * ({@link dev.ecg.io.segment.FixedWindowSegmenter}), the Kachuee et al. (2018) beat layout
 * ({@link dev.ecg.io.segment.KachueeSegmenter}), RR-interval features
 * ({@link dev.ecg.io.segment.RrFeatures}) and fixed-length rhythm windows
 * ({@link dev.ecg.io.segment.RhythmWindows}).
 */
package dev.ecg.io.segment;
