package dev.ecg.spark;

import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code ecg} data source: {@code spark.read().format("ecg").load(folder)} lists the ECG
 * recordings under a folder (any Hadoop file system: local, HDFS, S3 through s3a...) and reads
 * one row per record, or per time range of a long record.
 *
 * <h2>What is a record</h2>
 * <ul>
 *   <li>a WFDB header {@code NAME.hea} with the files it names ({@code .dat}, {@code .mat},
 *       FLAC...) and its annotations {@code NAME.atr} when present; the segments of a
 *       multi-segment record are read through their master header only;
 *   <li>an EDF file {@code .edf};
 *   <li>a bare MATLAB file {@code .mat} without a header (needs option {@code fs});
 *   <li>a CSV file {@code .csv}, {@code .tsv}, {@code .txt} (option {@code fs} when it has no
 *       time column).
 * </ul>
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>{@code windowSeconds} [0: whole records]: split single-segment WFDB records into rows of
 *       this many seconds, each read with a partial read of its bytes only (one Spark task
 *       each), so an hours-long Holter recording spreads over the cluster;
 *   <li>{@code annotator} [{@code atr}]: the WFDB annotation file to attach, {@code none} for
 *       none;
 *   <li>{@code fs}: sampling rate for inputs that carry none (bare MAT, CSV without time);
 *   <li>{@code gain} [1000]: ADC units per mV of a bare MAT file;
 *   <li>{@code recursive} [true]: descend into sub-folders;
 *   <li>{@code maxPartitionBytes} [128 MB]: most bytes of files per task. Short recordings are
 *       packed together, as Spark packs small files: a record costs its bytes plus 4 MB, and a
 *       task takes up to {@code min(maxPartitionBytes, max(4 MB, total / parallelism))}.
 * </ul>
 *
 * <p>Rows follow {@link EcgRows#RECORDS}. A file that cannot be read (malformed, truncated,
 * hostile) becomes a row whose {@code error} column names the file and the problem; the job
 * goes on. Reading uses the SDK's hardened readers, so each bad file fails in bounded time and
 * memory.
 */
public final class EcgDataSource implements TableProvider, DataSourceRegister {

  /** Creates the source (Spark does, through its service registry). */
  public EcgDataSource() {}

  @Override
  public String shortName() {
    return "ecg";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return EcgRows.RECORDS;
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning,
      Map<String, String> properties) {
    return new EcgTable(new CaseInsensitiveStringMap(properties));
  }

  /** The table of one load. */
  static final class EcgTable implements SupportsRead {
    private final CaseInsensitiveStringMap options;

    EcgTable(CaseInsensitiveStringMap options) {
      this.options = options;
    }

    @Override
    public String name() {
      return "ecg:" + options.getOrDefault("path", "?");
    }

    @Override
    public StructType schema() {
      return EcgRows.RECORDS;
    }

    @Override
    public Set<TableCapability> capabilities() {
      return Set.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
      java.util.HashMap<String, String> all = new java.util.HashMap<>(options);
      all.putAll(scanOptions);
      CaseInsensitiveStringMap merged = new CaseInsensitiveStringMap(all);
      return () -> new EcgScan(merged);
    }
  }

  /** What opening a record costs when packing tasks, in bytes of reading (as Spark's 4 MB). */
  static final long OPEN_COST = 4L << 20;

  /** Lists the records on the driver; packs records or time ranges into tasks. */
  static final class EcgScan implements Scan, Batch {
    private final ReadOptions options;

    EcgScan(CaseInsensitiveStringMap o) {
      this.options = ReadOptions.of(o);
    }

    @Override
    public StructType readSchema() {
      return EcgRows.RECORDS;
    }

    @Override
    public String description() {
      return "ECG records under " + options.paths();
    }

    @Override
    public Batch toBatch() {
      return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
      if (planned == null) {
        planned = plan();
      }
      return planned.clone();
    }

    private InputPartition[] planned; // Spark asks more than once per query

    private InputPartition[] plan() {
      int parallelism = SparkSession.getActiveSession().isDefined()
          ? SparkSession.active().sparkContext().defaultParallelism() : 1;
      return RecordListing.pack(RecordListing.plan(options), options.maxPartitionBytes(),
          OPEN_COST, parallelism).toArray(InputPartition[]::new);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
      return new ReaderFactory(options);
    }
  }

  /** Reads the one row of a partition. */
  static final class ReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;
    private final ReadOptions options;

    ReaderFactory(ReadOptions options) {
      this.options = options;
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      java.util.Iterator<RecordPart> parts = ((RecordGroup) partition).parts().iterator();
      return new PartitionReader<>() {
        private InternalRow row;

        @Override
        public boolean next() {
          if (!parts.hasNext()) {
            return false;
          }
          row = RecordReading.read(parts.next(), options);
          return true;
        }

        @Override
        public InternalRow get() {
          return row;
        }

        @Override
        public void close() {}
      };
    }
  }
}
