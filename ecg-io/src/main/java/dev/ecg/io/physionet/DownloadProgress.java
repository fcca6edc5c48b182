package dev.ecg.io.physionet;

/**
 * One progress event of a PhysioNet download.
 *
 * @param file the file's path relative to the database folder
 * @param stage what happened
 * @param bytes bytes of this file present locally so far (for {@link Stage#CACHED} and {@link
 *     Stage#VERIFIED}: the file size)
 * @param totalBytes the file size when known, else -1
 */
public record DownloadProgress(String file, Stage stage, long bytes, long totalBytes) {
  /** Stages of one file. */
  public enum Stage {
    /** Already present with the right hash: nothing requested. */
    CACHED,
    /** A transfer started from byte 0. */
    STARTED,
    /** A transfer resumed from a partial {@code .part} file. */
    RESUMED,
    /** Bytes arrived. */
    TRANSFERRING,
    /** A transfer failed and will be retried. */
    RETRYING,
    /** Downloaded, hash verified and moved under its final name. */
    VERIFIED,
    /** Gave up on this file. */
    FAILED
  }

  /** Receives progress events; called from download threads, so implementations must be thread-safe. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param progress the event
     */
    void onProgress(DownloadProgress progress);
  }
}
