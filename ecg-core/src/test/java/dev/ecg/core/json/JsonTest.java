package dev.ecg.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesCompactJsonWithEscapes() {
    String s = new JsonWriter().beginObject()
        .name("a").value(1.5)
        .name("b").beginArray().value("x\"y\\z\n\t\u0001").value(true).nullValue().endArray()
        .name("nan").value(Double.NaN)
        .name("inf").value(Double.NEGATIVE_INFINITY)
        .name("int").value(3.0)
        .name("long").value(12345678901L)
        .name("empty").beginObject().endObject()
        .endObject().toString();
    assertEquals("{\"a\":1.5,\"b\":[\"x\\\"y\\\\z\\n\\t\\u0001\",true,null],\"nan\":null,"
        + "\"inf\":null,\"int\":3,\"long\":12345678901,\"empty\":{}}", s);
  }

  @Test
  void prettyOutputParsesBack() {
    JsonWriter w = JsonWriter.pretty().beginObject().name("k").value(List.of("N", "S"))
        .name("m").beginArray().value(new long[] {1, 2}).value(new double[] {0.25, Double.NaN}).endArray()
        .endObject();
    assertTrue(w.isComplete());
    assertTrue(w.toString().contains("\n  \"k\": [\"N\", \"S\"],\n"), w::toString);
    assertTrue(w.toString().contains("\"m\": [\n    [1, 2],\n    [0.25, null]\n  ]"), w::toString);
    Map<?, ?> m = (Map<?, ?>) JsonReader.parse(w.toString());
    assertEquals(List.of("N", "S"), m.get("k"));
    assertEquals(List.of(List.of(1.0, 2.0), java.util.Arrays.asList(0.25, null)), m.get("m"));
  }

  @Test
  void writerMisuseFailsFast() {
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value(1.0));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().endObject());
    assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1.0).value(2.0));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").endObject());
    assertFalse(new JsonWriter().beginArray().isComplete());
  }

  @Test
  void loneSurrogatesAreEscaped() {
    assertEquals("\"\\ud800x\"", JsonWriter.quote("\ud800x"));
    assertEquals("\"\ud83d\ude00\"", JsonWriter.quote("\ud83d\ude00"));
  }

  @Test
  void readerRejectsInvalidJson() {
    for (String bad : new String[] {"", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\\x\"", "nul",
        "{\"a\":1,\"a\":2}", "[1] 2", "{a:1}", "\"a\nb\"", "1e", "[\"\\u12g4\"]"}) {
      JsonFormatException e = assertThrows(JsonFormatException.class, () -> JsonReader.parse(bad), bad);
      assertTrue(e.getMessage().contains("offset"), e::getMessage);
    }
    assertThrows(JsonFormatException.class, () -> JsonReader.parse("[".repeat(600) + "]".repeat(600)));
  }

  @Test
  void readerParsesNumbersAndEscapes() {
    assertEquals(List.of(-0.5, 1e-3, 2.5E10, 0.0), JsonReader.parse(" [-0.5, 1e-3 ,2.5E+10,0] "));
    assertEquals("a/\u00e9\u2028", JsonReader.parse("\"a\\/\\u00e9\\u2028\""));
  }

  @Property(tries = 300)
  void stringsRoundTrip(@ForAll String s) {
    assertEquals(s, JsonReader.parse(JsonWriter.quote(s)));
  }

  @Property(tries = 300)
  void finiteDoublesRoundTripExactly(@ForAll double d) {
    String text = new JsonWriter().value(d).toString();
    Object back = JsonReader.parse(text);
    if (Double.isFinite(d)) {
      assertEquals(d, (Double) back, 0.0);
      assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits((Double) back), text);
    } else {
      assertEquals(null, back);
    }
  }
}
