package dev.ecg.io.mat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.Record;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden values come from scipy.io.loadmat (see src/test/python/make_mat_fixtures.py). */
class MatV4Test {
  @TempDir Path tmp;

  static Path resource(String name) {
    try {
      return Path.of(MatV4Test.class.getResource("/mat/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void syntheticFilesMatchScipy() throws IOException {
    Map<String, Object> expected = TestJson.obj(TestJson.parse(resource("synthetic_expected.json")));
    assertEquals(9, expected.size());
    for (Map.Entry<String, Object> file : expected.entrySet()) {
      List<MatMatrix> mats = MatV4.read(resource(file.getKey()));
      Map<String, Object> vars = TestJson.obj(file.getValue());
      assertEquals(vars.size(), mats.size(), file.getKey());
      for (MatMatrix m : mats) {
        Map<String, Object> e = TestJson.obj(vars.get(m.name()));
        String where = file.getKey() + ":" + m.name();
        assertEquals(((Number) e.get("rows")).intValue(), m.rows(), where);
        assertEquals(((Number) e.get("cols")).intValue(), m.cols(), where);
        assertArrayEquals(TestJson.doubles(e.get("real")), m.real(), 0.0, where);
        if (e.containsKey("imag")) {
          assertArrayEquals(TestJson.doubles(e.get("imag")), m.imaginary(), 0.0, where);
        } else {
          assertNull(m.imaginary(), where);
        }
        String dtype = (String) e.get("dtype");
        String want = switch (dtype) {
          case "float64", "complex128" -> "DOUBLE";
          case "float32" -> "FLOAT";
          default -> dtype.toUpperCase();
        };
        assertEquals(want, m.type().name(), where);
      }
    }
  }

  @Test
  void bigEndianAndTypedAccess() throws IOException {
    List<MatMatrix> mats = MatV4.read(resource("be_i16_2x3.mat"));
    MatMatrix be = mats.get(0);
    assertTrue(be.bigEndian());
    assertEquals(MatType.INT16, be.type());
    // hand-packed in the script: [[1, -2, 300], [-32768, 32767, 0]]
    assertEquals(300, be.get(0, 2));
    assertEquals(-32768, be.get(1, 0));
    assertArrayEquals(new double[] {-32768, 32767, 0}, be.row(1));
    assertThrows(IndexOutOfBoundsException.class, () -> be.get(2, 0));
    assertFalse(MatV4.read(resource("f64_2x3.mat")).get(0).bigEndian());
  }

  @Test
  void readByNameAndAsRecord() throws IOException {
    assertEquals(MatType.INT16, MatV4.read(resource("multi.mat"), "val").type());
    assertEquals(List.of("a", "c", "val"),
        List.copyOf(MatV4.readMap(resource("multi.mat")).keySet()));
    EcgFormatException ex =
        assertThrows(EcgFormatException.class, () -> MatV4.read(resource("multi.mat"), "nope"));
    assertTrue(ex.getMessage().contains("nope"));
    Record r = MatV4.readAsRecord(resource("multi.mat"), 300, 10, "mV");
    assertEquals("multi", r.name());
    assertArrayEquals(new double[] {1, -2, 3}, r.channel(0), 0.0);
    assertEquals(List.of("mV"), r.units());
    // two rows -> two channels; -32768 in int16 is the WFDB invalid value -> NaN
    Record be = MatV4.readAsRecord(resource("i16_2x5.mat"), 250, 1, "adu");
    assertEquals(2, be.channelCount());
    assertEquals(5, be.length());
    assertThrows(EcgArgumentException.class,
        () -> MatV4.readAsRecord(resource("multi.mat"), 0, 1, "mV"));
    assertThrows(EcgArgumentException.class,
        () -> MatV4.readAsRecord(resource("multi.mat"), 300, Double.NaN, "mV"));
  }

  @Test
  void invalidSampleBecomesNaN() throws IOException {
    Path f = tmp.resolve("inv.mat");
    ByteBuffer b = ByteBuffer.allocate(20 + 4 + 6).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(30).putInt(1).putInt(3).putInt(0).putInt(4).put("val\0".getBytes());
    b.putShort((short) 5).putShort(Short.MIN_VALUE).putShort((short) -5);
    Files.write(f, b.array());
    Record r = MatV4.readAsRecord(f, 300, 1000, "mV");
    assertEquals(0.005, r.channel(0)[0], 1e-15);
    assertTrue(Double.isNaN(r.channel(0)[1]));
    assertEquals(-0.005, r.channel(0)[2], 1e-15);
  }

  @Test
  void rejectsV5AndV73() {
    UnsupportedFormatException v5 =
        assertThrows(UnsupportedFormatException.class, () -> MatV4.read(resource("v5.mat")));
    assertTrue(v5.getMessage().contains("v5"), v5.getMessage());
    assertTrue(v5.getMessage().contains("unsupported"), v5.getMessage());
    UnsupportedFormatException v73 =
        assertThrows(UnsupportedFormatException.class, () -> MatV4.read(resource("v73_like.mat")));
    assertTrue(v73.getMessage().contains("v7.3"), v73.getMessage());
  }

  @Test
  void rejectsBareHdf5() throws IOException {
    Path f = tmp.resolve("h.mat");
    byte[] b = new byte[64];
    System.arraycopy(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, 0, b, 0, 8);
    Files.write(f, b);
    assertThrows(UnsupportedFormatException.class, () -> MatV4.read(f));
  }

  @Test
  void rejectsTextAndSparse() {
    UnsupportedFormatException t =
        assertThrows(UnsupportedFormatException.class, () -> MatV4.read(resource("text.mat")));
    assertTrue(t.getMessage().contains("text"), t.getMessage());
    UnsupportedFormatException s =
        assertThrows(UnsupportedFormatException.class, () -> MatV4.read(resource("sparse.mat")));
    assertTrue(s.getMessage().contains("sparse"), s.getMessage());
  }

  @Test
  void truncatedFilesFailWithPosition() throws IOException {
    byte[] full = Files.readAllBytes(resource("i16_2x5.mat"));
    for (int cut = 1; cut < full.length; cut++) {
      Path f = tmp.resolve("cut" + cut + ".mat");
      Files.write(f, Arrays.copyOf(full, cut));
      EcgFormatException e = assertThrows(EcgFormatException.class, () -> MatV4.read(f), "cut " + cut);
      assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
      assertEquals("byte", e.positionKind());
      assertTrue(e.position() >= 0 && e.position() <= cut, "cut " + cut + ": " + e.getMessage());
    }
  }

  @Test
  void hostileDimensionsDoNotAllocate() throws IOException {
    int[][] headers = {
      {0, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 2},
      {0, Integer.MAX_VALUE, Integer.MAX_VALUE, 1, 2},
      {30, 100000, 100000, 0, 2},
      {0, -1, 5, 0, 2},
      {0, 1, 1, 7, 2},
      {0, 1, 1, 0, -3},
      {0, 1, 1, 0, Integer.MAX_VALUE},
      {70, 1, 1, 0, 2},
      {100, 1, 1, 0, 2},
      {3000, 1, 1, 0, 2},
      {9, 1, 1, 0, 2},
      {-5, 1, 1, 0, 2},
    };
    for (int[] h : headers) {
      ByteBuffer b = ByteBuffer.allocate(20 + 2 + 8).order(ByteOrder.LITTLE_ENDIAN);
      for (int v : h) {
        b.putInt(v);
      }
      b.put((byte) 'x').put((byte) 0);
      Path f = tmp.resolve("hostile.mat");
      Files.write(f, b.array());
      EcgFormatException e = assertThrows(EcgFormatException.class, () -> MatV4.read(f),
          Arrays.toString(h));
      assertTrue(e.position() >= 0, e.getMessage());
    }
  }

  @Test
  void nameMustBeTerminated() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(20 + 2 + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0).putInt(1).putInt(1).putInt(0).putInt(2).put((byte) 'x').put((byte) 'y');
    Path f = tmp.resolve("noterm.mat");
    Files.write(f, b.array());
    EcgFormatException e = assertThrows(EcgFormatException.class, () -> MatV4.read(f));
    assertEquals(21, e.position());
  }

  @Test
  void emptyFileRejected() throws IOException {
    Path f = Files.write(tmp.resolve("e.mat"), new byte[0]);
    assertThrows(EcgFormatException.class, () -> MatV4.read(f));
  }

  @Test
  void cinc2017MatchesScipy() throws IOException {
    Optional<Path> data = DataDir.find("cinc2017");
    Assumptions.assumeTrue(data.isPresent(), DataDir.missingMessage("cinc2017"));
    Map<String, Object> expected = TestJson.obj(TestJson.parse(resource("cinc2017_expected.json")));
    for (Map.Entry<String, Object> en : expected.entrySet()) {
      Path f = data.get().resolve("training").resolve(en.getKey() + ".mat");
      Map<String, Object> e = TestJson.obj(en.getValue());
      MatMatrix m = MatV4.read(f, "val");
      assertEquals(MatType.INT16, m.type());
      assertEquals(((Number) e.get("rows")).intValue(), m.rows());
      assertEquals(((Number) e.get("cols")).intValue(), m.cols());
      double[] first = TestJson.doubles(e.get("first"));
      double[] last = TestJson.doubles(e.get("last"));
      assertArrayEquals(first, Arrays.copyOfRange(m.real(), 0, first.length), 0.0);
      assertArrayEquals(last, Arrays.copyOfRange(m.real(), m.cols() - last.length, m.cols()), 0.0);
      long sum = 0;
      long sumsq = 0;
      for (double v : m.real()) {
        sum += (long) v;
        sumsq += (long) v * (long) v;
      }
      assertEquals(((Number) e.get("sum")).longValue(), sum, en.getKey());
      assertEquals(((Number) e.get("sumsq")).longValue(), sumsq, en.getKey());
      Record r = MatV4.readAsRecord(f, 300, 1000, "mV");
      assertEquals(en.getKey(), r.name());
      assertEquals(first[0] / 1000, r.channel(0)[0], 1e-12);
      assertEquals(m.cols() / 300.0, r.durationSeconds(), 1e-12);
    }
  }
}
