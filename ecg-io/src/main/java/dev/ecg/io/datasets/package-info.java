/**
 * Loaders for the reference ECG databases (MIT-BIH Arrhythmia, PhysioNet/CinC 2017, PTB-XL) in
 * their original on-disk layout. Each loader takes the database folder and fails with an
 * {@link dev.ecg.io.EcgFormatException} naming the missing file.
 */
package dev.ecg.io.datasets;
