package dev.ecg.spark;

import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.Records;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.io.wfdb.WfdbRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;

/** Reads one part on an executor with the SDK's hardened readers. */
final class RecordReading {
  private RecordReading() {}

  static InternalRow read(RecordPart part, ReadOptions o) {
    if (part.error() != null) {
      return EcgRows.errorRow(part, part.error());
    }
    java.nio.file.Path tmp = null;
    try {
      Path hp = new Path(part.uri());
      java.nio.file.Path main;
      if ("file".equals(hp.toUri().getScheme())) {
        main = java.nio.file.Path.of(hp.toUri()); // local: no Hadoop file system in the way
      } else {
        FileSystem fs = hp.getFileSystem(conf());
        // an object store: copy the record's files (same stem) to a local folder first
        tmp = Files.createTempDirectory("ecg-spark");
        String stem = RecordListing.stem(hp.getName());
        for (FileStatus f : fs.listStatus(hp.getParent())) {
          if (f.isFile() && f.getPath().getName().startsWith(stem)) {
            fs.copyToLocalFile(f.getPath(), new Path(tmp.resolve(f.getPath().getName())
                .toUri()));
          }
        }
        main = tmp.resolve(hp.getName());
      }
      return readLocal(part, o, main);
    } catch (Exception | StackOverflowError e) {
      return EcgRows.errorRow(part, describe(e));
    } finally {
      if (tmp != null) {
        try (var files = Files.walk(tmp)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
          // a temporary folder the JVM's temp cleaning will take
        }
      }
    }
  }

  private static InternalRow readLocal(RecordPart part, ReadOptions o, java.nio.file.Path main)
      throws IOException {
    if (part.format().equals("wfdb")) {
      String file = main.getFileName().toString();
      java.nio.file.Path base = main.resolveSibling(file.substring(0, file.length() - 4));
      List<Annotation> ann = List.of();
      if (o.annotator() != null && Files.isRegularFile(base.resolveSibling(
          base.getFileName() + "." + o.annotator()))) {
        ann = Wfdb.readAnnotation(base, o.annotator());
      }
      WfdbRecord w;
      long from = 0;
      if (part.from() >= 0) {
        w = Wfdb.readRecord(base, part.from(), part.to());
        from = part.from();
        List<Annotation> in = new ArrayList<>();
        for (Annotation a : ann) {
          if (a.sample() >= part.from() && a.sample() < part.to()) {
            in.add(new Annotation(a.sample() - part.from(), a.symbol(), a.subtype(), a.chan(),
                a.num(), a.aux()));
          }
        }
        ann = in;
      } else {
        w = Wfdb.readRecord(base);
      }
      Record r = w.toRecord(ann);
      String baseTime = w.header().baseTime() == null ? null : (w.header().baseDate() == null
          ? w.header().baseTime() : w.header().baseDate() + " " + w.header().baseTime());
      return EcgRows.recordRow(part, r, from, w.header().sampleCount(), baseTime);
    }
    Records.Options opt = Records.Options.defaults();
    if (!Double.isNaN(o.fs())) {
      opt = opt.fs(o.fs());
    }
    if (!Double.isNaN(o.gain())) {
      opt = opt.gain(o.gain());
    }
    Record r = Records.read(main, opt);
    return EcgRows.recordRow(part, r, 0, r.length(), null);
  }

  private static Configuration conf;

  /** One Hadoop configuration per executor JVM: building one parses XML resources. */
  private static synchronized Configuration conf() {
    if (conf == null) {
      conf = new Configuration();
    }
    return conf;
  }

  /** @return the exception's type and message, as the error column shows it */
  static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
