package dev.ecg.core.labels;

import java.util.List;

/**
 * The five diagnostic superclasses of PTB-XL (Wagner et al. 2020), as given in the
 * {@code diagnostic_class} column of {@code scp_statements.csv}.
 */
public enum PtbxlSuperclass {
  /** Normal ECG. */
  NORM,
  /** Myocardial infarction. */
  MI,
  /** ST/T change. */
  STTC,
  /** Conduction disturbance. */
  CD,
  /** Hypertrophy. */
  HYP;

  /** Names in index order. */
  public static final List<String> NAMES = List.of("NORM", "MI", "STTC", "CD", "HYP");
}
