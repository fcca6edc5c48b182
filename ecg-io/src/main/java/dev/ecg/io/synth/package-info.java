/**
 * Synthetic ECG: {@link dev.ecg.io.synth.EcgSyn}, the dynamical model of McSharry et al. (2003)
 * with atrial fibrillation, premature ventricular beats and noise at a target SNR, returning a
 * labelled {@link dev.ecg.io.synth.SyntheticEcg}.
 */
package dev.ecg.io.synth;
