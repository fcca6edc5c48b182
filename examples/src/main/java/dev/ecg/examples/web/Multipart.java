package dev.ecg.examples.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded {@code multipart/form-data} parser for uploads: file parts only, names reduced to a
 * safe base name ({@code [A-Za-z0-9._-]}, no leading dot), at most {@link #MAX_PARTS} parts.
 */
final class Multipart {
  /** Most files in one upload (a WFDB record is a header, a signal and an annotation file). */
  static final int MAX_PARTS = 8;

  /** One uploaded file. */
  record Part(String fileName, byte[] content) {}

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]{1,70})\"?");
  private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");

  private Multipart() {}

  static List<Part> parse(String contentType, byte[] body) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT)
        .startsWith("multipart/form-data")) {
      throw new IllegalArgumentException("expected multipart/form-data, got " + contentType);
    }
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      throw new IllegalArgumentException("multipart upload without a boundary");
    }
    byte[] delim = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> out = new ArrayList<>();
    int pos = indexOf(body, delim, 0);
    while (pos >= 0) {
      int start = pos + delim.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // closing delimiter
      }
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      if (headersEnd < 0) {
        throw new IllegalArgumentException("malformed multipart part (no header end)");
      }
      String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
      int next = indexOf(body, delim, headersEnd + 4);
      if (next < 0) {
        throw new IllegalArgumentException("malformed multipart body (no closing boundary)");
      }
      int end = next - 2; // the CRLF before the delimiter
      Matcher f = FILE_NAME.matcher(headers);
      if (f.find() && !f.group(1).isEmpty()) {
        if (out.size() == MAX_PARTS) {
          throw new IllegalArgumentException("more than " + MAX_PARTS + " files in one upload");
        }
        byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, Math.max(
            headersEnd + 4, end));
        out.add(new Part(safeName(f.group(1)), content));
      }
      pos = next;
    }
    return out;
  }

  /** The base name with anything but letters, digits, dot, dash and underscore replaced. */
  static String safeName(String name) {
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    base = base.replaceAll("[^A-Za-z0-9._-]", "_");
    while (base.startsWith(".")) {
      base = base.substring(1);
    }
    if (base.isEmpty() || base.length() > 100) {
      throw new IllegalArgumentException("unusable file name '" + name + "'");
    }
    return base;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
