package dev.ecg.io.edf;

import dev.ecg.core.EcgArgumentException;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The fixed 256-byte part of an EDF header.
 *
 * @param version the version field, {@code 0} for EDF and EDF+
 * @param patientId local patient identification (80 characters)
 * @param recordingId local recording identification (80 characters)
 * @param startDate start date as written, {@code dd.mm.yy}
 * @param startTime start time as written, {@code hh.mm.ss}
 * @param reserved the 44-character reserved field ({@code EDF+C} or {@code EDF+D} for EDF+)
 * @param dataRecords number of data records
 * @param recordDuration duration of a data record in seconds, &gt;= 0
 */
public record EdfHeader(
    String version,
    String patientId,
    String recordingId,
    String startDate,
    String startTime,
    String reserved,
    long dataRecords,
    double recordDuration) {

  /**
   * Validates the fields.
   *
   * @throws EcgArgumentException when the record count or duration is negative
   */
  public EdfHeader {
    version = version == null ? "0" : version;
    patientId = Objects.requireNonNullElse(patientId, "");
    recordingId = Objects.requireNonNullElse(recordingId, "");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(startTime, "startTime");
    reserved = Objects.requireNonNullElse(reserved, "");
    if (dataRecords < 0) {
      throw new EcgArgumentException("data record count must be >= 0, got " + dataRecords);
    }
    if (!(recordDuration >= 0) || Double.isInfinite(recordDuration)) {
      throw new EcgArgumentException("record duration must be >= 0 and finite, got "
          + recordDuration);
    }
  }

  /** @return whether the reserved field marks EDF+ ({@code EDF+C} or {@code EDF+D}) */
  public boolean isEdfPlus() {
    return reserved.startsWith("EDF+C") || reserved.startsWith("EDF+D");
  }

  /** @return whether the file is EDF+D (discontinuous data records) */
  public boolean isDiscontinuous() {
    return reserved.startsWith("EDF+D");
  }

  /**
   * The start as a date-time, using the EDF clipping rule for two-digit years: 85..99 mean
   * 1985..1999, 00..84 mean 2000..2084.
   *
   * @return the start date and time
   * @throws java.time.DateTimeException when the fields do not form a valid date or time
   */
  public LocalDateTime startDateTime() {
    int dd = Integer.parseInt(startDate.substring(0, 2));
    int mm = Integer.parseInt(startDate.substring(3, 5));
    int yy = Integer.parseInt(startDate.substring(6, 8));
    int h = Integer.parseInt(startTime.substring(0, 2));
    int mi = Integer.parseInt(startTime.substring(3, 5));
    int s = Integer.parseInt(startTime.substring(6, 8));
    return LocalDateTime.of(yy >= 85 ? 1900 + yy : 2000 + yy, mm, dd, h, mi, s);
  }
}
