/**
 * QRS detection and its evaluation: the {@link dev.ecg.io.qrs.QrsDetector} interface, the
 * {@link dev.ecg.io.qrs.PanTompkins} detector (Pan and Tompkins 1985), Elgendi's
 * {@link dev.ecg.io.qrs.TwoAverageDetector} (2013), the {@link dev.ecg.io.qrs.VfAwareDetector}
 * (a detector plus a ventricular flutter/fibrillation rule after Kuo and Dillman 1978; the most
 * accurate on MIT-BIH, see {@code docs/qrs-detection.md}) and the beat-by-beat
 * {@link dev.ecg.io.qrs.Ec57Scorer} (ANSI/AAMI EC57).
 */
package dev.ecg.io.qrs;
