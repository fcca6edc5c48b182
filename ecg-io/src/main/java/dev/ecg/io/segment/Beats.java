package dev.ecg.io.segment;

import dev.ecg.core.labels.AamiClass;
import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the segmenters: beat annotations of a record and argument checks. */
final class Beats {
  private Beats() {}

  /** Beat annotations ({@link AamiClass#isBeat}) of a record, in sample order. */
  static List<Annotation> beatAnnotations(Record record) {
    List<Annotation> out = new ArrayList<>();
    for (Annotation a : record.annotations()) {
      if (AamiClass.isBeat(a.symbol())) {
        out.add(a);
      }
    }
    out.sort((p, q) -> Long.compare(p.sample(), q.sample()));
    return out;
  }

  static double[] channel(Record record, int channel) {
    if (channel < 0 || channel >= record.channelCount()) {
      throw new SegmentationException("record " + record.name() + " has " + record.channelCount()
          + " channels, asked for channel " + channel);
    }
    double[] x = record.channel(channel);
    if (x.length == 0) {
      throw new SegmentationException("record " + record.name() + " is empty");
    }
    return x;
  }

  static void checkRate(double fs) {
    if (!(fs > 0) || Double.isInfinite(fs)) {
      throw new SegmentationException("sampling rate must be finite and > 0, got " + fs);
    }
  }

  static int label(String symbol) {
    return AamiClass.fromMitSymbol(symbol).map(Enum::ordinal).orElse(-1);
  }
}
