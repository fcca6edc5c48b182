/**
 * Pure-Java ECG signal I/O: WFDB, MATLAB v4, EDF and CSV readers and writers; {@link
 * dev.ecg.io.Records#read(java.nio.file.Path)} reads a file of any of them into a {@link
 * dev.ecg.io.Record}.
 */
package dev.ecg.io;
