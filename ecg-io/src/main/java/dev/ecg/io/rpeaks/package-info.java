/**
 * R-peak post-processing: RR and NN interval series from peaks or beat annotations
 * ({@link dev.ecg.io.rpeaks.RrSeries}, as PhysioNet's {@code ann2rr}) and artefact and ectopic
 * beat correction by the method of Lipponen and Tarvainen 2019
 * ({@link dev.ecg.io.rpeaks.ArtifactCorrection}, as NeuroKit2's
 * {@code signal_fixpeaks(method="kubios")}). HRV indices live in {@link dev.ecg.io.hrv}.
 */
package dev.ecg.io.rpeaks;
