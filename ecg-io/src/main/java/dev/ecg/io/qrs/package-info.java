/**
 * QRS detection and its evaluation: the {@link dev.ecg.io.qrs.QrsDetector} interface, the
 * {@link dev.ecg.io.qrs.PanTompkins} detector (Pan and Tompkins 1985) and the beat-by-beat
 * {@link dev.ecg.io.qrs.Ec57Scorer} (ANSI/AAMI EC57).
 */
package dev.ecg.io.qrs;
