package dev.ecg.io.fuzz;

import java.util.Arrays;
import java.util.List;

/**
 * One fuzz input: a small set of named files (for example a WFDB header and its signal file)
 * written together into a scratch folder before the parser runs.
 *
 * @param names file names, one per part
 * @param parts file contents, one per name
 */
public record FuzzInput(List<String> names, List<byte[]> parts) {

  /**
   * @param names see the record description
   * @param parts see the record description
   */
  public FuzzInput {
    names = List.copyOf(names);
    parts = List.copyOf(parts);
    if (names.size() != parts.size() || names.isEmpty()) {
      throw new IllegalArgumentException(names.size() + " names for " + parts.size() + " parts");
    }
  }

  /**
   * @param name the file name
   * @param bytes its content
   * @return a one-file input
   */
  public static FuzzInput of(String name, byte[] bytes) {
    return new FuzzInput(List.of(name), List.of(bytes));
  }

  /**
   * @param i part index
   * @param bytes new content of that part
   * @return a copy with part {@code i} replaced
   */
  public FuzzInput with(int i, byte[] bytes) {
    byte[][] p = parts.toArray(new byte[0][]);
    p[i] = bytes;
    return new FuzzInput(names, Arrays.asList(p));
  }

  /** @return the total size in bytes */
  public int size() {
    int n = 0;
    for (byte[] b : parts) {
      n += b.length;
    }
    return n;
  }
}
