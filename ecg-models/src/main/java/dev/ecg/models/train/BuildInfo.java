package dev.ecg.models.train;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Versions and the source commit, for training provenance. Nothing here changes state: the
 * commit comes from the {@code ecg.git.commit} system property, else the {@code GIT_COMMIT}
 * environment variable, else {@code git rev-parse --short HEAD} in the working folder (when git
 * is installed and the folder is a checkout), else {@code null}.
 */
final class BuildInfo {

  private BuildInfo() {}

  /** @return the SDK version from the jar manifest, or {@code dev} when run from classes */
  static String sdkVersion() {
    String v = BuildInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** @return DJL's version, or {@code unknown} */
  static String djlVersion() {
    try {
      return Engine.getDjlVersion();
    } catch (RuntimeException | LinkageError e) {
      return "unknown";
    }
  }

  /** @return the default engine's name and version, or {@code unknown} */
  static String engineVersion() {
    try {
      Engine e = Engine.getInstance();
      return e.getEngineName() + " " + e.getVersion();
    } catch (RuntimeException | LinkageError e) {
      return "unknown";
    }
  }

  /** @return the source commit if it can be found, else null */
  static String gitCommit() {
    String p = System.getProperty("ecg.git.commit");
    if (p != null && !p.isBlank()) {
      return p.trim();
    }
    String env = System.getenv("GIT_COMMIT");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    try {
      Process pr = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
          .redirectErrorStream(true).start();
      try (InputStream in = pr.getInputStream()) {
        if (!pr.waitFor(5, TimeUnit.SECONDS)) {
          pr.destroyForcibly();
          return null;
        }
        String out = new String(in.readNBytes(200), StandardCharsets.UTF_8).trim();
        return pr.exitValue() == 0 && out.matches("[0-9a-f]{4,40}") ? out : null;
      }
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
