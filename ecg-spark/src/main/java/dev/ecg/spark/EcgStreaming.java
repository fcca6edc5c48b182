package dev.ecg.spark;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.stream.EcgMonitor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Live ECG of many devices in Structured Streaming: each device's chunks go, in sequence order,
 * through its own {@link EcgMonitor} (beats, rhythm windows and episodes, vitals, quality,
 * warnings), whose state lives in Spark's state store between micro-batches. A query restarted
 * from its checkpoint continues every device's stream where it was: no beat is lost or
 * duplicated, and a chunk delivered twice (an at-least-once source replaying) is pushed once.
 *
 * <pre>{@code
 * Dataset<Row> chunks = spark.readStream().schema(EcgStreaming.CHUNKS).json("s3a://ward/chunks/");
 * Dataset<EcgStreaming.Event> events = EcgStreaming.monitor(chunks, 360, "MLII",
 *     EcgModelRef.bundled("mitbih-aami5-live"), EcgModelRef.bundled("af-detect"));
 * events.writeStream().format("parquet").option("checkpointLocation", "s3a://ward/ckpt/")
 *     .start("s3a://ward/events/");
 * }</pre>
 *
 * <p><b>Input</b> ({@link #CHUNKS}): {@code device}, {@code seq} (0, 1, 2... per device),
 * {@code samples} (one lead, the rate given to {@link #monitor}) and {@code last} (true on a
 * recording's final chunk: the monitor finishes and its state is dropped). Chunks may arrive in
 * any order and micro-batch; a device waits for its missing sequence numbers, up to
 * {@value #MAX_PENDING} chunks, after which the gap is skipped and reported as a {@code lost}
 * event.
 *
 * <p><b>State</b> per device: the monitor's checkpoint (about 20 KB with the live beat model,
 * up to 200 KB with a 60 s rhythm model) and the chunks waiting for a gap to close.
 */
public final class EcgStreaming {
  private EcgStreaming() {}

  /** Chunks waiting for an earlier sequence number, per device, before the gap is skipped. */
  public static final int MAX_PENDING = 64;

  /** The input: {@code device}, {@code seq}, {@code samples}, {@code last} (nullable). */
  public static final StructType CHUNKS = new StructType()
      .add("device", DataTypes.StringType, false)
      .add("seq", DataTypes.LongType, false)
      .add("samples", DataTypes.createArrayType(DataTypes.DoubleType, true), false)
      .add("last", DataTypes.BooleanType, true);

  /**
   * One monitor event, flattened: {@code kind} is beat, window, episode, vitals, quality,
   * warning or lost.
   */
  public static final class Event implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private String device;
    private String kind;
    private long sample;
    private double time;
    private double endTime = Double.NaN;
    private String label;
    private double value = Double.NaN;
    private String detail;
    private long emittedAtSample;

    /** For Spark's bean encoder. */
    public Event() {}

    Event(String device, String kind, long sample, double time, double endTime, String label,
        double value, String detail, long emittedAtSample) {
      this.device = device;
      this.kind = kind;
      this.sample = sample;
      this.time = time;
      this.endTime = endTime;
      this.label = label;
      this.value = value;
      this.detail = detail;
      this.emittedAtSample = emittedAtSample;
    }

    /** @return the device */
    public String getDevice() {
      return device;
    }

    /** @param v the device */
    public void setDevice(String v) {
      device = v;
    }

    /** @return beat, window, episode, vitals, quality, warning or lost */
    public String getKind() {
      return kind;
    }

    /** @param v the kind */
    public void setKind(String v) {
      kind = v;
    }

    /** @return a beat's R peak in the device's samples (0 for other kinds) */
    public long getSample() {
      return sample;
    }

    /** @param v the sample */
    public void setSample(long v) {
      sample = v;
    }

    /** @return when, in seconds of the device's signal (an episode: its onset) */
    public double getTime() {
      return time;
    }

    /** @param v the time */
    public void setTime(double v) {
      time = v;
    }

    /** @return a window's, episode's or warning's end, NaN otherwise or while ongoing */
    public double getEndTime() {
      return endTime;
    }

    /** @param v the end */
    public void setEndTime(double v) {
      endTime = v;
    }

    /**
     * @return a beat's or window's label, an episode's class, usable/unusable, or a warning's
     *     kind
     */
    public String getLabel() {
      return label;
    }

    /** @param v the label */
    public void setLabel(String v) {
      label = v;
    }

    /**
     * @return a beat's or window's top probability, an episode's mean probability, the heart
     *     rate in bpm of vitals; NaN otherwise
     */
    public double getValue() {
      return value;
    }

    /** @param v the value */
    public void setValue(double v) {
      value = v;
    }

    /** @return details: skip reason, episode start/end, HRV, quality reasons, lead */
    public String getDetail() {
      return detail;
    }

    /** @param v the detail */
    public void setDetail(String v) {
      detail = v;
    }

    /** @return the device's samples pushed when the event was emitted */
    public long getEmittedAtSample() {
      return emittedAtSample;
    }

    /** @param v the count */
    public void setEmittedAtSample(long v) {
      emittedAtSample = v;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s %s %d %.3f %s %s %s", device, kind, sample, time,
          label, value, detail);
    }
  }

  /** A device's state in the state store. */
  public static final class State implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private byte[] monitor;
    private long nextSeq;
    private byte[] pending;

    /** For Spark's bean encoder. */
    public State() {}

    /** @return the monitor's checkpoint */
    public byte[] getMonitor() {
      return monitor;
    }

    /** @param v the checkpoint */
    public void setMonitor(byte[] v) {
      monitor = v;
    }

    /** @return the next sequence number to push */
    public long getNextSeq() {
      return nextSeq;
    }

    /** @param v the sequence number */
    public void setNextSeq(long v) {
      nextSeq = v;
    }

    /** @return the chunks waiting for a gap, encoded */
    public byte[] getPending() {
      return pending;
    }

    /** @param v the chunks */
    public void setPending(byte[] v) {
      pending = v;
    }
  }

  /**
   * @param chunks a streaming (or batch) dataset of {@link #CHUNKS}
   * @param fs the devices' sampling rate in Hz
   * @param lead the lead's name (the beat model's lead selection reads it)
   * @param beats a beat model whose steps stream ({@code mitbih-aami5-live}), or null for
   *     beat positions only
   * @param rhythm a rhythm model ({@code af-detect}), or null
   * @return the events of every device, in order per device and micro-batch
   */
  public static Dataset<Event> monitor(Dataset<Row> chunks, double fs, String lead,
      EcgModelRef beats, EcgModelRef rhythm) {
    if (!(fs > 0) || Double.isInfinite(fs) || lead == null) {
      throw new EcgArgumentException("need a positive rate and a lead name, got " + fs + ", "
          + lead);
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(chunks.sparkSession()
        .sparkContext());
    Broadcast<EcgModelRef> b = beats == null ? null : sc.broadcast(beats);
    Broadcast<EcgModelRef> r = rhythm == null ? null : sc.broadcast(rhythm);
    // fail on the driver, not in every task, if the models cannot stream
    new DeviceFunction(fs, lead, b, r).newMonitor();
    return chunks.groupByKey((MapFunction<Row, String>) row -> row.getAs("device"),
        Encoders.STRING()).flatMapGroupsWithState(new DeviceFunction(fs, lead, b, r),
        OutputMode.Append(), Encoders.bean(State.class), Encoders.bean(Event.class),
        GroupStateTimeout.NoTimeout());
  }

  /** One device's micro-batch: restore, push in sequence order, checkpoint. */
  static final class DeviceFunction
      implements FlatMapGroupsWithStateFunction<String, Row, State, Event> {
    private static final long serialVersionUID = 1L;
    private final double fs;
    private final String lead;
    private final Broadcast<EcgModelRef> beats;
    private final Broadcast<EcgModelRef> rhythm;

    DeviceFunction(double fs, String lead, Broadcast<EcgModelRef> beats,
        Broadcast<EcgModelRef> rhythm) {
      this.fs = fs;
      this.lead = lead;
      this.beats = beats;
      this.rhythm = rhythm;
    }

    private EcgClassifier beatModel() {
      return beats == null ? null : beats.value().classifier();
    }

    private EcgClassifier rhythmModel() {
      return rhythm == null ? null : rhythm.value().classifier();
    }

    EcgMonitor newMonitor() {
      return EcgMonitor.builder(fs, List.of(lead)).beats(beatModel()).rhythm(rhythmModel())
          .build();
    }

    @Override
    public Iterator<Event> call(String device, Iterator<Row> rows, GroupState<State> state) {
      State st = state.exists() ? state.get() : null;
      EcgMonitor m = st == null ? newMonitor()
          : EcgMonitor.restore(st.getMonitor(), beatModel(), rhythmModel(), null);
      long next = st == null ? 0 : st.getNextSeq();
      TreeMap<Long, Chunk> pending = st == null ? new TreeMap<>() : decode(st.getPending());
      while (rows.hasNext()) {
        Row row = rows.next();
        long seq = row.getAs("seq");
        if (seq < next || pending.containsKey(seq)) {
          continue; // delivered again: it was pushed (or is waiting) already
        }
        double[] x = EcgRows.doubles(row.get(row.fieldIndex("samples")));
        Object last = row.get(row.fieldIndex("last"));
        pending.put(seq, new Chunk(x, Boolean.TRUE.equals(last)));
      }
      List<Event> out = new ArrayList<>();
      boolean ended = false;
      while (!pending.isEmpty() && !ended) {
        Map.Entry<Long, Chunk> first = pending.firstEntry();
        if (first.getKey() != next) {
          if (pending.size() <= MAX_PENDING) {
            break; // wait for the gap to close
          }
          out.add(new Event(device, "lost", 0, Double.NaN,
              Double.NaN, null, Double.NaN, "chunks " + next + " to " + (first.getKey() - 1)
                  + " never arrived; skipped", -1));
          next = first.getKey();
        }
        pending.pollFirstEntry();
        convert(device, m.push(first.getValue().samples()), out);
        next++;
        if (first.getValue().last()) {
          convert(device, m.finish(), out);
          ended = true;
        }
      }
      if (ended) {
        state.remove();
      } else {
        State s = new State();
        s.setMonitor(m.checkpoint());
        s.setNextSeq(next);
        s.setPending(encode(pending));
        state.update(s);
      }
      return out.iterator();
    }
  }

  /** A chunk waiting for its turn. */
  record Chunk(double[] samples, boolean last) {}

  static void convert(String device, List<EcgMonitor.Event> events, List<Event> out) {
    for (EcgMonitor.Event e : events) {
      if (e instanceof EcgMonitor.Beat b) {
        out.add(new Event(device, "beat", b.sample(), b.time(), Double.NaN, b.label(),
            b.prediction() == null ? Double.NaN
                : b.prediction().probabilities()[b.prediction().index()],
            b.skipped() != null ? b.skipped() : String.format(Locale.ROOT, "rr=%.3f",
                b.rrSeconds()), b.emittedAtSample()));
      } else if (e instanceof EcgMonitor.RhythmWindow w) {
        out.add(new Event(device, "window", 0, w.time(), w.endTime(), w.label(),
            w.prediction() == null ? Double.NaN
                : w.prediction().probabilities()[w.prediction().index()], w.skipped(),
            w.emittedAtSample()));
      } else if (e instanceof EcgMonitor.Episode p) {
        out.add(new Event(device, "episode", 0, p.onset(), p.offset(), p.label(),
            p.meanProbability(), p.ongoing() ? "started" : "ended", p.emittedAtSample()));
      } else if (e instanceof EcgMonitor.Vitals v) {
        out.add(new Event(device, "vitals", 0, v.time(), Double.NaN, null, v.heartRateBpm(),
            String.format(Locale.ROOT, "nn=%d mean_nn_ms=%.1f sdnn_ms=%.2f rmssd_ms=%.2f "
                + "pnn50=%.2f", v.nnIntervals(), v.meanNnMs(), v.sdnnMs(), v.rmssdMs(),
                v.pnn50()), -1));
      } else if (e instanceof EcgMonitor.Quality q) {
        out.add(new Event(device, "quality", 0, q.time(), Double.NaN, q.usable() ? "usable"
            : "unusable", Double.NaN, String.join("; ", q.reasons()), -1));
      } else if (e instanceof EcgMonitor.Warning w) {
        out.add(new Event(device, "warning", 0, w.time(), w.endTime(), w.kind().name(),
            Double.NaN, w.lead() + (w.ongoing() ? " ongoing" : ""), -1));
      }
    }
  }

  static byte[] encode(TreeMap<Long, Chunk> pending) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(pending.size());
      for (Map.Entry<Long, Chunk> e : pending.entrySet()) {
        out.writeLong(e.getKey());
        out.writeBoolean(e.getValue().last());
        out.writeInt(e.getValue().samples().length);
        for (double v : e.getValue().samples()) {
          out.writeLong(Double.doubleToRawLongBits(v));
        }
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TreeMap<Long, Chunk> decode(byte[] b) {
    TreeMap<Long, Chunk> out = new TreeMap<>();
    if (b == null || b.length == 0) {
      return out;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      int n = in.readInt();
      for (int k = 0; k < n; k++) {
        long seq = in.readLong();
        boolean last = in.readBoolean();
        int len = in.readInt();
        if (len < 0 || len > b.length / 8) {
          throw new EcgArgumentException("corrupt pending chunks in the state store");
        }
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
          x[i] = Double.longBitsToDouble(in.readLong());
        }
        out.put(seq, new Chunk(x, last));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
