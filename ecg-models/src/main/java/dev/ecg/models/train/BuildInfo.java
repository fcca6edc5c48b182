package dev.ecg.models.train;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Versions and the source commit, for training provenance. Nothing here changes state: the
 * commit comes from the {@code ecg.git.commit} system property, else the {@code GIT_COMMIT}
 * environment variable, else {@code git rev-parse --short HEAD} in the working folder (with
 * {@code -dirty} when tracked files are modified; when git is installed and the folder is a
 * checkout), else {@code null}.
 */
public final class BuildInfo {

  private BuildInfo() {}

  /** @return the SDK version from the jar manifest, or {@code dev} when run from classes */
  public static String sdkVersion() {
    String v = BuildInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** @return DJL's version, or {@code unknown} */
  public static String djlVersion() {
    try {
      return Engine.getDjlVersion();
    } catch (RuntimeException | LinkageError e) {
      return "unknown";
    }
  }

  /** @return the default engine's name and version, or {@code unknown} */
  public static String engineVersion() {
    try {
      Engine e = Engine.getInstance();
      return e.getEngineName() + " " + e.getVersion();
    } catch (RuntimeException | LinkageError e) {
      return "unknown";
    }
  }

  /** @return the source commit if it can be found, else null */
  public static String gitCommit() {
    String p = System.getProperty("ecg.git.commit");
    if (p != null && !p.isBlank()) {
      return p.trim();
    }
    String env = System.getenv("GIT_COMMIT");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    String head = git("rev-parse", "--short", "HEAD");
    if (head == null || !head.matches("[0-9a-f]{4,40}")) {
      return null;
    }
    String dirty = git("status", "--porcelain", "--untracked-files=no");
    return dirty == null || dirty.isEmpty() ? head : head + "-dirty";
  }

  /** Runs git with a 5 s limit; null when git is missing, fails or is slow. */
  private static String git(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try (InputStream in = pr.getInputStream()) {
        byte[] out = in.readNBytes(64 * 1024);
        if (!pr.waitFor(5, TimeUnit.SECONDS)) {
          pr.destroyForcibly();
          return null;
        }
        return pr.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).strip() : null;
      }
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
