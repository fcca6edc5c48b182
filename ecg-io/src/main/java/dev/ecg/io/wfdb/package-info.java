/**
 * WFDB (PhysioNet) headers, signal files and MIT annotation files: pure-Java readers and
 * writers with the names wfdb-python users know ({@link dev.ecg.io.wfdb.Wfdb}).
 */
package dev.ecg.io.wfdb;
