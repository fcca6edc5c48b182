package dev.ecg.spark;

import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One row to read: a record, or frames {@code [from, to)} of one.
 *
 * @param name the record's name
 * @param uri its main file (the WFDB header, the EDF, MAT or CSV file)
 * @param format wfdb, edf, mat or csv
 * @param from first frame, or -1 for the whole record
 * @param to end frame (exclusive), or -1 for the whole record
 * @param error a problem found while listing (an unreadable header), or null
 */
record RecordPart(String name, String uri, String format, long from, long to, String error)
    implements InputPartition {
  private static final long serialVersionUID = 1L;
}
