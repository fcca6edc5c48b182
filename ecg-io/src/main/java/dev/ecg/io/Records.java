package dev.ecg.io;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.csv.CsvSignal;
import dev.ecg.io.edf.Edf;
import dev.ecg.io.edf.EdfFile;
import dev.ecg.io.mat.MatV4;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.io.wfdb.WfdbHeader;
import dev.ecg.io.wfdb.WfdbReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads any supported ECG file into a {@link Record}, choosing the reader from the file name.
 *
 * <table>
 *   <caption>Formats and how each is recognised</caption>
 *   <tr><th>format</th><th>recognised by</th><th>read with</th></tr>
 *   <tr><td>WFDB</td><td>{@code .hea} or {@code .dat}, or a record path without extension
 *       ({@code mitdb/100}); also any other name when {@code NAME.hea} exists beside it (record
 *       names with a dot)</td><td>{@link Wfdb#readSamples}; records whose signal files are all
 *       {@code .mat} (PhysioNet/CinC Challenge style) with checksum and initial-value checks off,
 *       since those headers carry none that are valid</td></tr>
 *   <tr><td>MATLAB v4</td><td>{@code .mat}</td><td>through its WFDB header when {@code NAME.hea}
 *       sits beside it (CinC 2017: rate, gain and lead name from the header), otherwise as a bare
 *       signal matrix by {@link MatV4#readAsRecord}, which needs {@link Options#fs(double)} and
 *       takes {@link Options#gain(double)} (ADC units per mV, default 1)</td></tr>
 *   <tr><td>EDF, EDF+</td><td>{@code .edf}</td><td>{@link Edf#read} and
 *       {@link EdfFile#toRecord()}: every ordinary signal, which must share one rate</td></tr>
 *   <tr><td>CSV</td><td>{@code .csv}, {@code .txt}, {@code .tsv}</td><td>{@link CsvSignal}
 *       (header row; the rate from a time column or {@link Options#fs(double)})</td></tr>
 * </table>
 *
 * <p>Extensions are matched ignoring case. Annotations ({@link Options#annotations(String)}) are
 * read for WFDB records, including a {@code .mat} file read through its header; an EDF+ file
 * brings its own annotations.
 *
 * <pre>{@code
 * Record r = Records.read(Path.of("mitdb/100.hea"));
 * Record c = Records.read(Path.of("scan.csv"), Records.Options.defaults().fs(500));
 * }</pre>
 */
public final class Records {

  private Records() {}

  /** The file formats {@link #read} understands. */
  public enum Format {
    /** WFDB header and signal files. */
    WFDB,
    /** MATLAB level-4 MAT-file, with or without a WFDB header beside it. */
    MAT,
    /** EDF or EDF+. */
    EDF,
    /** Delimited text with a header row. */
    CSV
  }

  /**
   * What {@link #read(Path, Options)} needs besides the file, for inputs that do not carry it;
   * immutable, each setter returns a copy.
   */
  public static final class Options {
    private final double fs;
    private final double gain;
    private final String annotator;

    private Options(double fs, double gain, String annotator) {
      this.fs = fs;
      this.gain = gain;
      this.annotator = annotator;
    }

    /** @return no sampling rate, gain 1 ADC unit per mV, no annotations */
    public static Options defaults() {
      return new Options(Double.NaN, 1.0, null);
    }

    /**
     * @param hz sampling rate in Hz of a bare {@code .mat} file or of a CSV file without a time
     *     column (with a time column the two must agree within 1 %); files with a header of their
     *     own (WFDB, EDF, a {@code .mat} file beside its {@code .hea}) ignore it
     * @return a copy with the rate set
     * @throws EcgArgumentException when {@code hz} is not positive and finite
     */
    public Options fs(double hz) {
      if (!(hz > 0) || Double.isInfinite(hz)) {
        throw new EcgArgumentException("fs must be positive and finite, got " + hz);
      }
      return new Options(hz, gain, annotator);
    }

    /**
     * @param adcPerMv ADC units per mV of a bare {@code .mat} file (CinC 2017: 1000); the
     *     physical value is {@code value / adcPerMv}; other formats ignore it
     * @return a copy with the gain set
     * @throws EcgArgumentException when {@code adcPerMv} is not positive and finite
     */
    public Options gain(double adcPerMv) {
      if (!(adcPerMv > 0) || Double.isInfinite(adcPerMv)) {
        throw new EcgArgumentException("gain must be positive and finite, got " + adcPerMv);
      }
      return new Options(fs, adcPerMv, annotator);
    }

    /**
     * @param extension WFDB annotator to attach, e.g. {@code atr} for {@code 100.atr}, or null
     *     for none
     * @return a copy that reads that annotation file
     * @throws EcgArgumentException when the extension is blank or contains a path separator
     */
    public Options annotations(String extension) {
      if (extension != null && (extension.isBlank() || extension.contains("/")
          || extension.contains("\\"))) {
        throw new EcgArgumentException("annotator must be a file extension such as 'atr', got '"
            + extension + "'");
      }
      return new Options(fs, gain, extension);
    }

    /** @return the sampling rate for inputs without one, NaN when not set */
    public double fs() {
      return fs;
    }

    /** @return ADC units per mV for a bare {@code .mat} file */
    public double gain() {
      return gain;
    }

    /** @return the WFDB annotator to attach, or null */
    public String annotator() {
      return annotator;
    }
  }

  /**
   * The format a file name names, from its extension alone (the file need not exist).
   *
   * @param file a path
   * @return the format, or empty for an extension no reader handles; a path without extension
   *     is a WFDB record
   */
  public static Optional<Format> formatOf(Path file) {
    Objects.requireNonNull(file, "file");
    String ext = extension(file);
    return switch (ext) {
      case "", "hea", "dat" -> Optional.of(Format.WFDB);
      case "mat" -> Optional.of(Format.MAT);
      case "edf" -> Optional.of(Format.EDF);
      case "csv", "txt", "tsv" -> Optional.of(Format.CSV);
      default -> Optional.empty();
    };
  }

  /**
   * Reads a file with {@link Options#defaults()}: enough for WFDB, EDF, a {@code .mat} file
   * with its {@code .hea}, and CSV with a time column.
   *
   * @param file the file (see the class description)
   * @return the record in physical units
   * @throws NoSuchFileException when the file, or a WFDB record's header, does not exist (the
   *     exception names it)
   * @throws EcgFormatException when the extension is not supported, the content is invalid, or
   *     the file carries no sampling rate (the message names the file)
   * @throws IOException when the file cannot be read
   */
  public static Record read(Path file) throws IOException {
    return read(file, Options.defaults());
  }

  /**
   * Reads a file.
   *
   * @param file the file (see the class description)
   * @param options sampling rate and gain for inputs without them, annotations to attach
   * @return the record in physical units
   * @throws NoSuchFileException when the file, or a WFDB record's header, does not exist (the
   *     exception names it)
   * @throws EcgFormatException when the extension is not supported, the content is invalid, a
   *     bare {@code .mat} or a CSV file without a time column comes without
   *     {@link Options#fs(double)}, or an EDF file's signals have different rates (the message
   *     names the file)
   * @throws EcgArgumentException when annotations are asked for a format that has none
   * @throws IOException when the file cannot be read
   */
  public static Record read(Path file, Options options) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    Optional<Format> format = formatOf(file);
    if (format.isEmpty()) {
      if (Files.isRegularFile(sibling(file, ".hea"))) {
        return readWfdb(file, options.annotator);
      }
      throw new EcgFormatException(file, null, -1, "unsupported input format '."
          + extension(file) + "' (supported: a WFDB record or its .hea/.dat, .mat, .edf,"
          + " .csv/.txt/.tsv)");
    }
    switch (format.get()) {
      case WFDB -> {
        return readWfdb(stripExtension(file), options.annotator);
      }
      case MAT -> {
        requireFile(file);
        Path base = stripExtension(file);
        if (Files.isRegularFile(sibling(base, ".hea"))) {
          return readWfdb(base, options.annotator);
        }
        noAnnotations(file, options);
        if (Double.isNaN(options.fs)) {
          throw new EcgFormatException(file, null, -1, "a .mat file without a WFDB header ("
              + sibling(base, ".hea").getFileName() + ") beside it carries no sampling rate;"
              + " give the rate (and the gain in ADC units per mV, e.g. 1000 for CinC 2017)");
        }
        return MatV4.readAsRecord(file, options.fs, options.gain, "mV");
      }
      case EDF -> {
        requireFile(file);
        noAnnotations(file, options);
        EdfFile edf = Edf.read(file);
        try {
          return edf.toRecord();
        } catch (EcgArgumentException e) {
          throw new EcgFormatException(file, null, -1, e.getMessage(), e);
        }
      }
      case CSV -> {
        requireFile(file);
        noAnnotations(file, options);
        CsvSignal.Options o = CsvSignal.Options.defaults();
        if (!Double.isNaN(options.fs)) {
          o = o.fs(options.fs);
        }
        return CsvSignal.read(file, o);
      }
      default -> throw new IllegalStateException(format.get().toString());
    }
  }

  /**
   * Reads a WFDB record. Records whose signal files are all {@code *.mat} are PhysioNet/CinC
   * Challenge records (int16 samples after a MAT v4 prelude); their headers carry no valid
   * checksums or initial values, so those checks are off for them (as
   * {@code dev.ecg.io.datasets.Cinc2017} does).
   */
  private static Record readWfdb(Path base, String annotator) throws IOException {
    Path hea = sibling(base, ".hea");
    if (!Files.isRegularFile(hea)) {
      throw new NoSuchFileException(hea.toString(), null, "the header of WFDB record " + base);
    }
    WfdbHeader h = Wfdb.readHeader(base);
    boolean challengeMat = !h.signals().isEmpty() && h.signals().stream()
        .allMatch(sig -> sig.fileName().toLowerCase(Locale.ROOT).endsWith(".mat"));
    Record r = challengeMat
        ? WfdbReader.options().verifyChecksums(false).verifyInitialValues(false).reader()
            .readPhysical(base)
        : Wfdb.readSamples(base);
    if (annotator == null) {
      return r;
    }
    Path ann = sibling(base, "." + annotator);
    if (!Files.isRegularFile(ann)) {
      throw new NoSuchFileException(ann.toString(), null, "annotations '" + annotator
          + "' of WFDB record " + base);
    }
    return r.withAnnotations(Wfdb.readAnnotation(base, annotator));
  }

  private static void noAnnotations(Path file, Options options) {
    if (options.annotator != null) {
      throw new EcgArgumentException(file + ": WFDB annotations ('" + options.annotator
          + "') are read for WFDB records only, this is " + formatOf(file).orElseThrow());
    }
  }

  private static void requireFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
    if (!Files.isRegularFile(file)) {
      throw new EcgFormatException(file, null, -1, "not a regular file");
    }
  }

  private static String extension(Path file) {
    Path name = file.getFileName();
    String s = name == null ? "" : name.toString();
    int dot = s.lastIndexOf('.');
    return dot < 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static Path stripExtension(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return file;
    }
    String s = name.toString();
    int dot = s.lastIndexOf('.');
    return dot < 0 ? file : file.resolveSibling(s.substring(0, dot));
  }

  private static Path sibling(Path base, String ext) {
    Path name = base.getFileName();
    return name == null ? base : base.resolveSibling(name + ext);
  }
}
