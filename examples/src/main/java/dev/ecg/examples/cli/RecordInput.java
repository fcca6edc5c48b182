package dev.ecg.examples.cli;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import dev.ecg.io.csv.CsvSignal;
import dev.ecg.io.edf.Edf;
import dev.ecg.io.mat.MatV4;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.io.wfdb.WfdbReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads one ECG record for the command-line tool, choosing the reader by file extension:
 * WFDB ({@code .hea}, {@code .dat} or a record base path without extension), MATLAB v4
 * ({@code .mat}: through its WFDB header when a {@code .hea} sits beside it, as in the CinC 2017
 * Challenge, else as a bare {@code val} matrix needing {@code fs} and {@code gain}), EDF/EDF+
 * ({@code .edf}) and CSV ({@code .csv}, {@code .txt}, {@code .tsv}: {@link CsvSignal}).
 */
public final class RecordInput {

  private RecordInput() {}

  /** Input formats. */
  public enum Format {
    /** WFDB header and signal files. */
    WFDB,
    /** MATLAB v4 matrix. */
    MAT,
    /** EDF or EDF+. */
    EDF,
    /** Delimited text with a header row. */
    CSV
  }

  /**
   * @param file a path as given by the user
   * @return the format its extension names
   * @throws EcgArgumentException for an unsupported extension (the message names the file)
   */
  public static Format formatOf(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return switch (ext) {
      case "", "hea", "dat" -> Format.WFDB;
      case "mat" -> Format.MAT;
      case "edf" -> Format.EDF;
      case "csv", "txt", "tsv" -> Format.CSV;
      default -> throw new EcgArgumentException(file + ": unsupported input format '." + ext
          + "' (supported: WFDB record or .hea/.dat, .mat, .edf, .csv/.txt/.tsv)");
    };
  }

  /**
   * Reads a record.
   *
   * @param file record path (see the class description)
   * @param fs sampling rate for inputs that do not carry one (bare {@code .mat}, CSV without a
   *     time column); NaN when not given
   * @param gain ADC units per mV for a bare {@code .mat} (NaN: 1, the values are taken as mV)
   * @param annotator WFDB annotation extension to attach (e.g. {@code atr}), or null
   * @return the record in physical units
   * @throws NoSuchFileException when the input does not exist (names the path)
   * @throws EcgArgumentException for an unsupported format or a missing sampling rate
   * @throws IOException when the file is malformed or unreadable
   */
  public static Record read(Path file, double fs, double gain, String annotator)
      throws IOException {
    Format f = formatOf(file);
    switch (f) {
      case WFDB -> {
        Path base = stripExtension(file);
        Path hea = sibling(base, ".hea");
        if (!Files.isRegularFile(hea)) {
          throw new NoSuchFileException(hea.toString(), null, "no such WFDB header");
        }
        Record r = Wfdb.readSamples(base);
        if (annotator != null) {
          r = r.withAnnotations(Wfdb.readAnnotation(base, annotator));
        }
        return r;
      }
      case MAT -> {
        requireFile(file);
        Path base = stripExtension(file);
        if (Files.isRegularFile(sibling(base, ".hea"))) {
          // CinC-style: the header describes the int16 samples inside the .mat; its checksums
          // are not kept by the Challenge files
          Record r = WfdbReader.options().verifyChecksums(false).verifyInitialValues(false)
              .reader().readPhysical(base);
          return annotator == null ? r : r.withAnnotations(Wfdb.readAnnotation(base, annotator));
        }
        if (Double.isNaN(fs)) {
          throw new EcgArgumentException(file + ": a .mat file without a WFDB header beside it "
              + "needs --fs (and --gain in ADC units per mV, e.g. 1000 for CinC 2017)");
        }
        return MatV4.readAsRecord(file, fs, Double.isNaN(gain) ? 1.0 : gain, "mV");
      }
      case EDF -> {
        requireFile(file);
        return Edf.read(file).toRecord();
      }
      case CSV -> {
        requireFile(file);
        CsvSignal.Options o = CsvSignal.Options.defaults();
        if (!Double.isNaN(fs)) {
          o = o.fs(fs);
        }
        return CsvSignal.read(file, o);
      }
      default -> throw new IllegalStateException(f.toString());
    }
  }

  private static void requireFile(Path file) throws NoSuchFileException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
  }

  private static Path stripExtension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? file : file.resolveSibling(name.substring(0, dot));
  }

  private static Path sibling(Path base, String ext) {
    return base.resolveSibling(base.getFileName() + ext);
  }
}
