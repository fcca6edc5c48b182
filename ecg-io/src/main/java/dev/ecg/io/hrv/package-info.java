/**
 * Heart rate variability with NeuroKit2's definitions and column names: {@link
 * dev.ecg.io.hrv.Hrv} computes the time-domain, frequency-domain and nonlinear families from
 * R peaks or NN intervals into an {@link dev.ecg.io.hrv.HrvResult}. Checked column by column
 * against NeuroKit2 outputs on MIT-BIH records (see {@code docs/hrv.md}).
 */
package dev.ecg.io.hrv;
