package dev.ecg.io.qrs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.io.Record;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.io.testdata.MitBihLead0;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The streaming Pan-Tompkins gives the batch detector's peaks exactly, for any chunking, with a
 * bounded delay and bounded memory.
 */
class PanTompkinsStreamTest {

  /** What a stream emitted: the peaks, and how many samples had been pushed when each came. */
  record Run(long[] peaks, long[] emittedAt, int maxBuffered) {}

  static Run stream(PanTompkins d, double[] x, double fs, Random chunks, int maxChunk) {
    PanTompkinsStream st = d.stream(fs);
    List<Long> peaks = new ArrayList<>();
    List<Long> at = new ArrayList<>();
    int maxBuffered = 0;
    int i = 0;
    while (i < x.length) {
      int c = Math.min(x.length - i, 1 + chunks.nextInt(maxChunk));
      for (long pk : st.push(x, i, c)) {
        peaks.add(pk);
        at.add((long) i + c);
      }
      i += c;
      maxBuffered = Math.max(maxBuffered, st.bufferedValues());
    }
    for (long pk : st.finish()) {
      peaks.add(pk);
      at.add((long) x.length);
    }
    return new Run(peaks.stream().mapToLong(Long::longValue).toArray(),
        at.stream().mapToLong(Long::longValue).toArray(), maxBuffered);
  }

  static long[] batch(PanTompkins d, double[] x, double fs) {
    return Arrays.stream(d.detect(x, fs)).asLongStream().toArray();
  }

  @Test
  void equalsBatchOnSyntheticEcgForAnyChunking() {
    double fs = 360;
    double[] x = EcgSyn.builder().optSamplingRate(fs).optDuration(60).optSeed(11).build()
        .generate().signal();
    PanTompkins d = PanTompkins.create();
    long[] want = batch(d, x, fs);
    assertTrue(want.length > 50, "beats " + want.length);
    for (int maxChunk : new int[] {1, 7, 360, 5000, x.length}) {
      Run r = stream(d, x, fs, new Random(maxChunk), maxChunk);
      assertArrayEquals(want, r.peaks(), "chunks up to " + maxChunk);
    }
  }

  /** Leading, inner and trailing NaN runs are bridged as in batch; no peak inside them. */
  @Test
  void invalidRunsAreBridgedAsInBatch() {
    double fs = 250;
    double[] x = EcgSyn.builder().optSamplingRate(fs).optDuration(40).optSeed(12).build()
        .generate().signal().clone();
    Arrays.fill(x, 0, 100, Double.NaN);
    Arrays.fill(x, 4000, 4700, Double.NaN);
    Arrays.fill(x, x.length - 300, x.length, Double.NaN);
    PanTompkins d = PanTompkins.create();
    long[] want = batch(d, x, fs);
    for (int maxChunk : new int[] {1, 50, 3000}) {
      assertArrayEquals(want, stream(d, x, fs, new Random(3), maxChunk).peaks());
    }
  }

  /** Shorter than the two-second learning phase, and other settings: still the batch answer. */
  @Test
  void shortSignalsAndOtherSettings() {
    double fs = 500;
    double[] x = EcgSyn.builder().optSamplingRate(fs).optDuration(30).optSeed(13).build()
        .generate().signal();
    PanTompkins d = PanTompkins.create();
    for (int n : new int[] {3, 200, 900, 1500}) {
      double[] s = Arrays.copyOf(x, n);
      assertArrayEquals(batch(d, s, fs), stream(d, s, fs, new Random(n), 97).peaks(), "n=" + n);
    }
    PanTompkins other = PanTompkins.builder().optIrregularHalving(false).optThresholdDecay(false)
        .optSearchBackFactor(1.3).optRefractorySeconds(0.25).build();
    assertArrayEquals(batch(other, x, fs), stream(other, x, fs, new Random(5), 400).peaks());
  }

  @Test
  void refusesWhatBatchRefuses() {
    PanTompkinsStream st = PanTompkins.create().stream(360);
    assertThrows(InvalidSignalException.class,
        () -> st.push(new double[] {0, Double.POSITIVE_INFINITY}));
    PanTompkinsStream nan = PanTompkins.create().stream(360);
    nan.push(new double[] {Double.NaN, Double.NaN});
    assertThrows(InvalidSignalException.class, nan::finish);
    assertThrows(InvalidSignalException.class, () -> PanTompkins.create().stream(360).finish());
  }

  /**
   * All 48 MIT-BIH records (lead 0, 30 min each), pushed in seeded random chunks of 1 sample to
   * 10 s: every record's peaks equal the batch detector's, ends included. Also measured: the
   * delay from each R peak to the push that emitted it, and the buffered values.
   */
  @Test
  void equalsBatchOnAll48MitBihRecords() {
    Optional<List<Record>> data = MitBihLead0.load();
    Assumptions.assumeTrue(data.isPresent(), DataDir.missingMessage("mitdb"));
    PanTompkins d = PanTompkins.create();
    Random chunks = new Random(2026);
    List<Long> delays = new ArrayList<>();
    int beats = 0;
    int maxBuffered = 0;
    for (Record r : data.get()) {
      double[] x = r.channel(0);
      long[] want = batch(d, x, r.fs());
      // half the records in chunks of up to 10 s, half in chunks of up to 8 samples (22 ms),
      // whose emission delays measure the detector's own look-ahead
      boolean fine = chunks.nextBoolean();
      Run got = stream(d, x, r.fs(), chunks, fine ? 8 : 3600);
      assertArrayEquals(want, got.peaks(), "record " + r.name());
      beats += want.length;
      maxBuffered = Math.max(maxBuffered, got.maxBuffered());
      for (int k = 0; k < got.peaks().length && fine; k++) {
        if (got.emittedAt()[k] < x.length) {
          delays.add(got.emittedAt()[k] - got.peaks()[k]);
        }
      }
    }
    long[] dl = delays.stream().mapToLong(Long::longValue).sorted().toArray();
    double fs = 360;
    System.out.printf(Locale.ROOT, "PanTompkinsStream on 48 MIT-BIH records: %d peaks equal to "
        + "batch; delay from R peak to emission over %d peaks pushed in chunks of <= 8 samples "
        + "(s): median %.3f, p90 %.3f, p99 %.3f, max %.3f; at most %d values buffered%n", beats,
        dl.length, dl[dl.length / 2] / fs, dl[(int) (dl.length * 0.9)] / fs,
        dl[(int) (dl.length * 0.99)] / fs, dl[dl.length - 1] / fs, maxBuffered);
    assertEquals(48, data.get().size());
    // the look-ahead of a beat found at once is about 0.4 s (class description)
    assertTrue(dl[dl.length / 2] / fs <= 0.5, "median delay " + dl[dl.length / 2] / fs);
    // 30 min at 360 Hz is 648,000 samples per lead: the stream keeps a few seconds' worth
    assertTrue(maxBuffered < 10 * 360 * 10, "buffered " + maxBuffered);
  }

  /** 24 hours of signal: the buffers stay the size of a few seconds. */
  @Test
  void memoryIsConstantInStreamLength() {
    double fs = 250;
    double[] minute = EcgSyn.builder().optSamplingRate(fs).optDuration(60).optSeed(14).build()
        .generate().signal();
    PanTompkinsStream st = PanTompkins.create().stream(fs);
    long peaks = 0;
    int maxBuffered = 0;
    for (int k = 0; k < 24 * 60; k++) {
      peaks += st.push(minute).length;
      maxBuffered = Math.max(maxBuffered, st.bufferedValues());
    }
    peaks += st.finish().length;
    assertTrue(peaks > 24 * 60 * 40, "peaks " + peaks);
    // ten buffers of a few seconds each; one minute of samples alone would be 15,000
    assertTrue(maxBuffered < 10_000, "buffered " + maxBuffered);
  }
}
