package dev.ecg.io.csv;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.EcgFormatException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reader and writer for the widely used "MIT-BIH heartbeat" CSV layout (Kachuee, Fazeli and
 * Sarrafzadeh, "ECG Heartbeat Classification: A Deep Transferable Representation", IEEE ICHI 2018,
 * distributed as {@code mitbih_train.csv} / {@code mitbih_test.csv}): no header, one beat per row,
 * 187 samples normalised to [0, 1] and zero padded, then the class label written as a float
 * ({@code 0.0} .. {@code 4.0} for N, S, V, F, Q).
 *
 * <p>Reading is strict: every row must have the same number of cells, every cell must be a finite
 * decimal number and the label must be a non-negative integer value; errors name the file, line and
 * column.
 */
public final class HeartbeatCsv {
  /** Samples per beat in the published files. */
  public static final int DEFAULT_SAMPLES = 187;
  private static final int MAX_CELL = 64;

  private HeartbeatCsv() {}

  /**
   * Reads a file of 187-sample beats.
   *
   * @param file the CSV file
   * @return beats and labels
   * @throws EcgFormatException when a row is malformed (message names line and column)
   * @throws IOException when the file cannot be read
   */
  public static HeartbeatData read(Path file) throws IOException {
    return read(file, DEFAULT_SAMPLES);
  }

  /**
   * Reads a file of beats of the given length.
   *
   * @param file the CSV file
   * @param samplesPerBeat samples before the label column, &gt;= 1
   * @return beats and labels
   * @throws EcgArgumentException when samplesPerBeat &lt; 1
   * @throws EcgFormatException when a row is malformed (message names line and column)
   * @throws IOException when the file cannot be read
   */
  public static HeartbeatData read(Path file, int samplesPerBeat) throws IOException {
    Objects.requireNonNull(file, "file");
    if (samplesPerBeat < 1 || samplesPerBeat > 1_000_000) {
      throw new EcgArgumentException("samplesPerBeat must be 1..1000000, got " + samplesPerBeat);
    }
    List<float[]> beats = new ArrayList<>();
    int[] labels = new int[1024];
    int cols = samplesPerBeat + 1;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      CsvLexer lex = new CsvLexer(r, file, ',', MAX_CELL, cols);
      List<String> cells = new ArrayList<>(cols);
      boolean blankSeen = false;
      long blankLine = 0;
      while (lex.next(cells)) {
        long line = lex.rowLine();
        if (cells.size() == 1 && cells.get(0).isBlank()) {
          if (!blankSeen) {
            blankSeen = true;
            blankLine = line;
          }
          continue;
        }
        if (blankSeen) {
          throw new EcgFormatException(file, "line", blankLine, "blank line inside the data");
        }
        if (cells.size() != cols) {
          throw new EcgFormatException(file, "line", line, "row has " + cells.size()
              + " cells, expected " + cols + " (" + samplesPerBeat + " samples + label)");
        }
        if (beats.isEmpty() && looksLikeIndexHeader(cells)) {
          throw new EcgFormatException(file, "line", line, "the first row is 0, 1, 2, ..."
              + " as a pandas to_csv header would be, not a beat; remove the header row");
        }
        float[] beat = new float[samplesPerBeat];
        for (int c = 0; c < samplesPerBeat; c++) {
          String s = cells.get(c).trim();
          float f;
          try {
            f = CsvLexer.isPlainDecimal(s) ? Float.parseFloat(s) : Float.NaN;
          } catch (NumberFormatException e) {
            f = Float.NaN;
          }
          if (Float.isNaN(f)) {
            throw cellError(file, line, c, s, "is not a finite number");
          }
          if (Float.isInfinite(f)) {
            throw cellError(file, line, c, s, "overflows a float");
          }
          beat[c] = f;
        }
        String ls = cells.get(samplesPerBeat).trim();
        double lv = CsvLexer.parseDecimal(ls);
        if (Double.isNaN(lv) || lv != Math.rint(lv) || lv < 0 || lv > Integer.MAX_VALUE) {
          throw cellError(file, line, samplesPerBeat, ls,
              "is not a label (a non-negative integer value such as 0.0 or 3)");
        }
        if (beats.size() == labels.length) {
          labels = Arrays.copyOf(labels, labels.length * 2);
        }
        labels[beats.size()] = (int) lv;
        beats.add(beat);
      }
    }
    return new HeartbeatData(beats.toArray(new float[0][]), Arrays.copyOf(labels, beats.size()));
  }

  private static boolean looksLikeIndexHeader(List<String> cells) {
    for (int c = 0; c < cells.size(); c++) {
      if (!cells.get(c).trim().equals(Integer.toString(c))) {
        return false;
      }
    }
    return true;
  }

  private static EcgFormatException cellError(
      Path file, long line, int col, String s, String what) {
    String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return new EcgFormatException(file, "line", line, "column " + (col + 1) + ": '" + shown
        + "' " + what);
  }

  /**
   * Writes beats in the same layout: no header, samples as shortest round-tripping decimals, the
   * label as {@code <n>.0}. The file is written to a temporary sibling and moved into place.
   *
   * @param file target file
   * @param data beats and labels
   * @throws EcgArgumentException when a sample is NaN or infinite, or a label negative
   * @throws IOException when writing fails
   */
  public static void write(Path file, HeartbeatData data) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(data, "data");
    if (data.size() > 0 && data.beatLength() == 0) {
      throw new EcgArgumentException("beats must have at least one sample");
    }
    for (int i = 0; i < data.size(); i++) {
      if (data.labels()[i] < 0) {
        throw new EcgArgumentException("label of beat " + i + " is negative: " + data.labels()[i]);
      }
      for (float f : data.beats()[i]) {
        if (!Float.isFinite(f)) {
          throw new EcgArgumentException("beat " + i + " holds a non-finite sample " + f);
        }
      }
    }
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8),
          1 << 16)) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < data.size(); i++) {
          sb.setLength(0);
          for (float f : data.beats()[i]) {
            sb.append(Float.toString(f)).append(',');
          }
          sb.append(data.labels()[i]).append(".0\n");
          w.write(sb.toString());
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
