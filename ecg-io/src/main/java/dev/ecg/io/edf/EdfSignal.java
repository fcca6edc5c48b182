package dev.ecg.io.edf;

import dev.ecg.core.EcgArgumentException;
import java.util.Objects;

/**
 * The header of one EDF signal: the ten per-signal fields of the EDF header.
 *
 * <p>Physical values follow the specification's linear map from the digital range onto the
 * physical range: {@code physical = physicalMin + (digital - digitalMin) * (physicalMax -
 * physicalMin) / (digitalMax - digitalMin)}.
 *
 * @param label the signal label (16 characters), e.g. {@code ECG II} or {@code EDF Annotations}
 * @param transducer the transducer type (80 characters)
 * @param physicalDimension the physical unit (8 characters), e.g. {@code uV}
 * @param physicalMin the physical minimum
 * @param physicalMax the physical maximum, different from the minimum
 * @param digitalMin the digital minimum, -32768..32767
 * @param digitalMax the digital maximum, greater than the minimum, -32768..32767
 * @param prefiltering the prefiltering text (80 characters), e.g. {@code HP:0.1Hz LP:75Hz}
 * @param samplesPerRecord number of samples in each data record, at least 1
 * @param reserved the reserved field (32 characters)
 */
public record EdfSignal(
    String label,
    String transducer,
    String physicalDimension,
    double physicalMin,
    double physicalMax,
    int digitalMin,
    int digitalMax,
    String prefiltering,
    int samplesPerRecord,
    String reserved) {

  /** The label EDF+ gives to annotation signals. */
  public static final String ANNOTATIONS_LABEL = "EDF Annotations";

  /**
   * Validates the fields.
   *
   * @throws EcgArgumentException when a range is empty or out of bounds
   */
  public EdfSignal {
    Objects.requireNonNull(label, "label");
    transducer = transducer == null ? "" : transducer;
    physicalDimension = physicalDimension == null ? "" : physicalDimension;
    prefiltering = prefiltering == null ? "" : prefiltering;
    reserved = reserved == null ? "" : reserved;
    if (!Double.isFinite(physicalMin) || !Double.isFinite(physicalMax)
        || physicalMin == physicalMax) {
      throw new EcgArgumentException("signal " + label + ": physical range [" + physicalMin + ", "
          + physicalMax + "] is empty or not finite");
    }
    if (digitalMin < Short.MIN_VALUE || digitalMax > Short.MAX_VALUE || digitalMin >= digitalMax) {
      throw new EcgArgumentException("signal " + label + ": digital range [" + digitalMin + ", "
          + digitalMax + "] must satisfy -32768 <= min < max <= 32767");
    }
    if (samplesPerRecord < 1) {
      throw new EcgArgumentException("signal " + label + ": samples per record must be >= 1, got "
          + samplesPerRecord);
    }
  }

  /** @return whether this is an EDF+ annotation signal ({@value #ANNOTATIONS_LABEL}) */
  public boolean isAnnotations() {
    return label.trim().equals(ANNOTATIONS_LABEL);
  }

  /** @return physical units per digital step */
  public double scale() {
    return (physicalMax - physicalMin) / ((double) digitalMax - digitalMin);
  }

  /**
   * @param digital a digital sample
   * @return its physical value
   */
  public double toPhysical(int digital) {
    return physicalMin + (digital - (double) digitalMin) * scale();
  }
}
