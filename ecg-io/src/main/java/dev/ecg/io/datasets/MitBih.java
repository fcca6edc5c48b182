package dev.ecg.io.datasets;

import dev.ecg.core.labels.AamiClass;
import dev.ecg.io.Annotation;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.Record;
import dev.ecg.io.wfdb.RhythmInterval;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.io.wfdb.WfdbRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The MIT-BIH Arrhythmia Database (Moody and Mark 2001): 48 two-lead records at 360 Hz with
 * reference beat and rhythm annotations ({@code .atr}).
 *
 * <pre>{@code
 * MitBih db = new MitBih(Path.of("data/mitdb"));
 * for (String name : db.records()) {
 *   List<MitBih.Beat> beats = db.beats(name);
 * }
 * }</pre>
 */
public final class MitBih {
  /**
   * Training set DS1 of the inter-patient split of de Chazal, O'Dwyer and Reilly (2004), paced
   * records 102, 104, 107 and 217 excluded.
   */
  public static final List<String> DS1 = List.of("101", "106", "108", "109", "112", "114", "115",
      "116", "118", "119", "122", "124", "201", "203", "205", "207", "208", "209", "215", "220",
      "223", "230");

  /** Test set DS2 of the same split. */
  public static final List<String> DS2 = List.of("100", "103", "105", "111", "113", "117", "121",
      "123", "200", "202", "210", "212", "213", "214", "219", "221", "222", "228", "231", "232",
      "233", "234");

  /** The paced records. */
  public static final List<String> PACED = List.of("102", "104", "107", "217");

  /**
   * One annotated beat.
   *
   * @param sample sample index of the beat (R peak as annotated)
   * @param symbol MIT symbol
   * @param aami its AAMI EC57 class
   */
  public record Beat(long sample, String symbol, AamiClass aami) {
    /** Checks the fields. */
    public Beat {
      Objects.requireNonNull(symbol, "symbol");
      Objects.requireNonNull(aami, "aami");
    }
  }

  private final Path root;
  private final List<String> records;

  /**
   * @param root the folder holding {@code RECORDS} and the {@code NNN.hea/.dat/.atr} files
   * @throws EcgFormatException when the folder or its {@code RECORDS} file is missing
   * @throws IOException when {@code RECORDS} cannot be read
   */
  public MitBih(Path root) throws IOException {
    this.root = Datasets.requireDir(root, "MIT-BIH");
    Path rec = Datasets.requireFile(root.resolve("RECORDS"), "MIT-BIH");
    List<String> names = new ArrayList<>();
    for (String l : Files.readAllLines(rec, StandardCharsets.ISO_8859_1)) {
      if (!l.isBlank()) {
        names.add(l.strip());
      }
    }
    this.records = List.copyOf(names);
  }

  /** @return the database folder */
  public Path root() {
    return root;
  }

  /** @return the record names listed in {@code RECORDS} */
  public List<String> records() {
    return records;
  }

  private Path base(String name) throws EcgFormatException {
    if (!records.contains(name)) {
      throw new EcgFormatException(root.resolve("RECORDS"), null, -1, "MIT-BIH: no record '"
          + name + "' in RECORDS");
    }
    Datasets.requireFile(root.resolve(name + ".hea"), "MIT-BIH");
    return root.resolve(name);
  }

  /**
   * @param name record name, e.g. {@code 100}
   * @return the WFDB record (checksums verified)
   * @throws IOException when a file is missing or invalid
   */
  public WfdbRecord readRecord(String name) throws IOException {
    return Wfdb.readRecord(base(name));
  }

  /**
   * @param name record name
   * @return the reference annotations ({@code .atr})
   * @throws IOException when the file is missing or invalid
   */
  public List<Annotation> annotations(String name) throws IOException {
    Path b = base(name);
    Datasets.requireFile(root.resolve(name + ".atr"), "MIT-BIH");
    return Wfdb.readAnnotation(b, "atr");
  }

  /**
   * @param name record name
   * @return the record in physical units (mV) with its reference annotations
   * @throws IOException when a file is missing or invalid
   */
  public Record load(String name) throws IOException {
    Path b = base(name);
    return Wfdb.readSamples(b).withAnnotations(annotations(name));
  }

  /**
   * @param name record name
   * @return the annotated beats whose symbol maps to an AAMI class, in order
   * @throws IOException when the annotation file is missing or invalid
   */
  public List<Beat> beats(String name) throws IOException {
    List<Beat> out = new ArrayList<>();
    for (Annotation a : annotations(name)) {
      Optional<AamiClass> c = AamiClass.fromMitSymbol(a.symbol());
      if (c.isPresent()) {
        out.add(new Beat(a.sample(), a.symbol(), c.get()));
      }
    }
    return out;
  }

  /**
   * @param name record name
   * @return rhythm intervals from the {@code +} annotations, the last ending at the record end
   * @throws IOException when a file is missing or invalid
   */
  public List<RhythmInterval> rhythms(String name) throws IOException {
    long length = Wfdb.readHeader(base(name)).sampleCount();
    return RhythmInterval.fromAnnotations(annotations(name), Math.max(0, length));
  }
}
