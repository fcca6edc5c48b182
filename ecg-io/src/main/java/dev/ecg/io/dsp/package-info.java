/**
 * Pure-Java signal processing for ECG, numerically equivalent to the SciPy functions ECG code
 * usually calls: Butterworth design to second-order sections ({@link dev.ecg.io.dsp.Butterworth},
 * {@link dev.ecg.io.dsp.Sos}), causal and zero-phase filtering ({@link dev.ecg.io.dsp.SosFilter}),
 * mains notch ({@link dev.ecg.io.dsp.Notch}), polyphase resampling
 * ({@link dev.ecg.io.dsp.Resample}), median baseline removal ({@link dev.ecg.io.dsp.Baseline},
 * {@link dev.ecg.io.dsp.RunningMedian}), Pan-Tompkins building blocks, normalisation, STFT and
 * spectrogram, and named cleaning recipes ({@link dev.ecg.io.dsp.EcgCleaner}).
 *
 * <p>Bad arguments raise {@link dev.ecg.core.EcgArgumentException} or one of its subclasses
 * {@link dev.ecg.io.dsp.NanInputException} (non-finite samples, with the first index) and
 * {@link dev.ecg.io.dsp.SignalTooShortException}. See {@code docs/dsp.md} for the mapping to
 * SciPy names.
 */
package dev.ecg.io.dsp;
