package dev.ecg.core.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer (RFC 8259) that builds the text in memory.
 *
 * <pre>{@code
 * String json = new JsonWriter()
 *     .beginObject()
 *       .name("accuracy").value(0.93)
 *       .name("classes").beginArray().value("N").value("S").endArray()
 *     .endObject()
 *     .toString();
 * }</pre>
 *
 * <p>Rules:
 * <ul>
 *   <li>Strings are escaped: {@code "} and {@code \} get a backslash, control characters below
 *       U+0020 become {@code \n}, {@code \t}, ... or {@code \}{@code u00XX}; unpaired surrogates are
 *       written as {@code \}{@code uXXXX} escapes so the output is always valid.</li>
 *   <li>Finite doubles are written with {@link Double#toString(double)}, the shortest text that
 *       reads back to the same double; integral values of magnitude below 2<sup>53</sup> are
 *       written without a fraction ({@code 3} rather than {@code 3.0}). {@code NaN} and the
 *       infinities, which JSON cannot express, are written as {@code null}.</li>
 *   <li>Misuse (a value where a member name is required, unbalanced ends, two top-level values)
 *       throws {@link IllegalStateException} at once rather than producing broken text.</li>
 * </ul>
 *
 * <p>Instances are not thread-safe.
 */
public final class JsonWriter {
  private enum Scope { EMPTY_OBJECT, OBJECT, EMPTY_ARRAY, ARRAY }

  private static final double MAX_EXACT = 9007199254740992.0; // 2^53

  private final StringBuilder out = new StringBuilder();
  private final Deque<Scope> stack = new ArrayDeque<>();
  /** Per open array: whether it holds an object or array (then one element per line). */
  private final Deque<Boolean> multiline = new ArrayDeque<>();
  private final String indent;
  private boolean nameWritten;
  private boolean topLevelDone;

  /** Creates a writer producing compact output without whitespace. */
  public JsonWriter() {
    this("");
  }

  private JsonWriter(String indent) {
    this.indent = indent;
  }

  /**
   * @return a writer that puts each object member on its own line, indented by two spaces; arrays
   *     of plain values stay on one line, arrays holding objects or arrays get one element per line
   */
  public static JsonWriter pretty() {
    return new JsonWriter("  ");
  }

  /**
   * Opens an object.
   *
   * @return this writer
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter beginObject() {
    beforeValue(true);
    out.append('{');
    stack.push(Scope.EMPTY_OBJECT);
    multiline.push(Boolean.TRUE);
    return this;
  }

  /**
   * Closes the innermost object.
   *
   * @return this writer
   * @throws IllegalStateException if the innermost open structure is not an object, or a member
   *     name is waiting for its value
   */
  public JsonWriter endObject() {
    return close(Scope.EMPTY_OBJECT, Scope.OBJECT, '}');
  }

  /**
   * Opens an array.
   *
   * @return this writer
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter beginArray() {
    beforeValue(true);
    out.append('[');
    stack.push(Scope.EMPTY_ARRAY);
    multiline.push(Boolean.FALSE);
    return this;
  }

  /**
   * Closes the innermost array.
   *
   * @return this writer
   * @throws IllegalStateException if the innermost open structure is not an array
   */
  public JsonWriter endArray() {
    return close(Scope.EMPTY_ARRAY, Scope.ARRAY, ']');
  }

  /**
   * Writes a member name; the next call must write its value.
   *
   * @param name the member name, not null
   * @return this writer
   * @throws IllegalStateException if not directly inside an object, or a name is already pending
   * @throws NullPointerException if {@code name} is null
   */
  public JsonWriter name(String name) {
    if (name == null) {
      throw new NullPointerException("JSON member name must not be null");
    }
    Scope s = stack.peek();
    if ((s != Scope.OBJECT && s != Scope.EMPTY_OBJECT) || nameWritten) {
      throw new IllegalStateException("a member name is only allowed directly inside an object");
    }
    if (s == Scope.OBJECT) {
      out.append(',');
    }
    newline();
    stack.pop();
    stack.push(Scope.OBJECT);
    writeString(name);
    out.append(indent.isEmpty() ? ":" : ": ");
    nameWritten = true;
    return this;
  }

  /**
   * Writes a string value, or {@code null} when {@code value} is null.
   *
   * @param value the string
   * @return this writer
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter value(String value) {
    if (value == null) {
      return nullValue();
    }
    beforeValue(false);
    writeString(value);
    return this;
  }

  /**
   * Writes a number; {@code NaN} and infinities are written as {@code null}.
   *
   * @param value the number
   * @return this writer
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter value(double value) {
    if (!Double.isFinite(value)) {
      return nullValue();
    }
    beforeValue(false);
    out.append(formatNumber(value));
    return this;
  }

  /**
   * Writes an integer.
   *
   * @param value the number
   * @return this writer
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter value(long value) {
    beforeValue(false);
    out.append(value);
    return this;
  }

  /**
   * Writes {@code true} or {@code false}.
   *
   * @param value the boolean
   * @return this writer
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter value(boolean value) {
    beforeValue(false);
    out.append(value);
    return this;
  }

  /**
   * Writes {@code null}.
   *
   * @return this writer
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter nullValue() {
    beforeValue(false);
    out.append("null");
    return this;
  }

  /**
   * Writes an array of numbers ({@code NaN} and infinities as {@code null}).
   *
   * @param values the numbers, not null
   * @return this writer
   */
  public JsonWriter value(double[] values) {
    beginArray();
    for (double v : values) {
      value(v);
    }
    return endArray();
  }

  /**
   * Writes an array of integers.
   *
   * @param values the numbers, not null
   * @return this writer
   */
  public JsonWriter value(long[] values) {
    beginArray();
    for (long v : values) {
      value(v);
    }
    return endArray();
  }

  /**
   * Writes an array of strings.
   *
   * @param values the strings, not null
   * @return this writer
   */
  public JsonWriter value(Iterable<String> values) {
    beginArray();
    for (String v : values) {
      value(v);
    }
    return endArray();
  }

  /**
   * Writes a tree of plain Java values, the shapes {@link JsonReader#parse} returns: a
   * {@link java.util.Map} with string keys (written in its iteration order), an {@link Iterable},
   * a {@link CharSequence}, a {@link Number} ({@code Integer}, {@code Long}, {@code Short},
   * {@code Byte} and {@link java.math.BigInteger} exactly, others as double), a {@link Boolean},
   * {@code double[]}, {@code long[]}, {@code int[]}, an {@link Enum} (its name) or {@code null}.
   *
   * @param tree the value
   * @return this writer
   * @throws IllegalArgumentException for any other type, or a map key that is not a string
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter tree(Object tree) {
    if (tree == null) {
      return nullValue();
    }
    if (tree instanceof java.util.Map<?, ?> m) {
      beginObject();
      for (java.util.Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw new IllegalArgumentException("JSON object keys must be strings, got "
              + e.getKey());
        }
        name(k).tree(e.getValue());
      }
      return endObject();
    }
    if (tree instanceof Iterable<?> it) {
      beginArray();
      for (Object o : it) {
        tree(o);
      }
      return endArray();
    }
    if (tree instanceof CharSequence cs) {
      return value(cs.toString());
    }
    if (tree instanceof Integer || tree instanceof Long || tree instanceof Short
        || tree instanceof Byte) {
      return value(((Number) tree).longValue());
    }
    if (tree instanceof java.math.BigInteger b) {
      beforeValue(false);
      out.append(b);
      return this;
    }
    if (tree instanceof Number n) {
      return value(n.doubleValue());
    }
    if (tree instanceof Boolean b) {
      return value(b.booleanValue());
    }
    if (tree instanceof Enum<?> e) {
      return value(e.name());
    }
    if (tree instanceof double[] d) {
      return value(d);
    }
    if (tree instanceof long[] l) {
      return value(l);
    }
    if (tree instanceof int[] ia) {
      beginArray();
      for (int v : ia) {
        value(v);
      }
      return endArray();
    }
    throw new IllegalArgumentException("cannot write a " + tree.getClass().getName()
        + " as JSON");
  }

  /**
   * @param tree a tree of plain values (see {@link #tree})
   * @return it as indented JSON text
   */
  public static String pretty(Object tree) {
    return pretty().tree(tree).toString();
  }

  /**
   * @param tree a tree of plain values (see {@link #tree})
   * @return it as compact JSON text
   */
  public static String compact(Object tree) {
    return new JsonWriter().tree(tree).toString();
  }

  /**
   * @return whether one complete top-level value has been written and every structure closed
   */
  public boolean isComplete() {
    return topLevelDone && stack.isEmpty();
  }

  /**
   * Returns the text written so far.
   *
   * @return the JSON text
   */
  @Override
  public String toString() {
    return out.toString();
  }

  /**
   * Formats a number the way this writer does: shortest round-trip text, integral values below
   * 2<sup>53</sup> without a fraction, non-finite values as {@code null}.
   *
   * @param v the number
   * @return its JSON text
   */
  public static String formatNumber(double v) {
    if (!Double.isFinite(v)) {
      return "null";
    }
    if (v == Math.rint(v) && Math.abs(v) < MAX_EXACT) {
      if (v == 0.0 && 1.0 / v < 0) {
        return "-0.0";
      }
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /**
   * Quotes and escapes a string as a JSON string literal.
   *
   * @param s the string, not null
   * @return the literal including the surrounding quotes
   */
  public static String quote(String s) {
    JsonWriter w = new JsonWriter();
    w.writeString(s);
    return w.out.toString();
  }

  private void writeString(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            unicodeEscape(c);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
              out.append(c).append(s.charAt(i + 1));
              i++;
            } else {
              unicodeEscape(c);
            }
          } else if (Character.isLowSurrogate(c)) {
            unicodeEscape(c);
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private void unicodeEscape(char c) {
    out.append(String.format("\\u%04x", (int) c));
  }

  private void beforeValue(boolean structure) {
    Scope s = stack.peek();
    if (s == null) {
      if (topLevelDone) {
        throw new IllegalStateException("a JSON text holds exactly one top-level value");
      }
      topLevelDone = true;
      return;
    }
    if (s == Scope.OBJECT || s == Scope.EMPTY_OBJECT) {
      if (!nameWritten) {
        throw new IllegalStateException("inside an object, write name(...) before each value");
      }
      nameWritten = false;
      return;
    }
    if (s == Scope.ARRAY) {
      out.append(',');
    }
    if (structure && !multiline.peek()) {
      multiline.pop();
      multiline.push(Boolean.TRUE);
    }
    if (multiline.peek()) {
      newline();
    } else if (s == Scope.ARRAY && !indent.isEmpty()) {
      out.append(' ');
    }
    stack.pop();
    stack.push(Scope.ARRAY);
  }

  private JsonWriter close(Scope empty, Scope nonEmpty, char bracket) {
    Scope s = stack.peek();
    if (s != empty && s != nonEmpty) {
      throw new IllegalStateException("cannot close '" + bracket + "': innermost open structure is "
          + (s == null ? "none" : s.name().toLowerCase(java.util.Locale.ROOT)));
    }
    if (nameWritten) {
      throw new IllegalStateException("member name written without a value before '" + bracket + "'");
    }
    stack.pop();
    boolean lines = multiline.pop();
    if (s == nonEmpty && lines) {
      newline();
    }
    out.append(bracket);
    return this;
  }

  private void newline() {
    if (indent.isEmpty()) {
      return;
    }
    out.append('\n');
    for (int i = 0; i < stack.size(); i++) {
      out.append(indent);
    }
  }
}
