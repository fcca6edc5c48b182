package dev.ecg.io.reliability;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.EcgFormatException;
import dev.ecg.io.csv.HeartbeatCsv;
import dev.ecg.io.edf.Edf;
import dev.ecg.io.mat.MatV4;
import dev.ecg.io.wfdb.WfdbAnnotations;
import dev.ecg.io.wfdb.WfdbReader;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile size fields: every reader must refuse, or read what is really there, while allocating
 * no more than a small multiple of the file's size plus a fixed allowance. Allocation is measured
 * with HotSpot's per-thread allocation counter, so the bound is checked, not assumed; the JVM
 * keeps the normal test heap.
 */
class ResourceBoundsTest {
  /** Fixed allowance for parser bookkeeping, exception messages and class loading. */
  private static final long SLACK = 16L << 20;

  @TempDir Path tmp;

  interface Call {
    void run() throws Exception;
  }

  /** Bytes the current thread allocated while running {@code c}; exceptions are swallowed. */
  static long allocated(Call c) {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported(), "no allocation counter");
    long id = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(id);
    try {
      c.run();
    } catch (Exception expected) {
      // the outcome is checked by the caller; here only the allocation counts
    }
    return bean.getThreadAllocatedBytes(id) - before;
  }

  static void assertBounded(Path file, Call c) throws Exception {
    long size = Files.size(file);
    long bytes = allocated(c);
    long bound = 64 * size + SLACK;
    assertTrue(bytes <= bound, file.getFileName() + " (" + size + " bytes) made the reader allocate "
        + bytes + " bytes, bound " + bound);
  }

  private Path record(String header, byte[] dat) throws Exception {
    Files.writeString(tmp.resolve("r.hea"), header, StandardCharsets.US_ASCII);
    Files.write(tmp.resolve("r.dat"), dat);
    return tmp.resolve("r");
  }

  @Test
  void wfdbHeaderClaimingTenToTheTwelveSamples() throws Exception {
    Path r = record("r 1 360 1000000000000\nr.dat 16 200 16 0 0 0 0 a\n", new byte[2000]);
    assertThrows(EcgFormatException.class, () -> WfdbReader.create().read(r));
    assertBounded(tmp.resolve("r.dat"), () -> WfdbReader.create().read(r));
    assertBounded(tmp.resolve("r.dat"), () -> dev.ecg.io.wfdb.Wfdb.readSamples(r));
    // no length at all: the file decides (1000 samples)
    Path r2 = record("r 1 360\nr.dat 16 200 16 0 0 0 0 a\n", new byte[2000]);
    assertTrue(WfdbReader.create().read(r2).length() == 1000);
  }

  @Test
  void wfdbHeaderClaimingAMillionSignals() throws Exception {
    StringBuilder h = new StringBuilder("r 1000000 360 10\n");
    for (int i = 0; i < 1_000_000; i++) {
      h.append("r.dat 16\n");
    }
    Path r = record(h.toString(), new byte[20]);
    EcgFormatException e = assertThrows(EcgFormatException.class,
        () -> WfdbReader.create().read(r));
    assertTrue(e.getMessage().contains("signal count"), e.getMessage());
    assertBounded(tmp.resolve("r.hea"), () -> WfdbReader.create().read(r));
  }

  @Test
  void annotationAuxLongerThanTheFile() throws Exception {
    // AUX pseudo-code 63 with the largest length its 10-bit field can state, then 10 bytes only
    ByteBuffer b = ByteBuffer.allocate(2 + 2 + 10).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) ((1 << 10) | 5)); // N at t=5
    b.putShort((short) ((63 << 10) | 1023));
    Path f = tmp.resolve("r.atr");
    Files.write(f, b.array());
    assertThrows(EcgFormatException.class, () -> WfdbAnnotations.read(f));
    assertBounded(f, () -> WfdbAnnotations.read(f));
  }

  @Test
  void manyHugeAuxStringsCostOnlyTheirBytes() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 4000; i++) {
      out.write(5);
      out.write(1 << 2); // N, t += 5
      out.write(0xff);
      out.write((63 << 2) | 0x3); // AUX of 1023 bytes
      for (int k = 0; k < 1024; k++) {
        out.write('a' + k % 26);
      }
    }
    out.write(0);
    out.write(0);
    Path f = tmp.resolve("big.atr");
    Files.write(f, out.toByteArray());
    assertBounded(f, () -> WfdbAnnotations.read(f));
  }

  @Test
  void matDimensionsOfTwoToTheThirtyOne() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(20 + 2 + 64).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0).putInt(Integer.MAX_VALUE).putInt(Integer.MAX_VALUE).putInt(0).putInt(2)
        .put((byte) 'x').put((byte) 0);
    Path f = tmp.resolve("h.mat");
    Files.write(f, b.array());
    assertThrows(EcgFormatException.class, () -> MatV4.read(f));
    assertBounded(f, () -> MatV4.read(f));
  }

  @Test
  void edfClaimingHundredMillionRecordsAndSamples() throws Exception {
    byte[] h = new byte[256 + 256];
    java.util.Arrays.fill(h, (byte) ' ');
    put(h, 0, "0");
    put(h, 168, "01.01.01");
    put(h, 176, "00.00.00");
    put(h, 184, "512");
    put(h, 236, "99999999"); // records
    put(h, 244, "1");
    put(h, 252, "1");
    int s = 256;
    put(h, s, "ECG");
    put(h, s + 96, "mV");
    put(h, s + 104, "-1");
    put(h, s + 112, "1");
    put(h, s + 120, "-32768");
    put(h, s + 128, "32767");
    put(h, s + 216, "99999999"); // samples per record
    Path f = tmp.resolve("h.edf");
    Files.write(f, h);
    assertThrows(EcgFormatException.class, () -> Edf.read(f));
    assertBounded(f, () -> Edf.read(f));
  }

  @Test
  void heartbeatCsvWithAMillionColumns() throws Exception {
    Path f = tmp.resolve("wide.csv");
    Files.writeString(f, "0,".repeat(1_000_000) + "0\n");
    assertBounded(f, () -> HeartbeatCsv.read(f));
  }

  private static void put(byte[] b, int off, String v) {
    byte[] s = v.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(s, 0, b, off, s.length);
  }

  /** More than 65,536 signals in one format-16 file used to spin forever in the fused decoder. */
  @Test
  void aFrameWiderThanADecodeChunkReadsInBoundedTime() throws Exception {
    int n = 70_000;
    StringBuilder h = new StringBuilder("r " + n + " 360 2\n");
    for (int s = 0; s < n; s++) {
      h.append("r.dat 16 200 16 0 0 0 0 s").append(s).append('\n');
    }
    byte[] dat = new byte[4 * n];
    dat[2 * n] = 7; // frame 1, signal 0
    Path r = record(h.toString(), dat);
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
        () -> {
          var rec = WfdbReader.create().read(r);
          org.junit.jupiter.api.Assertions.assertEquals(7, rec.digital()[0][1]);
          org.junit.jupiter.api.Assertions.assertEquals(n, dev.ecg.io.wfdb.Wfdb.readSamples(r)
              .channelCount());
        });
  }

  /** Tens of MB of blank lines in a header cost their bytes, not a string per line. */
  @Test
  void aHeaderPaddedWithBlankLinesCostsItsBytes() throws Exception {
    int pad = 20_000_000;
    byte[] head = "r 1 360 2\n".getBytes(StandardCharsets.US_ASCII);
    byte[] sig = "r.dat 16 200 16 0 0 0 0 a\n".getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + pad + sig.length];
    System.arraycopy(head, 0, all, 0, head.length);
    java.util.Arrays.fill(all, head.length, head.length + pad, (byte) '\n');
    System.arraycopy(sig, 0, all, head.length + pad, sig.length);
    Files.write(tmp.resolve("r.hea"), all);
    Files.write(tmp.resolve("r.dat"), new byte[4]);
    Path r = tmp.resolve("r");
    org.junit.jupiter.api.Assertions.assertEquals(2, WfdbReader.create().read(r).length());
    long bytes = allocated(() -> WfdbReader.create().read(r));
    // the file's bytes and one Latin-1 string of them; a String[] of 20 M lines was 80+ MB more
    assertTrue(bytes <= 2L * all.length + SLACK, bytes + " bytes for a " + all.length
        + "-byte header");
  }

  /** An annotation file of zeros ends at its first word: no list sized from the file length. */
  @Test
  void anAnnotationFileOfZerosIsEmptyAndCheap() throws Exception {
    Path f = tmp.resolve("z.atr");
    Files.write(f, new byte[8 << 20]);
    org.junit.jupiter.api.Assertions.assertEquals(0, WfdbAnnotations.read(f).size());
    long bytes = allocated(() -> WfdbAnnotations.read(f));
    assertTrue(bytes <= Files.size(f) + SLACK, bytes + " bytes");
  }

  /** A MAT v4 matrix declaring (2^31 - 1) x 0: refused, not one array per row. */
  @Test
  void aMatMatrixWithNoColumnsIsRefusedCheaply() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0).putInt(Integer.MAX_VALUE).putInt(0).putInt(0).putInt(4);
    b.put("val\0".getBytes(StandardCharsets.US_ASCII));
    Path f = tmp.resolve("m.mat");
    Files.write(f, b.array());
    EcgFormatException e = assertThrows(EcgFormatException.class,
        () -> MatV4.readAsRecord(f, 250, 1, "mV"));
    assertTrue(e.getMessage().contains("at least one channel and one sample"), e.getMessage());
    assertBounded(f, () -> MatV4.readAsRecord(f, 250, 1, "mV"));
  }
}
