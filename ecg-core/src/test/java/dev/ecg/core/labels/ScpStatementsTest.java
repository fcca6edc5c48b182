package dev.ecg.core.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ScpStatements on a hand-written excerpt of PTB-XL's scp_statements.csv (CRLF line ends). */
class ScpStatementsTest {
  // Header and eight rows in the layout of PTB-XL 1.0.x scp_statements.csv; metadata only.
  static final String EXCERPT = String.join("\r\n",
      ",description,diagnostic,form,rhythm,diagnostic_class,diagnostic_subclass,"
          + "Statement Category,SCP-ECG Statement Description,AHA code,aECG REFID,CDISC Code,"
          + "DICOM Code",
      "NDT,non-diagnostic T abnormalities,1.0,1.0,,STTC,STTC,other ST-T descriptive statements,"
          + "non-diagnostic T abnormalities,,,,",
      "NORM,normal ECG,1.0,,,NORM,NORM,Normal/abnormal,normal ECG,1,,,F-000B7",
      "IMI,inferior myocardial infarction,1.0,,,MI,IMI,Myocardial Infarction,"
          + "inferior myocardial infarction,161,,,",
      "LVH,left ventricular hypertrophy,1.0,,,HYP,LVH,Ventricular Hypertrophy,"
          + "left ventricular hypertrophy,142,,C71076,",
      "1AVB,first degree AV block,1.0,,,CD,_AVB,\"Sinus node dysfunction, atrial and "
          + "AV-conduction defects\",first degree AV block,,MDC_ECG_RHY_AV_HEART_BLK_DEG_1,"
          + "C111088,",
      "PVC,ventricular premature complex,,1.0,,,,Statements related to ectopic rhythm "
          + "abnormalities,ventricular premature complex (beat),60,MDC_ECG_BEAT_V_P_C,,",
      "SR,sinus rhythm,,,1.0,,,Statements related to impulse formation (abnormalities),"
          + "sinus rhythm,20,MDC_ECG_RHY_SINUS_RHY,,",
      "BIGU,\"bigeminal pattern (unknown origin, SV or Ventricular)\",,,1.0,,,Statements "
          + "related to ectopic rhythm abnormalities,\"bigeminal pattern (unknown origin, SV or "
          + "Ventricular)\",,,,",
      "");

  private static ScpStatements excerpt() {
    return ScpStatements.parse(EXCERPT, "excerpt");
  }

  @Test
  void readsRows() {
    ScpStatements s = excerpt();
    assertEquals(8, s.size());
    assertEquals(List.of("NDT", "NORM", "IMI", "LVH", "1AVB", "PVC", "SR", "BIGU"),
        List.copyOf(s.statements().keySet()));
    ScpStatement avb = s.get("1AVB").orElseThrow();
    assertTrue(avb.diagnostic());
    assertFalse(avb.rhythm());
    assertEquals(Optional.of(PtbxlSuperclass.CD), avb.diagnosticClass());
    assertEquals(Optional.of("_AVB"), avb.diagnosticSubclass());
    assertEquals(Optional.of("Sinus node dysfunction, atrial and AV-conduction defects"),
        avb.category());
    ScpStatement bigu = s.get("BIGU").orElseThrow();
    assertEquals("bigeminal pattern (unknown origin, SV or Ventricular)", bigu.description());
    assertTrue(bigu.rhythm());
    assertFalse(bigu.diagnostic());
    assertEquals(Optional.empty(), bigu.diagnosticClass());
    ScpStatement ndt = s.get("NDT").orElseThrow();
    assertTrue(ndt.diagnostic() && ndt.form());
    assertTrue(s.get("PVC").orElseThrow().form());
    assertEquals(Optional.empty(), s.get("XYZ"));
    assertEquals(Optional.empty(), s.get(null));
  }

  @Test
  void superclassesFollowPtbxlExampleConvention() {
    ScpStatements s = excerpt();
    assertEquals(Set.of(PtbxlSuperclass.NORM),
        s.superclassesOf(ScpStatements.parseScpCodes("{'NORM': 100.0, 'SR': 0.0}")));
    // Likelihood 0 still counts by default; rhythm/form-only and unknown codes are ignored.
    assertEquals(Set.of(PtbxlSuperclass.MI, PtbxlSuperclass.HYP, PtbxlSuperclass.CD,
            PtbxlSuperclass.STTC),
        s.superclassesOf(Map.of("IMI", 35.0, "LVH", 0.0, "1AVB", 100.0, "NDT", 50.0,
            "PVC", 100.0, "SR", 0.0, "NOT_A_CODE", 100.0)));
    assertEquals(Set.of(), s.superclassesOf(Map.of("SR", 100.0, "BIGU", 100.0)));
    assertEquals(Set.of(), s.superclassesOf(Map.of()));
  }

  @Test
  void likelihoodThreshold() {
    ScpStatements s = excerpt();
    Map<String, Double> codes = Map.of("IMI", 35.0, "LVH", 0.0, "1AVB", 100.0);
    assertEquals(Set.of(PtbxlSuperclass.CD, PtbxlSuperclass.MI), s.superclassesOf(codes, 15.0));
    assertEquals(Set.of(PtbxlSuperclass.CD), s.superclassesOf(codes, 100.0));
    assertEquals(Set.of(PtbxlSuperclass.CD, PtbxlSuperclass.MI, PtbxlSuperclass.HYP),
        s.superclassesOf(codes, 0.0));
    assertThrows(EcgArgumentException.class, () -> s.superclassesOf(codes, Double.NaN));
  }

  @Test
  void parsesDictLiterals() {
    Map<String, Double> expected = new LinkedHashMap<>();
    expected.put("NORM", 100.0);
    expected.put("LVOLT", 0.0);
    expected.put("SR", 0.0);
    Map<String, Double> got = ScpStatements.parseScpCodes("{'NORM': 100.0, 'LVOLT': 0.0, 'SR': 0.0}");
    assertEquals(expected, got);
    assertEquals(List.of("NORM", "LVOLT", "SR"), List.copyOf(got.keySet()), "order kept");
    assertEquals(Map.of(), ScpStatements.parseScpCodes("{}"));
    assertEquals(Map.of(), ScpStatements.parseScpCodes("  { } "));
    assertEquals(Map.of("IMI", 15.0, "1AVB", 1e2),
        ScpStatements.parseScpCodes("{\"IMI\":15,'1AVB' : 1e2 ,}"));
    assertEquals(Map.of("A", 0.5), ScpStatements.parseScpCodes("{'A': .5}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "NORM: 100", "{'NORM': 100.0", "'NORM': 100.0}", "{'NORM' 100.0}",
      "{'NORM': }", "{'NORM': abc}", "{NORM: 100.0}", "{'NORM': 100.0 'SR': 0.0}",
      "{'NORM': 100.0,, 'SR': 0.0}", "{'': 1.0}", "{'NORM': 1.0, 'NORM': 2.0}",
      "{'NO\\'RM': 1.0}", "{'NORM': nan}", "{'NORM': 1e999}", "{'NORM': 100.0}}", "{,}"})
  void rejectsMalformedDictLiterals(String text) {
    LabelFormatException e = assertThrows(LabelFormatException.class,
        () -> ScpStatements.parseScpCodes(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  @Test
  void rejectsMalformedTables() {
    String header = ",description,diagnostic,form,rhythm,diagnostic_class,diagnostic_subclass\n";
    LabelFormatException e = assertThrows(LabelFormatException.class,
        () -> ScpStatements.parse(",description,diagnostic,form,rhythm,diagnostic_class\n", "t"));
    assertTrue(e.getMessage().contains("missing column 'diagnostic_subclass'"), e.getMessage());
    e = assertThrows(LabelFormatException.class,
        () -> ScpStatements.parse(header + "X,x,yes,,,NORM,NORM\n", "t"));
    assertTrue(e.getMessage().contains("column 'diagnostic' holds 'yes'"), e.getMessage());
    e = assertThrows(LabelFormatException.class,
        () -> ScpStatements.parse(header + "X,x,1.0,,,ARRH,ARRH\n", "t"));
    assertTrue(e.getMessage().contains("unknown diagnostic_class 'ARRH'"), e.getMessage());
    e = assertThrows(LabelFormatException.class,
        () -> ScpStatements.parse(header + "X,x,1.0,,,NORM,NORM\nX,y,,,1.0,,\n", "t"));
    assertTrue(e.getMessage().contains("t, data row 2: duplicate SCP code 'X'"), e.getMessage());
    e = assertThrows(LabelFormatException.class,
        () -> ScpStatements.parse(header + "X,x,1.0\n", "t"));
    assertTrue(e.getMessage().contains("3 fields, header has 7"), e.getMessage());
    e = assertThrows(LabelFormatException.class,
        () -> ScpStatements.parse(header + ",x,1.0,,,NORM,NORM\n", "t"));
    assertTrue(e.getMessage().contains("empty SCP code"), e.getMessage());
    e = assertThrows(LabelFormatException.class, () -> ScpStatements.parse("", "t"));
    assertTrue(e.getMessage().contains("header"), e.getMessage());
  }
}
