package dev.ecg.spark;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/** The schemas of the rows this module reads and writes, and their conversions. */
public final class EcgRows {
  private EcgRows() {}

  /** One annotation: {@code sample} indexes the row's own signals. */
  public static final StructType ANNOTATION = new StructType()
      .add("sample", DataTypes.LongType, false)
      .add("symbol", DataTypes.StringType, false)
      .add("subtype", DataTypes.IntegerType, false)
      .add("chan", DataTypes.IntegerType, false)
      .add("num", DataTypes.IntegerType, false)
      .add("aux", DataTypes.StringType, true);

  /**
   * Rows of the {@code ecg} source: {@code record} (name), {@code path} (main file),
   * {@code format} (wfdb, edf, mat, csv), {@code leads}, {@code units}, {@code fs} (Hz),
   * {@code start_sample} and {@code start_seconds} (where the row starts in its record),
   * {@code samples} (samples per lead in the row), {@code record_samples} (in the whole record),
   * {@code base_time} (the header's date and time, when given), {@code signals} (physical
   * values, one array per lead, NaN where invalid), {@code annotations} and {@code error} (null,
   * or why the file could not be read; then the other data columns are null).
   */
  public static final StructType RECORDS = new StructType()
      .add("record", DataTypes.StringType, false)
      .add("path", DataTypes.StringType, false)
      .add("format", DataTypes.StringType, false)
      .add("leads", DataTypes.createArrayType(DataTypes.StringType, false), true)
      .add("units", DataTypes.createArrayType(DataTypes.StringType, false), true)
      .add("fs", DataTypes.DoubleType, true)
      .add("start_sample", DataTypes.LongType, false)
      .add("start_seconds", DataTypes.DoubleType, true)
      .add("samples", DataTypes.LongType, true)
      .add("record_samples", DataTypes.LongType, true)
      .add("base_time", DataTypes.StringType, true)
      .add("signals", DataTypes.createArrayType(DataTypes.createArrayType(
          DataTypes.DoubleType, false), false), true)
      .add("annotations", DataTypes.createArrayType(ANNOTATION, false), true)
      .add("error", DataTypes.StringType, true);

  static InternalRow recordRow(RecordPart part, Record r, long from, long recordSamples,
      String baseTime) {
    Object[] leads = new Object[r.channelCount()];
    Object[] units = new Object[r.channelCount()];
    Object[] signals = new Object[r.channelCount()];
    for (int c = 0; c < leads.length; c++) {
      leads[c] = UTF8String.fromString(r.channelNames().get(c));
      units[c] = UTF8String.fromString(r.units().get(c));
      // unboxed: GenericArrayData would box every sample
      signals[c] = org.apache.spark.sql.catalyst.expressions.UnsafeArrayData.fromPrimitiveArray(
          r.channel(c));
    }
    Object[] ann = new Object[r.annotations().size()];
    for (int k = 0; k < ann.length; k++) {
      Annotation a = r.annotations().get(k);
      ann[k] = new GenericInternalRow(new Object[] {a.sample(), UTF8String.fromString(
          a.symbol()), a.subtype(), a.chan(), a.num(), a.aux() == null ? null
              : UTF8String.fromString(a.aux())});
    }
    return new GenericInternalRow(new Object[] {UTF8String.fromString(part.name()),
        UTF8String.fromString(part.uri()), UTF8String.fromString(part.format()),
        new GenericArrayData(leads), new GenericArrayData(units), r.fs(), from, from / r.fs(),
        (long) r.length(), recordSamples, baseTime == null ? null
            : UTF8String.fromString(baseTime), new GenericArrayData(signals),
        new GenericArrayData(ann), null});
  }

  static InternalRow errorRow(RecordPart part, String error) {
    return new GenericInternalRow(new Object[] {UTF8String.fromString(part.name()),
        UTF8String.fromString(part.uri()), UTF8String.fromString(part.format()), null, null,
        null, Math.max(0, part.from()), null, null, null, null, null, null,
        UTF8String.fromString(error)});
  }

  /**
   * The record a row of {@link #RECORDS} holds, as the SDK's readers gave it.
   *
   * @param row a row of the {@code ecg} source (without error)
   * @return the record; its name is {@code record}, or {@code record@start_sample} for a time
   *     range of a longer record
   * @throws EcgArgumentException if the row carries an error or lacks signals
   */
  public static Record toRecord(Row row) {
    String error = row.getAs("error");
    String name = row.getAs("record");
    if (error != null) {
      throw new EcgArgumentException("record " + name + " could not be read: " + error);
    }
    long start = row.<Long>getAs("start_sample");
    List<String> leads = row.getList(row.fieldIndex("leads"));
    List<String> units = row.getList(row.fieldIndex("units"));
    List<Object> sig = row.getList(row.fieldIndex("signals"));
    double[][] signals = new double[sig.size()][];
    for (int c = 0; c < signals.length; c++) {
      signals[c] = doubles(sig.get(c));
    }
    List<Annotation> ann = new ArrayList<>();
    if (!row.isNullAt(row.fieldIndex("annotations"))) {
      for (Row a : row.<Row>getList(row.fieldIndex("annotations"))) {
        ann.add(new Annotation(a.getLong(0), a.getString(1), a.getInt(2), a.getInt(3),
            a.getInt(4), a.isNullAt(5) ? null : a.getString(5)));
      }
    }
    return new Record(start > 0 ? name + "@" + start : name, row.<Double>getAs("fs"), leads,
        units, signals, ann);
  }

  /** Column positions of {@link #RECORDS} in a dataset's schema, for reading internal rows. */
  record Fields(int record, int start, int error, int fs, int leads, int units, int signals,
      int annotations) implements java.io.Serializable {
    static Fields of(StructType schema) {
      return new Fields(schema.fieldIndex("record"), schema.fieldIndex("start_sample"),
          schema.fieldIndex("error"), schema.fieldIndex("fs"), schema.fieldIndex("leads"),
          schema.fieldIndex("units"), schema.fieldIndex("signals"),
          schema.fieldIndex("annotations"));
    }
  }

  /** The record of an internal row of {@link #RECORDS} (without error), without boxing. */
  static Record toRecord(InternalRow row, Fields f) {
    String name = row.getUTF8String(f.record()).toString();
    long start = row.getLong(f.start());
    org.apache.spark.sql.catalyst.util.ArrayData l = row.getArray(f.leads());
    org.apache.spark.sql.catalyst.util.ArrayData u = row.getArray(f.units());
    org.apache.spark.sql.catalyst.util.ArrayData s = row.getArray(f.signals());
    List<String> leads = new ArrayList<>();
    List<String> units = new ArrayList<>();
    double[][] signals = new double[s.numElements()][];
    for (int c = 0; c < signals.length; c++) {
      leads.add(l.getUTF8String(c).toString());
      units.add(u.getUTF8String(c).toString());
      signals[c] = s.getArray(c).toDoubleArray();
    }
    List<Annotation> ann = new ArrayList<>();
    if (!row.isNullAt(f.annotations())) {
      org.apache.spark.sql.catalyst.util.ArrayData a = row.getArray(f.annotations());
      for (int k = 0; k < a.numElements(); k++) {
        InternalRow x = a.getStruct(k, ANNOTATION.size());
        ann.add(new Annotation(x.getLong(0), x.getUTF8String(1).toString(), x.getInt(2),
            x.getInt(3), x.getInt(4), x.isNullAt(5) ? null : x.getUTF8String(5).toString()));
      }
    }
    return new Record(start > 0 ? name + "@" + start : name, row.getDouble(f.fs()), leads,
        units, signals, ann);
  }

  /** A Spark array value (a Scala sequence, a Java list or an array) as doubles; null is NaN. */
  static double[] doubles(Object v) {
    if (v instanceof double[] d) {
      return d.clone();
    }
    if (v instanceof scala.collection.Seq<?> s) {
      double[] out = new double[s.length()];
      scala.collection.Iterator<?> it = s.iterator();
      for (int i = 0; it.hasNext(); i++) {
        Object o = it.next();
        out[i] = o == null ? Double.NaN : ((Number) o).doubleValue(); // null: a missing sample
      }
      return out;
    }
    if (v instanceof List<?> l) {
      double[] out = new double[l.size()];
      for (int i = 0; i < out.length; i++) {
        Object o = l.get(i);
        out[i] = o == null ? Double.NaN : ((Number) o).doubleValue();
      }
      return out;
    }
    throw new EcgArgumentException("not an array of numbers: " + (v == null ? "null"
        : v.getClass().getName()));
  }
}
