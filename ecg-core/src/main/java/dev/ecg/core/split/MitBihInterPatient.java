package dev.ecg.core.split;

import java.util.List;

/**
 * The inter-patient division of the MIT-BIH Arrhythmia Database of de Chazal, O'Dwyer and Reilly
 * ("Automatic classification of heartbeats using ECG morphology and heartbeat interval
 * features", IEEE Trans. Biomed. Eng. 51(7):1196-1206, 2004): the four paced records are
 * excluded and the remaining 44 are split into a training set DS1 and a test set DS2 of 22
 * records each, so that no patient's beats are on both sides.
 */
public final class MitBihInterPatient {
  private MitBihInterPatient() {}

  /** Training records (DS1), in ascending order. */
  public static final List<String> DS1 = List.of(
      "101", "106", "108", "109", "112", "114", "115", "116", "118", "119", "122",
      "124", "201", "203", "205", "207", "208", "209", "215", "220", "223", "230");

  /** Test records (DS2), in ascending order. */
  public static final List<String> DS2 = List.of(
      "100", "103", "105", "111", "113", "117", "121", "123", "200", "202", "210",
      "212", "213", "214", "219", "221", "222", "228", "231", "232", "233", "234");

  /** Paced records, excluded from both sets (as AAMI EC57 recommends). */
  public static final List<String> PACED = List.of("102", "104", "107", "217");

  /**
   * @param record a record name such as {@code "101"}
   * @return whether the record is in DS1
   */
  public static boolean isDs1(String record) {
    return record != null && DS1.contains(record);
  }

  /**
   * @param record a record name such as {@code "100"}
   * @return whether the record is in DS2
   */
  public static boolean isDs2(String record) {
    return record != null && DS2.contains(record);
  }

  /**
   * @param record a record name such as {@code "102"}
   * @return whether the record is one of the excluded paced records
   */
  public static boolean isPaced(String record) {
    return record != null && PACED.contains(record);
  }
}
