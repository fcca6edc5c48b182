package dev.ecg.models;

import dev.ecg.io.features.BeatFeatures;
import dev.ecg.io.features.RecordFeatures;
import dev.ecg.io.pipeline.Shape;
import dev.ecg.io.pipeline.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one input of a model holds, position by position, derived from its preprocessing steps:
 * so that nobody has to learn from a model card that {@code mitbih-aami5}'s 187 values are 88
 * min-max-normalised samples at 125 Hz around the R peak, 95 zeros, and 4 RR ratios at 183-186.
 *
 * <p>Get it from {@link EcgClassifier#inputSpec()}; build inputs with
 * {@link EcgClassifier#inputs(dev.ecg.io.Record)} and its siblings rather than by hand.
 *
 * @param leads leads per input (the layout below repeats for each lead, lead after lead)
 * @param length values per lead
 * @param samplingRate the rate of the signal segments, in Hz
 * @param segments the parts of one lead's values, in order, covering {@code [0, length)}
 * @param steps the preprocessing step names, in order, that make an input from a record
 */
public record InputSpec(int leads, int length, double samplingRate, List<Segment> segments,
    List<String> steps) {

  /**
   * One part of an input.
   *
   * @param name {@code signal}, {@code padding}, {@code rr-features}, {@code interval-features},
   *     {@code beat-features}, {@code record-features}, {@code hrv-features} or
   *     {@code rr-sequence}
   * @param offset first position
   * @param length number of positions
   * @param values the name of each position for feature segments (e.g. {@code pre/avg}), empty
   *     for signal and padding
   * @param description what the values are, in words
   */
  public record Segment(String name, int offset, int length, List<String> values,
      String description) {

    /** Copies the value names. */
    public Segment {
      values = List.copyOf(values);
    }

    /** @return one line, e.g. {@code [183, 187) rr-features: RR ratios ...} */
    @Override
    public String toString() {
      return "[" + offset + ", " + (offset + length) + ") " + name + ": " + description;
    }
  }

  /** Copies the lists. */
  public InputSpec {
    segments = List.copyOf(segments);
    steps = List.copyOf(steps);
  }

  /**
   * @param name a segment name
   * @return the first segment of that name
   * @throws IllegalArgumentException if the input has none
   */
  public Segment segment(String name) {
    return segments.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no segment " + name + " in " + this));
  }

  /** @return a multi-line description */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%d lead(s) x %d values at %s Hz, made by %s", leads,
        length, hz(samplingRate), String.join(" > ", steps)));
    for (Segment s : segments) {
      sb.append("\n  ").append(s);
    }
    return sb.toString();
  }

  private static String hz(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** RR ratios that {@code rr-features} writes, in slot order. */
  static final List<String> RR_VALUES = List.of("pre/avg", "post/avg", "local/avg",
      "pre/local");

  /** Wave intervals that {@code interval-features} writes, in slot order. */
  static final List<String> INTERVAL_VALUES = List.of("PR", "QRS", "QT", "QTc");

  /**
   * Walks the steps with their output shapes.
   *
   * @param steps the model's preprocessing
   * @param leads the model's leads
   * @param length the model's values per lead
   * @return the layout
   */
  static InputSpec of(List<Step> steps, int leads, int length, double modelRate) {
    Shape shape = Shape.anyRecord();
    List<Segment> segs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    String normalised = "";
    for (Step st : steps) {
      Shape in = shape;
      shape = st.outputShape(in);
      names.add(st.name());
      int len = shape.length();
      double fs = shape.fs();
      if (st instanceof Step.QrsWindows q) {
        segs = one("signal", len, String.format(Locale.ROOT, "%d samples at %s Hz, %d before "
            + "the R peak and %d from it (%s peaks)", len, hz(fs), q.before(), q.after(),
            q.detector().name().toLowerCase(Locale.ROOT).replace('_', '-')));
      } else if (st instanceof Step.AnnotationWindows a) {
        segs = one("signal", len, String.format(Locale.ROOT, "%d samples at %s Hz, %d before "
            + "the annotated beat and %d from it", len, hz(fs), a.before(), a.after()));
      } else if (st instanceof Step.KachueeSegment) {
        segs = one("signal", len, String.format(Locale.ROOT, "%d samples at %s Hz from one R "
            + "peak to the next, zero-padded (Kachuee et al. 2018)", len, hz(fs)));
      } else if (st instanceof Step.RhythmCrop || st instanceof Step.RhythmWindows) {
        segs = one("signal", len, String.format(Locale.ROOT, "%d samples at %s Hz (%.1f s) of "
            + "the record", len, hz(fs), len / fs));
      } else if (st instanceof Step.RecordFeatureWindows w) {
        segs = List.of(new Segment("record-features", 0, len, RecordFeatures.names(),
            String.format(Locale.ROOT, "%d features of each %.0f s window (NaN = missing)", len,
                w.seconds())));
      } else if (st instanceof Step.BeatFeatureWindows) {
        segs = List.of(new Segment("beat-features", 0, len, BeatFeatures.names(),
            len + " features of each beat (NaN = missing)"));
      } else if (st instanceof Step.RrSequence r) {
        segs = one("rr-sequence", len, r.length() + " RR intervals in seconds, oldest first");
      } else if (st instanceof Step.CropPad c) {
        segs = cropPad(segs, in.length(), c);
      } else if (st instanceof Step.RrFeatures r) {
        segs = overwrite(segs, new Segment("rr-features", r.offset(), RR_VALUES.size(),
            RR_VALUES, (r.average() == Step.RrFeatures.Average.CAUSAL
                ? "pre, post and local RR (the 10 intervals ending at the beat) over the mean "
                    + "RR before the beat"
                : "pre, post and local RR over the record's mean RR")
                + ", and pre over local, each minus 1 and clipped to [-1, 1] (0 = as usual), x "
                + hz(r.scale())));
      } else if (st instanceof Step.IntervalFeatures f) {
        segs = overwrite(segs, new Segment("interval-features", f.offset(),
            INTERVAL_VALUES.size(), INTERVAL_VALUES, "PR, QRS, QT and QTc (Bazett) in seconds"
                + " x " + hz(f.scale()) + ", 0 where not found"));
      } else if (st instanceof Step.BeatFeatureSlots b) {
        List<String> bn = BeatFeatures.names();
        segs = overwrite(segs, new Segment("beat-features", b.offset(), bn.size(), bn,
            bn.size() + " features of the beat (NaN = missing)"));
      } else if (st instanceof Step.HrvFeatures h) {
        segs = overwrite(segs, new Segment("hrv-features", h.offset(), h.columns().size(),
            h.columns(), "NeuroKit2 HRV columns x " + hz(h.scale())));
      } else if (st instanceof Step.Normalize n) {
        normalised = ", " + n.method().name().toLowerCase(Locale.ROOT).replace('_', '-')
            + " normalised";
        segs = describeSignal(segs, normalised);
      }
    }
    if (segs.isEmpty()) {
      segs = one("signal", length, "the preprocessed record");
    }
    return new InputSpec(leads, length, Double.isNaN(shape.fs()) ? modelRate : shape.fs(), segs,
        names);
  }

  private static List<Segment> one(String name, int len, String description) {
    return List.of(new Segment(name, 0, len, List.of(), description));
  }

  private static List<Segment> describeSignal(List<Segment> segs, String note) {
    List<Segment> out = new ArrayList<>();
    for (Segment s : segs) {
      out.add(s.name().equals("signal") ? new Segment(s.name(), s.offset(), s.length(),
          s.values(), s.description() + note) : s);
    }
    return out;
  }

  private static List<Segment> cropPad(List<Segment> segs, int inLength, Step.CropPad c) {
    int target = c.length();
    int shift = switch (c.align()) {
      case START -> 0;
      case END -> target - inLength;
      case CENTER -> (target - inLength) / 2;
    };
    List<Segment> out = new ArrayList<>();
    if (shift > 0) {
      out.add(new Segment("padding", 0, shift, List.of(), "constant " + c.value()));
    }
    for (Segment s : segs) {
      int from = Math.max(0, s.offset() + shift);
      int to = Math.min(target, s.offset() + s.length() + shift);
      if (to > from) {
        out.add(new Segment(s.name(), from, to - from, s.values(), s.description()
            + (to - from < s.length() ? " (cropped to " + (to - from) + ")" : "")));
      }
    }
    int end = out.isEmpty() ? 0 : out.get(out.size() - 1).offset()
        + out.get(out.size() - 1).length();
    if (end < target) {
      out.add(new Segment("padding", end, target - end, List.of(), "constant " + c.value()));
    }
    return out;
  }

  private static List<Segment> overwrite(List<Segment> segs, Segment slot) {
    List<Segment> out = new ArrayList<>();
    int a = slot.offset();
    int b = a + slot.length();
    boolean placed = false;
    for (Segment s : segs) {
      int from = s.offset();
      int to = s.offset() + s.length();
      if (to <= a || from >= b) {
        if (from >= b && !placed) {
          out.add(slot);
          placed = true;
        }
        out.add(s);
        continue;
      }
      if (from < a) {
        out.add(new Segment(s.name(), from, a - from, s.values(), s.description()));
      }
      if (!placed) {
        out.add(slot);
        placed = true;
      }
      if (to > b) {
        out.add(new Segment(s.name(), b, to - b, s.values(), s.description()));
      }
    }
    if (!placed) {
      out.add(slot);
    }
    return out;
  }
}
