package dev.ecg.spark;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.wfdb.WfdbHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Lists the records under the read's paths, on the driver, and plans one part per row. */
final class RecordListing {
  /** Largest header read while listing; a bigger ".hea" is reported as an error row. */
  static final long MAX_HEADER_BYTES = 4L << 20;

  private RecordListing() {}

  static List<RecordPart> plan(ReadOptions o) {
    Configuration conf = SparkSession.getActiveSession().isDefined()
        ? SparkSession.active().sparkContext().hadoopConfiguration() : new Configuration();
    TreeMap<String, FileStatus> files = new TreeMap<>();
    for (String p : o.paths()) {
      Path root = new Path(p);
      try {
        FileSystem fs = root.getFileSystem(conf);
        if (!fs.exists(root)) {
          throw new EcgArgumentException("ecg source: no such path " + p);
        }
        FileStatus st = fs.getFileStatus(root);
        if (st.isFile()) {
          files.put(st.getPath().toString(), st);
          if (st.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".mat")) {
            // a .mat given alone may still have its header beside it
            Path hea = new Path(st.getPath().getParent(), stem(st.getPath().getName()) + ".hea");
            if (fs.exists(hea)) {
              files.put(hea.toString(), fs.getFileStatus(hea));
            }
          }
        } else if ("file".equals(fs.getUri().getScheme())) {
          // local folders through java.nio: Hadoop's local listing forks a process per file to
          // read its permissions
          java.nio.file.Path local = java.nio.file.Path.of(st.getPath().toUri());
          try (var walk = java.nio.file.Files.walk(local, o.recursive() ? Integer.MAX_VALUE
              : 1)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) walk::iterator) {
              if (java.nio.file.Files.isRegularFile(f)) {
                Path hp = new Path(f.toUri());
                files.put(hp.toString(), new FileStatus(java.nio.file.Files.size(f), false, 1,
                    0, 0, hp));
              }
            }
          }
        } else {
          listInto(fs, st.getPath(), o.recursive(), files);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("ecg source: cannot list " + p, e);
      }
    }
    Set<String> all = files.keySet();
    java.util.Map<String, Long> sizes = new java.util.HashMap<>(); // folder/stem -> bytes
    for (FileStatus f : files.values()) {
      String key = f.getPath().getParent() + "/" + stem(f.getPath().getName());
      sizes.merge(key, f.getLen(), Long::sum);
    }
    Set<String> segments = new HashSet<>();
    List<RecordPart> out = new ArrayList<>();
    List<String[]> headers = new ArrayList<>(); // uri, name, error-or-null
    TreeMap<String, WfdbHeader> parsed = new TreeMap<>();
    for (FileStatus f : files.values()) {
      String name = f.getPath().getName();
      if (!name.toLowerCase(Locale.ROOT).endsWith(".hea")) {
        continue;
      }
      String uri = f.getPath().toString();
      try {
        if (f.getLen() > MAX_HEADER_BYTES) {
          throw new EcgArgumentException("header of " + f.getLen() + " bytes (limit "
              + MAX_HEADER_BYTES + ")");
        }
        WfdbHeader h = WfdbHeader.parse(readText(f.getPath(), conf), java.nio.file.Path.of(name));
        parsed.put(uri, h);
        if (h.isMultiSegment()) {
          String dir = f.getPath().getParent().toString();
          for (WfdbHeader.Segment s : h.segments()) {
            if (!s.isNull()) {
              segments.add(dir + "/" + s.name() + ".hea");
            }
          }
        }
        headers.add(new String[] {uri, stem(name), null});
      } catch (Exception e) {
        headers.add(new String[] {uri, stem(name), RecordReading.describe(e)});
      }
    }
    for (String[] h : headers) {
      if (segments.contains(h[0])) {
        continue; // read through its multi-segment record
      }
      if (h[2] != null) {
        out.add(new RecordPart(h[1], h[0], "wfdb", -1, -1, h[2], 0));
        continue;
      }
      WfdbHeader hd = parsed.get(h[0]);
      long bytes = sizes.getOrDefault(h[0].substring(0, h[0].length() - 4), 0L);
      long n = hd.sampleCount();
      long len = o.windowSeconds() > 0 ? Math.round(o.windowSeconds() * hd.fs()) : 0;
      if (len > 0 && !hd.isMultiSegment() && n > len) {
        for (long from = 0; from < n; from += len) {
          long to = Math.min(n, from + len);
          out.add(new RecordPart(h[1], h[0], "wfdb", from, to, null,
              Math.round(bytes * (double) (to - from) / n)));
        }
      } else {
        out.add(new RecordPart(h[1], h[0], "wfdb", -1, -1, null, bytes));
      }
    }
    for (FileStatus f : files.values()) {
      String name = f.getPath().getName();
      String lower = name.toLowerCase(Locale.ROOT);
      String uri = f.getPath().toString();
      String format = null;
      if (lower.endsWith(".edf")) {
        format = "edf";
      } else if (lower.endsWith(".mat")) {
        String hea = uri.substring(0, uri.length() - 4) + ".hea";
        format = all.contains(hea) ? null : "mat"; // else read through its WFDB header
      } else if (lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt")) {
        format = "csv";
      }
      if (format != null) {
        out.add(new RecordPart(stem(name), uri, format, -1, -1, null, f.getLen()));
      }
    }
    out.sort((a, b) -> a.uri().equals(b.uri()) ? Long.compare(a.from(), b.from())
        : a.uri().compareTo(b.uri()));
    return out;
  }

  /**
   * Packs parts into tasks as Spark's file sources do: a part costs its bytes plus an opening
   * cost, and a task holds up to {@code min(maxBytes, max(openCost, total / parallelism))}, so
   * thousands of short recordings do not become thousands of tiny tasks, and a small archive
   * still spreads over every core.
   */
  static List<RecordGroup> pack(List<RecordPart> parts, long maxBytes, long openCost,
      int parallelism) {
    long total = 0;
    for (RecordPart p : parts) {
      total += p.bytes() + openCost;
    }
    long target = Math.min(maxBytes, Math.max(openCost, total / Math.max(1, parallelism)));
    List<RecordGroup> out = new ArrayList<>();
    List<RecordPart> cur = new ArrayList<>();
    long size = 0;
    for (RecordPart p : parts) {
      long cost = p.bytes() + openCost;
      if (!cur.isEmpty() && size + cost > target) {
        out.add(new RecordGroup(List.copyOf(cur)));
        cur.clear();
        size = 0;
      }
      cur.add(p);
      size += cost;
    }
    if (!cur.isEmpty()) {
      out.add(new RecordGroup(List.copyOf(cur)));
    }
    return out;
  }

  private static void listInto(FileSystem fs, Path dir, boolean recursive,
      TreeMap<String, FileStatus> files) throws IOException {
    for (FileStatus f : fs.listStatus(dir)) {
      if (f.isFile()) {
        files.put(f.getPath().toString(), f);
      } else if (recursive && f.isDirectory()) {
        listInto(fs, f.getPath(), true, files);
      }
    }
  }

  static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot <= 0 ? fileName : fileName.substring(0, dot);
  }

  private static String readText(Path p, Configuration conf) throws IOException {
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return new String(in.readNBytes((int) MAX_HEADER_BYTES), StandardCharsets.ISO_8859_1);
    }
  }
}
