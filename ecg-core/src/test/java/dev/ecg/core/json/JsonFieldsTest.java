package dev.ecg.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {

  private static JsonFields fields(String json) {
    return JsonFields.of(JsonReader.parse(json), "cfg");
  }

  @Test
  void typedGettersReadWhatIsThere() {
    JsonFields f = fields("{\"n\": 3, \"x\": 0.25, \"s\": \"pan-tompkins\", \"b\": true,"
        + " \"l\": [\"a\", \"b\"], \"o\": {\"k\": 1}}");
    assertEquals(3, f.wholeNumber("n", 0, 10));
    assertEquals(0.25, f.number("x"));
    assertEquals("pan-tompkins", f.string("s"));
    assertEquals(true, f.bool("b", false));
    assertEquals(List.of("a", "b"), f.stringList("l"));
    assertEquals(1, f.object("o").wholeNumber("k", 0, 1));
    assertEquals(7, f.wholeNumber("absent", 0, 10, 7));
    assertEquals(Thread.State.NEW, f.enumValue("absent", Thread.State.class, Thread.State.NEW));
    assertEquals(Thread.State.TIMED_WAITING,
        fields("{\"e\": \"timed-waiting\"}").enumValue("e", Thread.State.class, null));
  }

  @Test
  void errorsNameTheObjectAndMember() {
    JsonFields f = fields("{\"n\": 3.5, \"s\": 4, \"big\": 1e300}");
    EcgArgumentException e = assertThrows(EcgArgumentException.class,
        () -> f.wholeNumber("n", 0, 10));
    assertTrue(e.getMessage().contains("cfg") && e.getMessage().contains("'n'"), e.getMessage());
    e = assertThrows(EcgArgumentException.class, () -> f.string("s"));
    assertTrue(e.getMessage().contains("'s' must be a string"), e.getMessage());
    assertThrows(EcgArgumentException.class, () -> f.wholeNumber("big", 0, Long.MAX_VALUE));
    e = assertThrows(EcgArgumentException.class, () -> f.number("missing"));
    assertTrue(e.getMessage().contains("'missing' is required"), e.getMessage());
    e = assertThrows(EcgArgumentException.class, () -> f.requireOnly(Set.of("n", "s")));
    assertTrue(e.getMessage().contains("[big]"), e.getMessage());
    e = assertThrows(EcgArgumentException.class,
        () -> fields("{\"e\": \"sleepy\"}").enumValue("e", Thread.State.class, null));
    assertTrue(e.getMessage().contains("timed-waiting"), e.getMessage());
    assertThrows(EcgArgumentException.class, () -> JsonFields.of(List.of(), "top"));
  }

  @Test
  void wholeNumbersBeyondTwoToThe53KeepEveryDigit() {
    Object v = JsonReader.parse("[9007199254740993, -9223372036854775808, 12, 1e20]");
    List<?> l = (List<?>) v;
    assertEquals(9007199254740993L, l.get(0));
    assertEquals(Long.MIN_VALUE, l.get(1));
    assertEquals(12.0, l.get(2));
    assertEquals(1e20, l.get(3));
    assertEquals(9007199254740993L,
        fields("{\"seed\": 9007199254740993}").wholeNumber("seed", 0, Long.MAX_VALUE));
  }

  @Test
  void treeWriterRoundTripsThroughTheReader() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "x\"y");
    m.put("n", 3);
    m.put("seed", -7046029254386353131L);
    m.put("xs", new double[] {0.5, Double.NaN});
    m.put("list", List.of(1.5, true, "s"));
    m.put("nested", Map.of("k", List.of()));
    m.put("none", null);
    String json = JsonWriter.compact(m);
    assertEquals("{\"name\":\"x\\\"y\",\"n\":3,\"seed\":-7046029254386353131,\"xs\":[0.5,null],"
        + "\"list\":[1.5,true,\"s\"],\"nested\":{\"k\":[]},\"none\":null}", json);
    Map<?, ?> back = (Map<?, ?>) JsonReader.parse(JsonWriter.pretty(m));
    assertEquals(-7046029254386353131L, back.get("seed"));
    assertEquals(3.0, back.get("n"));
    assertThrows(IllegalArgumentException.class, () -> JsonWriter.compact(new Object()));
  }
}
