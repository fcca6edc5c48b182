package dev.ecg.io.wfdb;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.EcgFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads WFDB records: single- and multi-segment headers, all signal formats of
 * {@link WfdbFormat}, whole records, frame ranges and constant-memory block streams.
 *
 * <p>Before any sample array is allocated, the sample count claimed by the header is checked
 * against what the signal files can hold and against {@link Options#maxSamples(long)}. By default
 * every signal's checksum (whole-record reads) and initial value (reads from frame 0) are compared
 * with the header. A mismatch is a warning by default, as in the WFDB C library (logged, and kept
 * in {@link WfdbRecord#warnings()}); {@code options().strict(true)} makes it a
 * {@link ChecksumException}.
 *
 * <p>A reader holds only its immutable options and may be shared between threads; each read
 * opens and closes its own files. A {@link WfdbStream} is for one thread.
 *
 * <pre>{@code
 * WfdbRecord r = WfdbReader.options().verifyChecksums(false).reader().read(Path.of("mitdb/100"));
 * }</pre>
 */
public final class WfdbReader {
  private final Options options;

  /**
   * Reader settings (immutable; each setter returns a new instance).
   */
  public static final class Options {
    private final boolean verifyChecksums;
    private final boolean verifyInitialValues;
    private final long maxSamples;
    private final boolean strict;

    private Options(boolean verifyChecksums, boolean verifyInitialValues, long maxSamples,
        boolean strict) {
      this.verifyChecksums = verifyChecksums;
      this.verifyInitialValues = verifyInitialValues;
      this.maxSamples = maxSamples;
      this.strict = strict;
    }

    /**
     * @param strict whether a checksum or initial-value mismatch is an error
     *     ({@link ChecksumException}) rather than a warning (the default, as in the WFDB C
     *     library and wfdb-python, which read such records): warnings are logged and kept in
     *     {@link WfdbRecord#warnings()}
     * @return new options
     */
    public Options strict(boolean strict) {
      return new Options(verifyChecksums, verifyInitialValues, maxSamples, strict);
    }

    /** @return whether mismatches are errors */
    public boolean strict() {
      return strict;
    }

    /**
     * @param verify whether to compare each signal's 16-bit sample sum with the header checksum
     *     (whole-record reads only)
     * @return new options
     */
    public Options verifyChecksums(boolean verify) {
      return new Options(verify, verifyInitialValues, maxSamples, strict);
    }

    /**
     * @param verify whether to compare each signal's first sample with the header's initial
     *     value (reads starting at frame 0; not for format 8 or skewed signals)
     * @return new options
     */
    public Options verifyInitialValues(boolean verify) {
      return new Options(verifyChecksums, verify, maxSamples, strict);
    }

    /** @return whether initial values are verified */
    public boolean verifyInitialValues() {
      return verifyInitialValues;
    }

    /**
     * @param max the most samples (all signals together) one read may allocate, &gt; 0
     * @return new options
     * @throws EcgArgumentException when {@code max} is not positive
     */
    public Options maxSamples(long max) {
      if (max <= 0) {
        throw new EcgArgumentException("maxSamples must be > 0, got " + max);
      }
      return new Options(verifyChecksums, verifyInitialValues, max, strict);
    }

    /** @return whether checksums are verified */
    public boolean verifyChecksums() {
      return verifyChecksums;
    }

    /** @return the sample cap of one read */
    public long maxSamples() {
      return maxSamples;
    }

    /** @return a reader with these options */
    public WfdbReader reader() {
      return new WfdbReader(this);
    }
  }

  /** Default cap on samples per read: 2^28 (about 1 GiB of int plus 2 GiB of double). */
  public static final long DEFAULT_MAX_SAMPLES = 1L << 28;

  /**
   * @return default options: checksums and initial values verified, mismatches reported as
   *     warnings (not strict), {@link #DEFAULT_MAX_SAMPLES}
   */
  public static Options options() {
    return new Options(true, true, DEFAULT_MAX_SAMPLES, false);
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WfdbReader.class);

  /** A mismatch: thrown when strict, else logged and added to {@code warnings}. */
  private void mismatch(ChecksumException e, List<String> warnings) throws ChecksumException {
    if (options.strict) {
      throw e;
    }
    LOG.warn("{} (read anyway; WfdbReader.options().strict(true) makes this an error)",
        e.getMessage());
    warnings.add(e.getMessage());
  }

  /**
   * @param options settings
   */
  public WfdbReader(Options options) {
    this.options = options;
  }

  /** @return a reader with default options */
  public static WfdbReader create() {
    return new WfdbReader(options());
  }

  /** @return the options of this reader */
  public Options getOptions() {
    return options;
  }

  /**
   * @param recordBase record path without extension, e.g. {@code mitdb/100}
   * @return the header file path ({@code recordBase + ".hea"})
   */
  static Path headerPath(Path recordBase) {
    return recordBase.resolveSibling(recordBase.getFileName() + ".hea");
  }

  /**
   * Reads the header of a record.
   *
   * @param recordBase record path without extension
   * @return the header
   * @throws EcgFormatException when the header is malformed or missing
   * @throws IOException when it cannot be read
   */
  public WfdbHeader readHeader(Path recordBase) throws IOException {
    Path h = headerPath(recordBase);
    if (java.nio.file.Files.isDirectory(h)) {
      throw new EcgFormatException(h, null, -1, "header file name names a folder");
    }
    try {
      return WfdbHeader.read(h);
    } catch (NoSuchFileException e) {
      throw new EcgFormatException(h, null, -1, "header file not found", e);
    } catch (java.nio.file.FileSystemException e) {
      // e.g. "Not a directory" for a segment name like "r.dat/x" in a damaged header
      throw new EcgFormatException(h, null, -1, "cannot open header file: " + e.getReason(), e);
    }
  }

  /**
   * Reads a whole record.
   *
   * @param recordBase record path without extension
   * @return the record
   * @throws EcgFormatException for malformed, truncated or oversized input
   * @throws ChecksumException when verification is on, the options are strict and a signal does
   *     not match its header
   * @throws IOException when a file cannot be read
   */
  public WfdbRecord read(Path recordBase) throws IOException {
    return read(recordBase, 0, -1);
  }

  /**
   * Reads frames {@code [from, to)} of a record. Only the bytes of that range are read (format 8
   * stores differences, so its files are decoded from the start up to {@code to}). Checksums are
   * verified only for reads of the whole record; initial values whenever {@code from == 0}.
   *
   * @param recordBase record path without extension
   * @param from first frame, &gt;= 0
   * @param to end frame (exclusive), or -1 for the end of the record
   * @return the record slice
   * @throws EcgArgumentException when the range is outside the record
   * @throws EcgFormatException for malformed, truncated or oversized input
   * @throws IOException when a file cannot be read
   */
  public WfdbRecord read(Path recordBase, long from, long to) throws IOException {
    String fileName = recordBase.getFileName() == null ? "" : recordBase.getFileName().toString();
    if (fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".edf")) {
      return readEdf(recordBase, from, to);
    }
    WfdbHeader h = readHeader(recordBase);
    Path dir = recordBase.toAbsolutePath().getParent();
    if (h.isMultiSegment()) {
      return readMulti(h, dir, from, to);
    }
    try (Opened o = open(h, dir, options.maxSamples)) {
      return readSingle(h, o, from, to);
    }
  }

  /**
   * Reads a whole record straight to physical units ({@code wfdb.rdsamp}), without keeping the
   * digital samples: frames are decoded in cache-sized chunks, checked (checksums and initial
   * values, as configured) and converted, which halves the memory traffic of
   * {@code read(path).toRecord()}. Records with several samples per frame, skew or several segments
   * are read through {@link #read(Path)} and averaged as {@link WfdbRecord#toRecord()} does.
   *
   * @param recordBase record path without extension
   * @return the record in physical units, without annotations
   * @throws EcgFormatException for malformed, truncated or oversized input
   * @throws ChecksumException when verification is on, the options are strict and a signal does
   *     not match its header
   * @throws IOException when a file cannot be read
   */
  public dev.ecg.io.Record readPhysical(Path recordBase) throws IOException {
    WfdbHeader h = readHeader(recordBase);
    boolean plain = !h.isMultiSegment();
    for (SignalSpec s : h.signals()) {
      plain &= s.samplesPerFrame() == 1 && s.skew() == 0;
    }
    if (!plain) {
      return read(recordBase).toRecord();
    }
    Path dir = recordBase.toAbsolutePath().getParent();
    try (Opened o = open(h, dir, options.maxSamples)) {
      long n = o.frames;
      int nsig = h.signalCount();
      Path hea = headerPathOf(h, o);
      if (n > Integer.MAX_VALUE - 8 || (nsig > 0 && n > options.maxSamples / nsig)) {
        throw new EcgFormatException(hea, "sample", 0, "reading " + n + " frames of " + nsig
            + " signals exceeds the limit of " + options.maxSamples
            + " samples; read a smaller range or stream the record");
      }
      double[][] phys = new double[nsig][(int) n];
      List<String> units = new ArrayList<>();
      PhysicalConverter[] conv = new PhysicalConverter[nsig];
      for (int s = 0; s < nsig; s++) {
        conv[s] = new PhysicalConverter(h.signals().get(s), n);
        units.add(h.signals().get(s).units());
      }
      final int chunk = 1 << 15;
      List<String> warnings = new ArrayList<>();
      for (GroupReader g : o.groups) {
        int k = g.size();
        int[][] tmp = new int[k][(int) Math.min(chunk, n)];
        int[] sums = new int[k];
        for (long f = 0; f < n; f += chunk) {
          int m = (int) Math.min(chunk, n - f);
          if (m < tmp[0].length) {
            for (int s = 0; s < k; s++) {
              tmp[s] = new int[m];
            }
          }
          g.read(f, f + m, tmp);
          for (int s = 0; s < k; s++) {
            int[] d = tmp[s];
            if (g.sumsValid) {
              sums[s] += g.sums[s];
            } else {
              int sum = 0;
              for (int i = 0; i < m; i++) {
                sum += d[i];
              }
              sums[s] += sum;
            }
            conv[g.signals[s]].convert(d, 0, m, phys[g.signals[s]], (int) f);
          }
          if (f == 0 && options.verifyInitialValues) {
            for (int s = 0; s < k; s++) {
              SignalSpec spec = h.signals().get(g.signals[s]);
              if (spec.format() != 0 && spec.format() != 8 && spec.hasInitialValue() && m > 0
                  && tmp[s][0] != spec.initialValue()) {
                mismatch(new ChecksumException(g.file, g.signals[s], spec.description(),
                    "first sample " + tmp[s][0] + " differs from the initial value "
                    + spec.initialValue() + " in the header"), warnings);
              }
            }
          }
        }
        if (options.verifyChecksums) {
          for (int s = 0; s < k; s++) {
            SignalSpec spec = h.signals().get(g.signals[s]);
            if (spec.format() != 0 && spec.hasChecksum() && n > 0
                && (sums[s] & 0xFFFF) != (spec.checksum() & 0xFFFF)) {
              mismatch(new ChecksumException(g.file, g.signals[s], spec.description(),
                  "checksum " + (short) sums[s] + " of the samples differs from "
                  + spec.checksum() + " in the header"), warnings);
            }
          }
        }
      }
      List<String> names = new ArrayList<>();
      for (int s = 0; s < nsig; s++) {
        String d = h.signals().get(s).description();
        names.add(d.isEmpty() ? "sig" + s : d);
      }
      return new dev.ecg.io.Record(h.recordName(), h.fs(), names, units, phys, List.of());
    }
  }

  /** Open signal files of a single-segment record. */
  private static final class Opened implements AutoCloseable {
    final List<GroupReader> groups = new ArrayList<>();
    long frames;

    @Override
    public void close() throws IOException {
      IOException first = null;
      for (GroupReader g : groups) {
        try {
          g.close();
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  private static Opened open(WfdbHeader h, Path dir, long maxSamples) throws IOException {
    Path hea = dir.resolve(h.recordName() + ".hea");
    Opened o = new Opened();
    try {
      List<SignalSpec> sig = h.signals();
      Map<String, Integer> seen = new HashMap<>();
      int i = 0;
      while (i < sig.size()) {
        String fname = sig.get(i).fileName();
        int j = i + 1;
        while (j < sig.size() && sig.get(j).fileName().equals(fname)) {
          j++;
        }
        if (seen.put(fname, i) != null && !"~".equals(fname)) {
          throw new EcgFormatException(hea, "signal", i, "signals of file " + fname
              + " are not consecutive");
        }
        for (int s = i + 1; s < j; s++) {
          if (sig.get(s).format() != sig.get(i).format()) {
            throw new EcgFormatException(hea, "signal", s, "signal format "
                + sig.get(s).format() + " differs from format " + sig.get(i).format()
                + " of the other signals in file " + fname);
          }
        }
        if (sig.get(i).format() != 0 && ("~".equals(fname) || "-".equals(fname))) {
          throw new EcgFormatException(hea, "signal", i, "signal file '" + fname
              + "' is not supported for format " + sig.get(i).format());
        }
        int[] idx = new int[j - i];
        for (int s = 0; s < idx.length; s++) {
          idx[s] = i + s;
        }
        Path f = dir.resolve(fname).normalize();
        o.groups.add(new GroupReader(f, sig.subList(i, j), idx, maxSamples, h.sampleCount()));
        i = j;
      }
      long fileFrames = Long.MAX_VALUE;
      for (GroupReader g : o.groups) {
        fileFrames = Math.min(fileFrames, g.fileFrames);
      }
      long n = h.sampleCount();
      if (n <= 0) {
        // unknown length: as many frames as every file holds
        n = fileFrames == Long.MAX_VALUE ? 0 : fileFrames;
      }
      for (GroupReader g : o.groups) {
        if (g.fileFrames < n) {
          throw new EcgFormatException(g.file, "byte", Files.size(g.file), "header "
              + hea.getFileName() + " claims " + n + " samples per signal but the file holds only "
              + g.fileFrames + " frames of format " + g.format);
        }
      }
      o.frames = n;
      return o;
    } catch (IOException | RuntimeException e) {
      o.close();
      throw e;
    }
  }

  private WfdbRecord readSingle(WfdbHeader h, Opened o, long from, long to) throws IOException {
    long n = o.frames;
    long end = to < 0 ? n : to;
    if (from < 0 || end < from || end > n) {
      throw new EcgArgumentException("range [" + from + ", " + end + ") outside record "
          + h.recordName() + " of " + n + " samples");
    }
    long len = end - from;
    long total;
    boolean tooLong;
    try {
      total = 0;
      for (SignalSpec s : h.signals()) {
        total = Math.addExact(total, Math.multiplyExact(len, s.samplesPerFrame()));
      }
      tooLong = Math.multiplyExact(len, maxSpf(h)) > Integer.MAX_VALUE - 8;
    } catch (ArithmeticException e) {
      total = Long.MAX_VALUE;
      tooLong = true;
    }
    Path hea = headerPathOf(h, o);
    if (total > options.maxSamples || tooLong) {
      throw new EcgFormatException(hea, "sample", from, "reading " + len + " frames of "
          + h.signalCount() + " signals (" + total + " samples) exceeds the limit of "
          + options.maxSamples + " samples; read a smaller range or stream the record");
    }
    int[][] digital = new int[h.signalCount()][];
    for (int s = 0; s < digital.length; s++) {
      digital[s] = new int[(int) (len * h.signals().get(s).samplesPerFrame())];
    }
    for (GroupReader g : o.groups) {
      int[][] out = new int[g.size()][];
      for (int k = 0; k < out.length; k++) {
        out[k] = digital[g.signals[k]];
      }
      g.read(from, end, out);
    }
    List<String> warnings = new ArrayList<>();
    if (options.verifyChecksums || options.verifyInitialValues) {
      verify(h, o, digital, from == 0 && options.verifyInitialValues,
          options.verifyChecksums && end == n && from == 0, warnings);
    }
    return new WfdbRecord(h, h.signals(), from, len, digital, null).withWarnings(warnings);
  }

  private static Path headerPathOf(WfdbHeader h, Opened o) {
    return o.groups.isEmpty() ? Path.of(h.recordName() + ".hea")
        : o.groups.get(0).file.resolveSibling(h.recordName() + ".hea");
  }

  private static int maxSpf(WfdbHeader h) {
    int m = 1;
    for (SignalSpec s : h.signals()) {
      m = Math.max(m, s.samplesPerFrame());
    }
    return m;
  }

  private void verify(WfdbHeader h, Opened o, int[][] digital, boolean initial,
      boolean whole, List<String> warnings)
      throws IOException {
    for (GroupReader g : o.groups) {
      for (int k = 0; k < g.size(); k++) {
        int s = g.signals[k];
        SignalSpec spec = h.signals().get(s);
        int[] d = digital[s];
        if (spec.format() == 0 || d.length == 0) {
          continue;
        }
        if (initial && spec.hasInitialValue() && spec.format() != 8 && spec.skew() == 0
            && d[0] != spec.initialValue()) {
          mismatch(new ChecksumException(g.file, s, spec.description(), "first sample " + d[0]
              + " differs from the initial value " + spec.initialValue() + " in the header"),
              warnings);
        }
        if (whole && spec.hasChecksum()) {
          int sum = 0;
          if (g.sumsValid) {
            sum = g.sums[k];
          } else {
            long validFrames = Math.max(0, Math.min(o.frames, g.fileFrames - spec.skew()));
            int m = (int) (validFrames * spec.samplesPerFrame());
            for (int i = 0; i < m; i++) {
              sum += d[i];
            }
            if (spec.skew() > 0) {
              // the header's checksum covers the samples as stored, including the first `skew`
              // frames that precede the signal's sample 0
              sum += storedHeadSum(h, g, k, (int) Math.min(spec.skew(), g.fileFrames));
            }
          }
          if ((sum & 0xFFFF) != (spec.checksum() & 0xFFFF)) {
            mismatch(new ChecksumException(g.file, s, spec.description(), "checksum "
                + (short) sum + " of the samples differs from " + spec.checksum()
                + " in the header"), warnings);
          }
        }
      }
    }
  }

  /**
   * An EDF or EDF+ file through the WFDB record API, as wfdb-python's {@code rdrecord} reads
   * {@code .edf} paths: one WFDB signal per ordinary EDF signal (annotation signals are left
   * out), stored values as format 16. The frame rate is the greatest common divisor of the
   * signals' samples per data record over the record duration, and each signal has its samples
   * per data record over that divisor as samples per frame, so signals of different rates keep
   * their own rate. Gain is (digital max - digital min) / (physical max - physical min) and the
   * baseline the digital value of physical 0, rounded (WFDB baselines are integers); the
   * physical values are EDF's own scaling, exactly. Checksums and initial values are those of
   * the data.
   */
  private WfdbRecord readEdf(Path file, long from, long to) throws IOException {
    dev.ecg.io.edf.EdfFile edf = dev.ecg.io.edf.Edf.read(file);
    int[] ordinary = edf.ordinarySignals();
    if (ordinary.length == 0) {
      throw new EcgFormatException(file, null, -1, "the EDF file has no ordinary signals");
    }
    double duration = edf.header().recordDuration();
    if (!(duration > 0)) {
      throw new EcgFormatException(file, "byte", 244, "data record duration " + duration
          + " gives no sampling rate");
    }
    int g = 0;
    for (int s : ordinary) {
      g = gcd(g, edf.signals().get(s).samplesPerRecord());
    }
    long frames = edf.header().dataRecords() * (long) g;
    long end = to < 0 ? frames : to;
    if (from < 0 || end > frames || from > end) {
      throw new EcgArgumentException("range [" + from + ", " + to + ") is outside the "
          + frames + " frames of " + file);
    }
    int len = Math.toIntExact(end - from);
    List<SignalSpec> specs = new ArrayList<>();
    int[][] digital = new int[ordinary.length][];
    double[][] physical = new double[ordinary.length][];
    for (int k = 0; k < ordinary.length; k++) {
      int s = ordinary[k];
      dev.ecg.io.edf.EdfSignal sig = edf.signals().get(s);
      int spf = sig.samplesPerRecord() / g;
      short[] d = edf.digital(s);
      double[] p = edf.physical(s);
      int a = (int) (from * spf);
      int b = (int) (end * spf);
      digital[k] = new int[b - a];
      int sum = 0;
      for (int i = 0; i < d.length; i++) {
        sum += d[i];
      }
      for (int i = a; i < b; i++) {
        digital[k][i - a] = d[i];
      }
      physical[k] = java.util.Arrays.copyOfRange(p, a, b);
      double gain = (sig.digitalMax() - sig.digitalMin())
          / (sig.physicalMax() - sig.physicalMin());
      int baseline = (int) Math.round(sig.digitalMin() - sig.physicalMin() * gain);
      specs.add(new SignalSpec(file.getFileName().toString(), 16, spf, 0, 0, gain, baseline,
          sig.physicalDimension(), 16, 0, d.length > 0 ? d[0] : 0, (short) sum, 0, sig.label(),
          8));
    }
    String name = file.getFileName().toString();
    name = name.substring(0, name.length() - 4);
    WfdbHeader h = new WfdbHeader(name, 0, specs.size(), g / duration, 0, 0, frames,
        edf.header().startTime().replace('.', ':'), edf.header().startDate().replace('.', '/'),
        specs, List.of(), List.of());
    return new WfdbRecord(h, specs, from, len, digital, physical);
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /**
   * @return the sum of the values stored for local signal {@code k} of group {@code g} in the
   *     file's first {@code frames} frames, read as if no signal of the group were skewed
   */
  private static int storedHeadSum(WfdbHeader h, GroupReader g, int k, int frames)
      throws IOException {
    if (frames <= 0) {
      return 0;
    }
    List<SignalSpec> unskewed = new ArrayList<>(g.size());
    for (int s : g.signals) {
      unskewed.add(h.signals().get(s).withSkew(0));
    }
    // (a FLAC file is decoded only as far as those frames)
    try (GroupReader z = new GroupReader(g.file, unskewed, g.signals, DEFAULT_MAX_SAMPLES,
        frames)) {
      int[][] out = new int[g.size()][];
      for (int j = 0; j < out.length; j++) {
        out[j] = new int[frames * unskewed.get(j).samplesPerFrame()];
      }
      z.read(0, frames, out);
      int sum = 0;
      for (int v : out[k]) {
        sum += v;
      }
      return sum;
    }
  }

  private WfdbRecord readMulti(WfdbHeader h, Path dir, long from, long to) throws IOException {
    List<String> segmentWarnings = new ArrayList<>();
    Path hea = dir.resolve(h.recordName() + ".hea");
    long total = 0;
    for (WfdbHeader.Segment s : h.segments()) {
      total += s.sampleCount();
      if (total < 0) {
        throw new EcgFormatException(hea, "line", -1, "segment lengths overflow");
      }
    }
    if (h.sampleCount() >= 0 && h.sampleCount() != total) {
      throw new EcgFormatException(hea, "line", 1, "record claims " + h.sampleCount()
          + " samples but its segments add up to " + total);
    }
    long end = to < 0 ? total : to;
    if (from < 0 || end < from || end > total) {
      throw new EcgArgumentException("range [" + from + ", " + end + ") outside record "
          + h.recordName() + " of " + total + " samples");
    }
    // layout: a leading segment of length 0, otherwise the first non-null segment
    List<SignalSpec> layout = null;
    boolean variable = false;
    for (WfdbHeader.Segment s : h.segments()) {
      if (s.isNull()) {
        continue;
      }
      WfdbHeader sh = readHeader(dir.resolve(s.name()));
      if (sh.isMultiSegment()) {
        throw new EcgFormatException(dir.resolve(s.name() + ".hea"), "line", 1,
            "nested multi-segment records are not supported");
      }
      layout = sh.signals();
      variable = s.sampleCount() == 0;
      break;
    }
    if (layout == null) {
      throw new EcgFormatException(hea, "line", 1, "multi-segment record has no segment header");
    }
    if (layout.size() != h.signalCount()) {
      throw new EcgFormatException(hea, "line", 1, "record declares " + h.signalCount()
          + " signals but its layout has " + layout.size());
    }
    long frameSamples = 0;
    for (SignalSpec s : layout) {
      frameSamples += s.samplesPerFrame();
    }
    long len = end - from;
    if (len > (Integer.MAX_VALUE - 8) / Math.max(1, frameSamples)
        || len * frameSamples > options.maxSamples) {
      throw new EcgFormatException(hea, "sample", from, "reading " + len + " frames of "
          + layout.size() + " signals exceeds the limit of " + options.maxSamples + " samples");
    }
    int nsig = layout.size();
    int[][] digital = new int[nsig][];
    double[][] physical = new double[nsig][];
    for (int s = 0; s < nsig; s++) {
      digital[s] = new int[(int) len * layout.get(s).samplesPerFrame()];
      physical[s] = new double[digital[s].length];
    }
    for (int s = 0; s < nsig; s++) {
      Arrays.fill(digital[s], WfdbRecord.INVALID_DIGITAL);
      Arrays.fill(physical[s], Double.NaN);
    }
    long segStart = 0;
    for (WfdbHeader.Segment seg : h.segments()) {
      long segEnd = segStart + seg.sampleCount();
      long a = Math.max(from, segStart);
      long b = Math.min(end, segEnd);
      if (a < b && !seg.isNull()) {
        Path base = dir.resolve(seg.name());
        WfdbHeader sh = readHeader(base);
        if (sh.isMultiSegment()) {
          throw new EcgFormatException(headerPath(base), "line", 1,
              "nested multi-segment records are not supported");
        }
        WfdbRecord part;
        try (Opened o = open(sh, dir, options.maxSamples)) {
          if (o.frames < seg.sampleCount()) {
            throw new EcgFormatException(headerPath(base), "line", 1, "segment has " + o.frames
                + " samples but the master header gives it " + seg.sampleCount());
          }
          part = readSingle(sh, o, a - segStart, b - segStart);
          segmentWarnings.addAll(part.warnings());
        }
        double[][] pp = part.physical();
        for (int s = 0; s < nsig; s++) {
          int src = variable ? indexOf(sh.signals(), layout.get(s).description()) : s;
          if (src < 0 || src >= sh.signalCount()) {
            continue;
          }
          SignalSpec ls = layout.get(s);
          SignalSpec ss = sh.signals().get(src);
          int k = ls.samplesPerFrame();
          if (ss.samplesPerFrame() != k) {
            throw new EcgFormatException(headerPath(base), "signal", src, "signal '"
                + ss.description() + "' has " + ss.samplesPerFrame() + " samples per frame in "
                + "this segment but " + k + " in the record's layout");
          }
          int dst = (int) (a - from) * k;
          int count = (int) (b - a) * k;
          System.arraycopy(pp[src], 0, physical[s], dst, count);
          int[] dd = part.digital()[src];
          boolean sameScale = ls.effectiveGain() == ss.effectiveGain()
              && ls.baseline() == ss.baseline();
          int inv = WfdbFormat.invalidValue(ss.format());
          for (int i = 0; i < count; i++) {
            double p = pp[src][i];
            digital[s][dst + i] = Double.isNaN(p) || dd[i] == inv ? WfdbRecord.INVALID_DIGITAL
                : sameScale ? dd[i] : (int) Math.round(p * ls.effectiveGain() + ls.baseline());
          }
        }
      }
      segStart = segEnd;
    }
    return new WfdbRecord(h, layout, from, len, digital, physical).withWarnings(segmentWarnings);
  }

  private static int indexOf(List<SignalSpec> specs, String description) {
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).description().equals(description)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Opens a single-segment record for reading in consecutive blocks of frames, holding only one
   * block in memory (for example a 24 h Holter record). Checksums are not verified in streams.
   *
   * @param recordBase record path without extension
   * @param blockFrames frames per block, &gt; 0
   * @return the stream; close it to release the files
   * @throws EcgArgumentException when {@code blockFrames} is not positive
   * @throws EcgFormatException for malformed or truncated input, or multi-segment records
   * @throws IOException when a file cannot be read
   */
  public WfdbStream stream(Path recordBase, int blockFrames) throws IOException {
    if (blockFrames <= 0) {
      throw new EcgArgumentException("blockFrames must be > 0, got " + blockFrames);
    }
    WfdbHeader h = readHeader(recordBase);
    if (h.isMultiSegment()) {
      throw new EcgFormatException(headerPath(recordBase), "line", 1,
          "streaming multi-segment records is not supported; read ranges instead");
    }
    Opened o = open(h, recordBase.toAbsolutePath().getParent(), options.maxSamples);
    return new WfdbStream(h, o, blockFrames);
  }

  /**
   * Consecutive blocks of a record. Each {@link #next()} returns a {@link WfdbRecord} whose
   * {@link WfdbRecord#start()} tells where it lies.
   */
  public final class WfdbStream implements java.util.Iterator<WfdbRecord>, AutoCloseable {
    private final WfdbHeader header;
    private final Opened opened;
    private final int block;
    private long pos;

    private WfdbStream(WfdbHeader header, Opened opened, int block) {
      this.header = header;
      this.opened = opened;
      this.block = block;
    }

    /** @return the record header */
    public WfdbHeader header() {
      return header;
    }

    /** @return total frames of the record */
    public long length() {
      return opened.frames;
    }

    @Override
    public boolean hasNext() {
      return pos < opened.frames;
    }

    /**
     * @return the next block
     * @throws NoSuchElementException when the stream is exhausted
     * @throws java.io.UncheckedIOException wrapping a read failure
     */
    @Override
    public WfdbRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      long end = Math.min(opened.frames, pos + block);
      try {
        WfdbRecord r = WfdbReader.this.options.verifyChecksums(false).verifyInitialValues(false).reader()
            .readSingle(header, opened, pos, end);
        pos = end;
        return r;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      opened.close();
    }
  }
}
