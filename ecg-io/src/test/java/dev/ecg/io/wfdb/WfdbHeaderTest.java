package dev.ecg.io.wfdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.io.EcgFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Header fields as defined by the WFDB header(5) manual page. */
class WfdbHeaderTest {
  @Test
  void recordLineWithCounterFrequencyAndBaseCounter() throws EcgFormatException {
    WfdbHeader h = WfdbHeader.parse("rec 1 360/720(100.5) 10 12:00:00.5 31/12/1999\r\n"
        + "rec.dat 16 \r\n", null);
    assertEquals(360.0, h.fs());
    assertEquals(720.0, h.counterFrequency());
    assertEquals(100.5, h.baseCounter());
    assertEquals(10, h.sampleCount());
    assertEquals("12:00:00.5", h.baseTime());
    assertEquals("31/12/1999", h.baseDate());
    SignalSpec s = h.signals().get(0);
    assertEquals(1, s.fieldCount());
    assertFalse(s.hasChecksum());
    assertFalse(s.hasInitialValue());
    assertEquals(200.0, s.effectiveGain());
    assertEquals("mV", s.units());
    assertEquals(16, s.adcResolution());
    assertEquals(h, WfdbHeader.parse(h.format(), null));
  }

  @Test
  void defaultsWhenOnlyNameAndSignalCount() throws EcgFormatException {
    WfdbHeader h = WfdbHeader.parse("x 0\n", null);
    assertEquals(250.0, h.fs());
    assertEquals(-1, h.sampleCount());
    assertEquals(0, h.signalCount());
  }

  @Test
  void signalLineFieldsAndBaselineDefaultsToAdcZero() throws EcgFormatException {
    WfdbHeader h = WfdbHeader.parse("r 2 500 7\n"
        + "r.dat 212x4:3+512 200.5/uV 12 1024 995 -22131 0 MLII lead with blanks\n"
        + "r.dat 212 100(-7) 11 1024 1 2 0 V5\n# a comment\n", null);
    SignalSpec a = h.signals().get(0);
    assertEquals(212, a.format());
    assertEquals(4, a.samplesPerFrame());
    assertEquals(3, a.skew());
    assertEquals(512, a.byteOffset());
    assertEquals(200.5, a.gain());
    assertEquals(1024, a.baseline()); // no (baseline): adc zero
    assertEquals("uV", a.units());
    assertEquals(-22131, a.checksum());
    assertEquals("MLII lead with blanks", a.description());
    assertTrue(a.hasChecksum());
    SignalSpec b = h.signals().get(1);
    assertEquals(-7, b.baseline());
    assertEquals("mV", b.units());
    assertEquals(List.of("a comment"), h.comments());
    assertEquals(h, WfdbHeader.parse(h.format(), null));
  }

  @Test
  void multiSegmentHeader() throws EcgFormatException {
    WfdbHeader h = WfdbHeader.parse("m/3 2 125 30\nm_layout 0\nm_1 20\n~ 10\n", null);
    assertTrue(h.isMultiSegment());
    assertEquals(3, h.segmentCount());
    assertTrue(h.segments().get(2).isNull());
    assertEquals(20, h.segments().get(1).sampleCount());
    assertEquals(h, WfdbHeader.parse(h.format(), null));
  }

  @Test
  void physicalConversionOutsideTheFormatRangeAndInvalid() throws EcgFormatException {
    WfdbHeader h = WfdbHeader.parse("r 1 360 3\nr.dat 212 200(10)/mV 12 0 0 0 0 a\n", null);
    int[][] d = {{-2048, 5000, 10}};
    WfdbRecord r = new WfdbRecord(h, h.signals(), 0, 3, d, null);
    assertTrue(Double.isNaN(r.physical()[0][0]));
    assertEquals((5000 - 10) / 200.0, r.physical()[0][1]);
    assertEquals(0.0, r.physical()[0][2]);
  }
}
