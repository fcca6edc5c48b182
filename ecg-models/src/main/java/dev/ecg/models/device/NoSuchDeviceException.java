package dev.ecg.models.device;

import dev.ecg.core.EcgArgumentException;

/** Thrown when a specific GPU is requested that does not exist or cannot be used. */
public class NoSuchDeviceException extends EcgArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message which device was asked for and why it cannot be used */
  public NoSuchDeviceException(String message) {
    super(message);
  }
}
