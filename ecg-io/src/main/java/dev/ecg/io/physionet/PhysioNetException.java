package dev.ecg.io.physionet;

import java.io.IOException;
import java.net.URI;

/** A PhysioNet download failed: an HTTP error status, an unexpected response, or a transfer error. */
public class PhysioNetException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient URI uri;
  private final int status;

  /**
   * @param uri the address requested (may be null)
   * @param status the HTTP status, or -1 when none was received
   * @param message what went wrong
   * @param cause the underlying cause, or null
   */
  public PhysioNetException(URI uri, int status, String message, Throwable cause) {
    super((uri == null ? "" : uri + ": ") + message, cause);
    this.uri = uri;
    this.status = status;
  }

  /** @return the address requested, or null */
  public URI uri() {
    return uri;
  }

  /** @return the HTTP status, or -1 when none was received */
  public int status() {
    return status;
  }
}
