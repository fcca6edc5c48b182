package dev.ecg.io.quality;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.io.Record;
import dev.ecg.io.datasets.Cinc2017;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Report, not a check: how often {@link SignalQuality} calls whole CinC 2017 recordings
 * unreadable or not usable, per reference class (every {@code ~} recording, the first 300 of
 * each other class). Run with {@code -Decg.report.cincquality=true}; the figures are in
 * docs/quality-and-peaks.md.
 */
@EnabledIfSystemProperty(named = "ecg.report.cincquality", matches = "true")
class CincQualityReportTest {

  @Test
  void report() throws Exception {
    Optional<Path> dir = DataDir.find("cinc2017");
    Assumptions.assumeTrue(dir.isPresent(), DataDir.missingMessage("cinc2017"));
    Cinc2017 db = new Cinc2017(dir.get().resolve("training"));
    Map<String, int[]> counts = new TreeMap<>();
    for (String id : db.records()) {
      String label = db.label(id).code();
      int[] c = counts.computeIfAbsent(label, k -> new int[3]);
      if (!label.equals("~") && c[0] >= 300) {
        continue;
      }
      Record r = db.load(id);
      SignalQuality.Assessment q = SignalQuality.assess(r.channel(0), r.fs());
      c[0]++;
      c[1] += q.readable() ? 0 : 1;
      c[2] += q.usable() ? 0 : 1;
    }
    counts.forEach((k, v) -> System.out.printf("%s: %d recordings, unreadable %d, not usable "
        + "(strict) %d%n", k, v[0], v[1], v[2]));
    assertTrue(counts.values().stream().mapToInt(v -> v[0]).sum() > 0);
  }
}
