package dev.ecg.spark;

/**
 * One row to read: a record, or frames {@code [from, to)} of one.
 *
 * @param name the record's name
 * @param uri its main file (the WFDB header, the EDF, MAT or CSV file)
 * @param format wfdb, edf, mat or csv
 * @param from first frame, or -1 for the whole record
 * @param to end frame (exclusive), or -1 for the whole record
 * @param error a problem found while listing (an unreadable header), or null
 * @param bytes the size of its files (its share of them for a time range), for planning
 */
record RecordPart(String name, String uri, String format, long from, long to, String error,
    long bytes) implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
}

/**
 * The records one Spark task reads, in order.
 *
 * @param parts the records or ranges
 */
record RecordGroup(java.util.List<RecordPart> parts)
    implements org.apache.spark.sql.connector.read.InputPartition {
  private static final long serialVersionUID = 1L;
}
