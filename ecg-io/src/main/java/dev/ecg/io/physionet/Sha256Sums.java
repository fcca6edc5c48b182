package dev.ecg.io.physionet;

import dev.ecg.io.EcgFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code SHA256SUMS.txt} manifest, as PhysioNet publishes for every database version: one
 * line per file, {@code <64 hex digits> <relative path>} (the {@code sha256sum} layout, with an
 * optional {@code *} before the path). Paths are checked to stay inside the database folder.
 */
public final class Sha256Sums {
  /** The manifest's file name. */
  public static final String FILE_NAME = "SHA256SUMS.txt";
  private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64})[ \\t]+\\*?(.+)");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+@=,-][A-Za-z0-9 ._+@=,-]*");

  private final Map<String, String> entries;

  private Sha256Sums(Map<String, String> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /**
   * @param text manifest content
   * @param source where it came from (for messages; may be null)
   * @return the parsed manifest
   * @throws EcgFormatException naming the line of a malformed entry or unsafe path
   */
  public static Sha256Sums parse(String text, Path source) throws EcgFormatException {
    Objects.requireNonNull(text, "text");
    Map<String, String> m = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      Matcher mm = LINE.matcher(line);
      if (!mm.matches()) {
        throw new EcgFormatException(source, "line", i + 1,
            "not a '<sha256> <path>' manifest line");
      }
      String path = mm.group(2).strip();
      checkPath(path, source, i + 1);
      if (m.put(path, mm.group(1).toLowerCase(java.util.Locale.ROOT)) != null) {
        throw new EcgFormatException(source, "line", i + 1, "path '" + path + "' listed twice");
      }
    }
    return new Sha256Sums(m);
  }

  /**
   * @param file a manifest file
   * @return the parsed manifest
   * @throws EcgFormatException when it is malformed
   * @throws IOException when it cannot be read
   */
  public static Sha256Sums read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file);
  }

  private static void checkPath(String path, Path source, long line) throws EcgFormatException {
    if (path.startsWith("/") || path.contains("\\") || path.contains("//")) {
      throw new EcgFormatException(source, "line", line, "unsafe path '" + path + "'");
    }
    for (String seg : path.split("/")) {
      if (seg.equals(".") || seg.equals("..") || !SEGMENT.matcher(seg).matches()) {
        throw new EcgFormatException(source, "line", line, "unsafe path '" + path + "'");
      }
    }
  }

  /** @return relative path to lower-case hex SHA-256, in manifest order */
  public Map<String, String> entries() {
    return entries;
  }

  /**
   * @param file a file
   * @return its SHA-256 as lower-case hex
   * @throws IOException when it cannot be read
   */
  public static String sha256(Path file) throws IOException {
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return hex(md.digest());
  }

  /**
   * @param bytes some bytes
   * @return their SHA-256 as lower-case hex
   */
  public static String sha256(byte[] bytes) {
    return hex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static String hex(byte[] d) {
    StringBuilder sb = new StringBuilder(d.length * 2);
    for (byte b : d) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }
}
