package dev.ecg.io.fuzz;

import dev.ecg.io.Annotation;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.csv.CsvSignal;
import dev.ecg.io.csv.HeartbeatCsv;
import dev.ecg.io.edf.Edf;
import dev.ecg.io.edf.EdfFile;
import dev.ecg.io.mat.MatV4;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.io.wfdb.WfdbAnnotations;
import dev.ecg.io.wfdb.WfdbHeader;
import dev.ecg.io.wfdb.WfdbReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The ecg-io parsers as fuzz targets, seeded from the committed test resources. */
public final class IoTargets {
  /** Sample cap used by the fuzzed WFDB reads (the file-size bound is what is under test). */
  static final long MAX_SAMPLES = 1L << 22;

  private IoTargets() {}

  /** @return every ecg-io target */
  public static List<FuzzTarget> all() {
    List<FuzzTarget> t = new ArrayList<>();
    t.add(wfdbHeader());
    t.add(wfdbSignal("8", "wfdb/f8"));
    t.add(wfdbSignal("16", "wfdb/f16", "wfdb/spfskew"));
    t.add(wfdbSignal("24", "wfdb/f24"));
    t.add(wfdbSignal("32", "wfdb/f32"));
    t.add(wfdbSignal("61", "wfdb/f61"));
    t.add(wfdbSignal("80", "wfdb/f80"));
    t.add(wfdbSignal("160", "wfdb/f160"));
    t.add(wfdbSignal("212", "wfdb/f212odd", "fuzz/100s"));
    t.add(wfdbSignal("310", "wfdb/f310", "wfdb/f310b"));
    t.add(wfdbSignal("311", "wfdb/f311", "wfdb/f311b", "wfdb/f311c"));
    t.add(wfdbMulti());
    t.add(wfdbFlac());
    t.add(annotations());
    t.add(matV4());
    t.add(edf());
    t.add(heartbeatCsv());
    t.add(csvSignal());
    return t;
  }

  /**
   * @param name a target name from {@link #all()}
   * @return that target
   */
  public static FuzzTarget named(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no fuzz target " + name));
  }

  static byte[] resource(String path) {
    try (InputStream in = IoTargets.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean typed(Throwable t) {
    return t instanceof EcgFormatException;
  }

  private abstract static class Base implements FuzzTarget {
    private final String name;

    Base(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean allowed(Throwable t) {
      return typed(t);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Header text alone, parsed in memory. */
  static FuzzTarget wfdbHeader() {
    return new Base("wfdb-header") {
      @Override
      public List<FuzzInput> seeds() {
        List<FuzzInput> s = new ArrayList<>();
        for (String n : List.of("f8", "f212odd", "f311c", "spfskew", "twofiles", "mf", "mf_1",
            "mv", "mv_layout", "f24")) {
          s.add(FuzzInput.of("r.hea", resource("wfdb/" + n + ".hea")));
        }
        s.add(FuzzInput.of("r.hea", resource("fuzz/100s.hea")));
        s.add(FuzzInput.of("r.hea", resource("fuzz/A00001.hea")));
        return s;
      }

      @Override
      public void run(Path dir, FuzzInput in) throws Exception {
        WfdbHeader.parse(new String(in.parts().get(0), StandardCharsets.ISO_8859_1),
            dir.resolve("r.hea"));
      }
    };
  }

  /** Header plus its signal file(s), read digitally, physically and in chunks. */
  static FuzzTarget wfdbSignal(String format, String... bases) {
    return records("wfdb-signal-" + format,
        java.util.Arrays.stream(bases).map(IoTargets::record).toArray(FuzzInput[]::new));
  }


  /** Multi-segment records (fixed and variable layout). */
  static FuzzTarget wfdbMulti() {
    return records("wfdb-multisegment",
        files("mf", "wfdb/mf.hea", "wfdb/mf_1.hea", "wfdb/mf_1.dat", "wfdb/mf_2.hea",
            "wfdb/mf_2.dat"),
        files("mv", "wfdb/mv.hea", "wfdb/mv_layout.hea", "wfdb/mv_1.hea", "wfdb/mv_1.dat",
            "wfdb/mv_2.hea", "wfdb/mv_2.dat"),
        files("twofiles", "wfdb/twofiles.hea", "wfdb/twofiles_a.dat", "wfdb/twofiles_b.dat"),
        files("msf", "wfdb/msf.hea", "wfdb/msf_1.hea", "wfdb/msf_1.dat", "wfdb/msf_2.hea",
            "wfdb/msf_2.dat"));
  }

  /** FLAC signal files (formats 508, 516, 524): 8, 16 and 24 bits, samples per frame, skew. */
  static FuzzTarget wfdbFlac() {
    return records("wfdb-flac",
        files("flac516sf", "wfdb/flac516sf.hea", "wfdb/flac516sf.flac"),
        files("flac508", "wfdb/flac508.hea", "wfdb/flac508.flac"),
        files("flac524", "wfdb/flac524.hea", "wfdb/flac524.flac"),
        files("flac516spf", "wfdb/flac516spf.hea", "wfdb/flac516spf.flac"));
  }

  /** A target that reads whole records (header first in each seed) every way the reader can. */
  private static FuzzTarget records(String name, FuzzInput... seeds) {
    return new Base(name) {
      @Override
      public List<FuzzInput> seeds() {
        return List.of(seeds);
      }

      @Override
      public void run(Path dir, FuzzInput in) throws Exception {
        readRecord(dir, in);
      }
    };
  }

  private static void readRecord(Path dir, FuzzInput in) throws IOException {
    String hea = in.names().get(0);
    Path base = dir.resolve(hea.substring(0, hea.length() - 4));
    WfdbReader r = WfdbReader.options().maxSamples(MAX_SAMPLES).reader();
    r.read(base);
    r.readPhysical(base);
    Wfdb.readSamples(base);
  }

  private static FuzzInput record(String base) {
    String dat = base + ".dat";
    String name = base.substring(base.lastIndexOf('/') + 1);
    return new FuzzInput(List.of(name + ".hea", name + ".dat"),
        List.of(resource(base + ".hea"), resource(dat)));
  }

  private static FuzzInput files(String main, String... paths) {
    List<String> names = new ArrayList<>();
    List<byte[]> parts = new ArrayList<>();
    for (String p : paths) {
      names.add(p.substring(p.lastIndexOf('/') + 1));
      parts.add(resource(p));
    }
    return new FuzzInput(names, parts);
  }

  /** Annotation files, decoded in memory. */
  static FuzzTarget annotations() {
    return new Base("wfdb-annotations") {
      @Override
      public List<FuzzInput> seeds() {
        byte[] own = WfdbAnnotations.encode(List.of(
            new Annotation(3, "N", 0, 0, 0, ""),
            new Annotation(3000, "+", 0, 1, 0, "(AFIB"),
            new Annotation(3001, "V", 2, 1, -4, ""),
            new Annotation(70_000, "~", 0, 0, 0, "noise in lead 2"),
            new Annotation(5_000_000_000L, "N", 0, 0, 0, "x")));
        return List.of(FuzzInput.of("r.atr", resource("fuzz/100s.atr")),
            FuzzInput.of("r.atr", own),
            FuzzInput.of("r.atr", resource("wfdb/ann/header.atr")),
            FuzzInput.of("r.atr", resource("wfdb/ann/program.qrs")));
      }

      @Override
      public void run(Path dir, FuzzInput in) throws Exception {
        WfdbAnnotations.decode(in.parts().get(0), dir.resolve("r.atr"));
      }
    };
  }

  /** MATLAB level-4 files, including the CinC 2017 A00001 record as a whole record. */
  static FuzzTarget matV4() {
    return new Base("mat-v4") {
      @Override
      public List<FuzzInput> seeds() {
        List<FuzzInput> s = new ArrayList<>();
        for (String n : List.of("multi", "i16_2x5", "be_i16_2x3", "f64_2x3", "f32_3x1", "i32_1x4",
            "u16_1x3", "u8_2x2", "empty_0x0")) {
          s.add(FuzzInput.of("m.mat", resource("mat/" + n + ".mat")));
        }
        s.add(FuzzInput.of("m.mat", resource("fuzz/A00001.mat")));
        return s;
      }

      @Override
      public void run(Path dir, FuzzInput in) throws Exception {
        Path f = dir.resolve("m.mat");
        MatV4.read(f);
        MatV4.readMap(f);
      }
    };
  }

  /** EDF, EDF+C and EDF+D files, decoded to records and annotations. */
  static FuzzTarget edf() {
    return new Base("edf") {
      @Override
      public List<FuzzInput> seeds() {
        return List.of(FuzzInput.of("e.edf", resource("edf/plain.edf")),
            FuzzInput.of("e.edf", resource("edf/plus_c_mixed.edf")),
            FuzzInput.of("e.edf", resource("edf/plus_d.edf")));
      }

      @Override
      public void run(Path dir, FuzzInput in) throws Exception {
        EdfFile e = Edf.read(dir.resolve("e.edf"));
        e.annotations();
        for (int s = 0; s < e.signalCount(); s++) {
          if (!e.isAnnotationSignal(s)) {
            e.physical(s);
          }
        }
        if (e.hasUniformRate()) {
          e.toRecord();
        }
      }
    };
  }

  /** Heartbeat CSV (Kaggle MIT-BIH layout). */
  static FuzzTarget heartbeatCsv() {
    return new Base("heartbeat-csv") {
      @Override
      public List<FuzzInput> seeds() {
        return List.of(FuzzInput.of("h.csv", resource("csv/heartbeat_small.csv")));
      }

      @Override
      public void run(Path dir, FuzzInput in) throws Exception {
        HeartbeatCsv.read(dir.resolve("h.csv"));
      }
    };
  }

  /** Signal CSV with time, index or millisecond columns. */
  static FuzzTarget csvSignal() {
    return new Base("csv-signal") {
      @Override
      public List<FuzzInput> seeds() {
        return List.of(FuzzInput.of("s.csv", resource("csv/signal_time.csv")),
            FuzzInput.of("s.csv", resource("csv/signal_ms_semicolon.csv")));
      }

      @Override
      public void run(Path dir, FuzzInput in) throws Exception {
        CsvSignal.read(dir.resolve("s.csv"));
      }
    };
  }
}
