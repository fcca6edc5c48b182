/** Pure-Java ECG signal I/O: WFDB, MATLAB v4, EDF and CSV readers and writers. */
package dev.ecg.io;
