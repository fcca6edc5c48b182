package dev.ecg.io.physionet;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a successful download.
 *
 * @param files every file of the request, verified, under the target folder
 * @param downloaded how many were transferred
 * @param cached how many were already present with the right hash
 * @param bytesTransferred bytes received over the network (manifest excluded)
 */
public record DownloadResult(List<Path> files, int downloaded, int cached, long bytesTransferred) {
  /** Copies the list. */
  public DownloadResult {
    files = List.copyOf(files);
  }
}
