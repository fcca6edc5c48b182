package dev.ecg.io.wfdb;

import dev.ecg.core.EcgArgumentException;
import java.util.Objects;

/**
 * One signal specification line of a WFDB header ({@code .hea}), as described in the WFDB
 * {@code header(5)} manual page:
 *
 * <pre>
 * file  format[xspf][:skew][+offset]  gain[(baseline)][/units]  adcres  adczero  initval  checksum  blocksize  description
 * </pre>
 *
 * <p>Fields after the format are optional but positional: a field may only be present when all
 * fields before it are. {@link #fieldCount()} records how many of the eight fields after the file
 * name were present, so that {@link #hasInitialValue()} and {@link #hasChecksum()} can tell a
 * written zero from a missing field. Absent fields hold the WFDB defaults (gain 0 meaning
 * uncalibrated, shown as 200 adu/unit for conversion; units {@code mV}; the resolution of the
 * format; zero adc zero, initial value and checksum).
 *
 * @param fileName signal file name, relative to the header's folder ({@code ~} only in layouts)
 * @param format storage format: 0 (null), 8, 16, 24, 32, 61, 80, 160, 212, 310 or 311
 * @param samplesPerFrame samples of this signal in each frame, at least 1
 * @param skew number of frames by which the signal is delayed in the file, at least 0
 * @param byteOffset bytes to skip at the start of the signal file before the first sample
 * @param gain adu per physical unit as written (0 = uncalibrated)
 * @param baseline digital value that corresponds to 0 physical units
 * @param units physical units, e.g. {@code mV}
 * @param adcResolution ADC resolution in bits
 * @param adcZero digital value at the middle of the ADC range
 * @param initialValue the first sample value (format 8: the value the differences start from)
 * @param checksum 16-bit sum of all samples of the signal, as written (may be signed or unsigned)
 * @param blockSize block size in bytes (0 for ordinary files)
 * @param description signal description, usually the lead name
 * @param fieldCount how many fields after the file name were written (1..8)
 */
public record SignalSpec(
    String fileName,
    int format,
    int samplesPerFrame,
    int skew,
    long byteOffset,
    double gain,
    int baseline,
    String units,
    int adcResolution,
    int adcZero,
    int initialValue,
    int checksum,
    int blockSize,
    String description,
    int fieldCount) {

  /** Gain used for physical conversion when the header gives none (WFDB_DEFGAIN). */
  public static final double DEFAULT_GAIN = 200.0;

  /** Checks the fields. */
  public SignalSpec {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(units, "units");
    Objects.requireNonNull(description, "description");
    if (!WfdbFormat.isSupported(format)) {
      throw new EcgArgumentException("unsupported WFDB format " + format);
    }
    if (samplesPerFrame < 1 || skew < 0 || byteOffset < 0 || blockSize < 0) {
      throw new EcgArgumentException("samplesPerFrame >= 1, skew >= 0, byteOffset >= 0 and"
          + " blockSize >= 0 required");
    }
    if (!(gain >= 0) || Double.isInfinite(gain)) {
      throw new EcgArgumentException("gain must be finite and >= 0, got " + gain);
    }
    if (fieldCount < 1 || fieldCount > 8) {
      throw new EcgArgumentException("fieldCount must be in 1..8, got " + fieldCount);
    }
  }

  /**
   * A fully specified signal with spf 1, no skew and no byte offset: the kind a writer produces.
   *
   * @param fileName signal file name
   * @param format storage format
   * @param gain adu per physical unit
   * @param baseline digital value of 0 physical units
   * @param units physical units
   * @param adcResolution ADC bits
   * @param description lead name
   * @return the specification, with initial value and checksum 0 until a writer fills them
   */
  public static SignalSpec of(String fileName, int format, double gain, int baseline, String units,
      int adcResolution, String description) {
    return new SignalSpec(fileName, format, 1, 0, 0, gain, baseline, units, adcResolution, 0, 0,
        0, 0, description, 8);
  }

  /** @return whether the header gave an initial value */
  public boolean hasInitialValue() {
    return fieldCount >= 5;
  }

  /** @return whether the header gave a checksum */
  public boolean hasChecksum() {
    return fieldCount >= 6;
  }

  /** @return the gain used to convert to physical units (200 when the header gives 0) */
  public double effectiveGain() {
    return gain == 0 ? DEFAULT_GAIN : gain;
  }

  /**
   * @param digital a stored sample value
   * @return the value in physical units, NaN for the format's invalid-sample value
   */
  public double toPhysical(int digital) {
    if (digital == WfdbFormat.invalidValue(format)) {
      return Double.NaN;
    }
    return (digital - baseline) / effectiveGain();
  }

  /**
   * @param newInitialValue initial value
   * @param newChecksum checksum
   * @return a copy with these two fields set (and fieldCount raised to include them)
   */
  public SignalSpec withInitialValueAndChecksum(int newInitialValue, int newChecksum) {
    return new SignalSpec(fileName, format, samplesPerFrame, skew, byteOffset, gain, baseline,
        units, adcResolution, adcZero, newInitialValue, newChecksum, blockSize, description,
        Math.max(fieldCount, 6));
  }

  /**
   * @param newSkew the skew in frames, &gt;= 0
   * @return a copy with that skew
   */
  public SignalSpec withSkew(int newSkew) {
    return new SignalSpec(fileName, format, samplesPerFrame, newSkew, byteOffset, gain, baseline,
        units, adcResolution, adcZero, initialValue, checksum, blockSize, description, fieldCount);
  }

  /**
   * @param newFileName file name
   * @return a copy with another file name
   */
  public SignalSpec withFileName(String newFileName) {
    return new SignalSpec(newFileName, format, samplesPerFrame, skew, byteOffset, gain, baseline,
        units, adcResolution, adcZero, initialValue, checksum, blockSize, description, fieldCount);
  }
}
