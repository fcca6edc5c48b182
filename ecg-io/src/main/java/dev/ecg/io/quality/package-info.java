/**
 * Signal quality of one ECG lead, so that a classifier can abstain on recordings it should not
 * judge: NeuroKit2's quality indices ({@link dev.ecg.io.quality.AverageQrsQuality},
 * {@link dev.ecg.io.quality.Zhao2018Quality}), detection of flat lines, clipping, lead-off and
 * missing samples ({@link dev.ecg.io.quality.SignalDefects}), and a verdict combining them
 * ({@link dev.ecg.io.quality.SignalQuality}). Pure Java; see docs/quality-and-peaks.md.
 */
package dev.ecg.io.quality;
