package dev.ecg.io.datasets;

import dev.ecg.core.labels.LabelFormatException;
import dev.ecg.io.EcgFormatException;
import java.nio.file.Path;
import java.util.List;

/**
 * The dataset loaders' view of ecg-core's RFC 4180 reader ({@link dev.ecg.core.labels.Csv}):
 * the same parsing, with malformed text reported as an {@link EcgFormatException} naming the file
 * and line.
 */
final class Csv {
  private Csv() {}

  /**
   * @param text the whole file
   * @param file file name for error messages (may be null)
   * @return the records (the header row included), each a list of fields
   * @throws EcgFormatException on an unterminated quote or text after a closing quote
   */
  static List<List<String>> parse(String text, Path file) throws EcgFormatException {
    try {
      return dev.ecg.core.labels.Csv.parse(text, "CSV");
    } catch (LabelFormatException e) {
      throw new EcgFormatException(file, "line", e.line(), e.getMessage(), e);
    }
  }
}
