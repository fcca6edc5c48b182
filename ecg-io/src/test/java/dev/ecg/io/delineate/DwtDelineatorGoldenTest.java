package dev.ecg.io.delineate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.json.JsonReader;
import dev.ecg.io.dsp.EcgCleaner;
import dev.ecg.io.wfdb.Wfdb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link DwtDelineator} against NeuroKit2's {@code ecg_delineate(method="dwt")} output in the
 * NeuroKit2 goldens ({@code delineate.json}): MIT-BIH record 100, lead 0, first 60 s, cleaned as
 * {@code nk.ecg_clean(method="neurokit")}, with NeuroKit2's own 73 R peaks. Every point must be
 * within ±1 sample (the goldens README's tolerance) and absent exactly where NeuroKit2 gave NaN;
 * the number of exact points is printed. Skips when the data or the goldens are absent.
 */
class DwtDelineatorGoldenTest {
  private static final int N = 21600;
  private static final double FS = 360;

  @Test
  @SuppressWarnings("unchecked")
  void matchesNeuroKit2OnRecord100() throws IOException {
    Optional<Path> goldens = DataDir.goldens("neurokit2");
    Assumptions.assumeTrue(goldens.isPresent() && Files.isRegularFile(
        goldens.get().resolve("delineate.json")), "NeuroKit2 goldens (delineate.json) not found "
        + "beside the data folder; set -D" + DataDir.GOLDENS_PROPERTY + "=<dir>");
    Optional<Path> mitdb = DataDir.find("mitdb");
    Assumptions.assumeTrue(mitdb.isPresent(), DataDir.missingMessage("mitdb"));

    Map<String, Object> root = (Map<String, Object>) JsonReader.parse(Files.readString(
        goldens.get().resolve("delineate.json"), StandardCharsets.UTF_8));
    Map<String, Object> rec = (Map<String, Object>) ((Map<String, Object>) root.get("records"))
        .get("100");
    int[] rPeaks = ((List<Object>) ((Map<String, Object>) rec.get("input")).get("rpeaks"))
        .stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    Map<String, Object> waves = (Map<String, Object>) rec.get("waves");
    assertEquals(73, rPeaks.length);

    // mV = (adc - 1024) / 200, as wfdb-python's p_signal
    double[] lead0 = Arrays.copyOf(Wfdb.readRecord(mitdb.get().resolve("100")).physical()[0], N);
    double[] cleaned = EcgCleaner.clean(lead0, FS, EcgCleaner.Preset.NEUROKIT_EXACT);
    Delineation d = DwtDelineator.delineate(cleaned, rPeaks, FS);

    int total = 0;
    int exact = 0;
    StringBuilder report = new StringBuilder();
    StringBuilder misses = new StringBuilder();
    for (Wave w : Wave.values()) {
      List<Object> want = (List<Object>) waves.get(w.neurokitName());
      int[] got = d.points(w);
      assertEquals(rPeaks.length, want.size(), w.neurokitName() + " aligned with the R peaks");
      int waveExact = 0;
      for (int i = 0; i < got.length; i++) {
        total++;
        Object g = want.get(i);
        if (g == null) {
          if (got[i] == Delineation.ABSENT) {
            waveExact++;
          } else {
            misses.append(String.format("%n  %s beat %d: %d, NeuroKit2 NaN", w, i, got[i]));
          }
          continue;
        }
        int v = ((Number) g).intValue();
        if (got[i] == v) {
          waveExact++;
        } else if (got[i] == Delineation.ABSENT || Math.abs(got[i] - v) > 1) {
          misses.append(String.format("%n  %s beat %d: %d, NeuroKit2 %d", w, i, got[i], v));
        }
      }
      exact += waveExact;
      report.append(String.format(" %s %d/%d", w, waveExact, got.length));
    }
    System.out.printf("DwtDelineatorGoldenTest: %d of %d points exact;%s%n", exact, total, report);
    assertTrue(misses.length() == 0, "points beyond ±1 sample of NeuroKit2:" + misses);
  }
}
