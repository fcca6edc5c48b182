package dev.ecg.io.delineate;

/**
 * The fiducial points a {@link Delineation} holds for each beat, with the column name NeuroKit2's
 * {@code ecg_delineate} gives each of them.
 */
public enum Wave {
  /** Onset of the P wave ({@code ECG_P_Onsets}). */
  P_ONSET("ECG_P_Onsets"),
  /** Peak of the P wave ({@code ECG_P_Peaks}). */
  P_PEAK("ECG_P_Peaks"),
  /** End of the P wave ({@code ECG_P_Offsets}). */
  P_OFFSET("ECG_P_Offsets"),
  /** Onset of the QRS complex, NeuroKit2's "R onset" ({@code ECG_R_Onsets}). */
  QRS_ONSET("ECG_R_Onsets"),
  /** Q peak: the last prominent minimum before R ({@code ECG_Q_Peaks}). */
  Q_PEAK("ECG_Q_Peaks"),
  /** S peak: the first prominent minimum after R ({@code ECG_S_Peaks}). */
  S_PEAK("ECG_S_Peaks"),
  /** End of the QRS complex (J point), NeuroKit2's "R offset" ({@code ECG_R_Offsets}). */
  QRS_OFFSET("ECG_R_Offsets"),
  /** Onset of the T wave ({@code ECG_T_Onsets}). */
  T_ONSET("ECG_T_Onsets"),
  /** Peak of the T wave ({@code ECG_T_Peaks}). */
  T_PEAK("ECG_T_Peaks"),
  /** End of the T wave ({@code ECG_T_Offsets}). */
  T_OFFSET("ECG_T_Offsets");

  private final String neurokitName;

  Wave(String neurokitName) {
    this.neurokitName = neurokitName;
  }

  /**
   * @return the key of this point in the dictionary NeuroKit2's {@code ecg_delineate} returns,
   *     for example {@code ECG_R_Onsets} for {@link #QRS_ONSET}
   */
  public String neurokitName() {
    return neurokitName;
  }
}
