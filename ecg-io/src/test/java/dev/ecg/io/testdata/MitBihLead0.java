package dev.ecg.io.testdata;

import dev.ecg.core.DataDir;
import dev.ecg.io.Record;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.io.wfdb.WfdbRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test helper: lead 0 of the 48 MIT-BIH records with their reference annotations, read once per
 * test JVM through {@link Wfdb}. Returns empty when the data folder is absent.
 */
public final class MitBihLead0 {
  private static List<Record> cache;

  private MitBihLead0() {}

  /** @return the 48 records (lead 0 only, with annotations), or empty without data */
  public static synchronized Optional<List<Record>> load() {
    Optional<Path> dir = DataDir.find("mitdb");
    if (dir.isEmpty()) {
      return Optional.empty();
    }
    if (cache == null) {
      try {
        List<String> names = List.of(Files.readString(dir.get().resolve("RECORDS")).trim()
            .split("\\s+"));
        List<Record> out = new ArrayList<>();
        for (String name : names) {
          Path base = dir.get().resolve(name);
          WfdbRecord w = Wfdb.readRecord(base);
          double[] lead0 = w.physical()[0];
          out.add(new Record(name, w.fs(), List.of(w.signalNames().get(0)),
              List.of(w.signals().get(0).units()), new double[][] {lead0},
              Wfdb.readAnnotation(base, "atr")));
        }
        cache = List.copyOf(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.of(cache);
  }
}
