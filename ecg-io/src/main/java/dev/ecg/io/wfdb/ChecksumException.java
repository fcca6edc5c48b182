package dev.ecg.io.wfdb;

import dev.ecg.io.EcgFormatException;
import java.nio.file.Path;

/**
 * A WFDB signal did not match the checksum or the initial value written in its header: the
 * signal file is corrupt, truncated in a way the size check could not see, or belongs to another
 * header. Verification can be turned off with {@link WfdbReader.Options#verifyChecksums(boolean)}.
 */
public class ChecksumException extends EcgFormatException {
  private static final long serialVersionUID = 1L;

  private final int signal;
  private final String signalName;

  /**
   * @param file the signal file
   * @param signal index of the failing signal in the header
   * @param signalName the signal description (lead name)
   * @param message what did not match
   */
  public ChecksumException(Path file, int signal, String signalName, String message) {
    super(file, "signal", signal, "signal " + signal + " (" + signalName + "): " + message);
    this.signal = signal;
    this.signalName = signalName;
  }

  /** @return the index of the signal whose checksum failed */
  public int signal() {
    return signal;
  }

  /** @return the description of the failing signal */
  public String signalName() {
    return signalName;
  }
}
