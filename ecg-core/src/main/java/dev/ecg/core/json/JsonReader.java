package dev.ecg.core.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON parser (RFC 8259) into plain Java values.
 *
 * <p>Objects become unmodifiable {@code Map<String, Object>} keeping member order, arrays
 * unmodifiable {@code List<Object>}, strings {@code String}, numbers {@code Double} (except
 * whole numbers of magnitude 2<sup>53</sup> or more that fit a {@code long}: those become
 * {@code Long}, so 64-bit seeds and sizes keep every digit), booleans
 * {@code Boolean} and {@code null} stays {@code null}. Duplicate member names, trailing commas,
 * comments, leading zeros and anything after the top-level value are rejected. Nesting is limited to
 * {@value #MAX_DEPTH} levels so hostile input cannot overflow the stack.
 */
public final class JsonReader {
  /** Deepest nesting of arrays and objects accepted. */
  public static final int MAX_DEPTH = 512;

  private final String s;
  private int pos;
  private int depth;

  private JsonReader(String s) {
    this.s = s;
  }

  /**
   * Parses one JSON text.
   *
   * @param text the JSON text, not null
   * @return the parsed value (see the class comment for the mapping)
   * @throws JsonFormatException if the text is not valid JSON
   * @throws NullPointerException if {@code text} is null
   */
  public static Object parse(String text) {
    if (text == null) {
      throw new NullPointerException("JSON text must not be null");
    }
    JsonReader r = new JsonReader(text);
    r.skipWs();
    Object v = r.readValue();
    r.skipWs();
    if (r.pos != text.length()) {
      throw new JsonFormatException("unexpected text after the JSON value", r.pos);
    }
    return v;
  }

  private Object readValue() {
    if (pos >= s.length()) {
      throw new JsonFormatException("unexpected end of input, expected a value", pos);
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        return readObject();
      case '[':
        return readArray();
      case '"':
        return readString();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return readNumber();
        }
        throw new JsonFormatException("unexpected character '" + c + "'", pos);
    }
  }

  private Object literal(String word, Object value) {
    if (!s.startsWith(word, pos)) {
      throw new JsonFormatException("invalid literal, expected '" + word + "'", pos);
    }
    pos += word.length();
    return value;
  }

  private Map<String, Object> readObject() {
    enter();
    pos++; // {
    Map<String, Object> m = new LinkedHashMap<>();
    skipWs();
    if (peek() == '}') {
      pos++;
      depth--;
      return Collections.unmodifiableMap(m);
    }
    while (true) {
      skipWs();
      if (peek() != '"') {
        throw new JsonFormatException("expected a member name in double quotes", pos);
      }
      int at = pos;
      String name = readString();
      skipWs();
      expect(':');
      skipWs();
      Object v = readValue();
      if (m.containsKey(name)) {
        throw new JsonFormatException("duplicate member name '" + name + "'", at);
      }
      m.put(name, v);
      skipWs();
      char c = peek();
      pos++;
      if (c == '}') {
        break;
      }
      if (c != ',') {
        throw new JsonFormatException("expected ',' or '}' in object", pos - 1);
      }
    }
    depth--;
    return Collections.unmodifiableMap(m);
  }

  private List<Object> readArray() {
    enter();
    pos++; // [
    List<Object> list = new ArrayList<>();
    skipWs();
    if (peek() == ']') {
      pos++;
      depth--;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      skipWs();
      list.add(readValue());
      skipWs();
      char c = peek();
      pos++;
      if (c == ']') {
        break;
      }
      if (c != ',') {
        throw new JsonFormatException("expected ',' or ']' in array", pos - 1);
      }
    }
    depth--;
    return Collections.unmodifiableList(list);
  }

  private String readString() {
    pos++; // opening quote
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw new JsonFormatException("unterminated string", pos);
      }
      char c = s.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw new JsonFormatException("unescaped control character in string", pos - 1);
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (pos >= s.length()) {
        throw new JsonFormatException("unterminated escape", pos);
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"': b.append('"'); break;
        case '\\': b.append('\\'); break;
        case '/': b.append('/'); break;
        case 'b': b.append('\b'); break;
        case 'f': b.append('\f'); break;
        case 'n': b.append('\n'); break;
        case 'r': b.append('\r'); break;
        case 't': b.append('\t'); break;
        case 'u':
          if (pos + 4 > s.length()) {
            throw new JsonFormatException("truncated \\u escape", pos);
          }
          int cp = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0) {
              throw new JsonFormatException("bad hex digit in \\u escape", pos + i);
            }
            cp = cp * 16 + d;
          }
          pos += 4;
          b.append((char) cp);
          break;
        default:
          throw new JsonFormatException("invalid escape '\\" + e + "'", pos - 1);
      }
    }
  }

  private Number readNumber() {
    int start = pos;
    boolean integral = true;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw new JsonFormatException("expected a digit", pos);
    }
    if (peek() == '.') {
      integral = false;
      pos++;
      if (!isDigit(peek())) {
        throw new JsonFormatException("expected a digit after '.'", pos);
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw new JsonFormatException("expected a digit in exponent", pos);
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    String text = s.substring(start, pos);
    if (integral && pos - start > 15) {
      // beyond 2^53 a double drops digits: keep a whole number that fits a long exact
      try {
        long v = Long.parseLong(text);
        if (Math.abs((double) v) >= 9007199254740992.0) {
          return v;
        }
      } catch (NumberFormatException tooBig) {
        // falls through to a double
      }
    }
    return Double.valueOf(text);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw new JsonFormatException("nesting deeper than " + MAX_DEPTH, pos);
    }
  }

  private char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new JsonFormatException("expected '" + c + "'", pos);
    }
    pos++;
  }

  private void skipWs() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        break;
      }
    }
  }
}
