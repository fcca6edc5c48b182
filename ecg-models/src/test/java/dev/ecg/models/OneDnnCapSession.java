package dev.ecg.models;

import dev.ecg.models.engine.OneDnnIsa;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Applies the oneDNN cap when the test JVM's JUnit session opens, before any test can touch
 * libtorch through raw DJL calls (the library's own entry points apply it themselves). Without
 * it, whichever test ran first would decide oneDNN's kernels for the whole JVM.
 */
public final class OneDnnCapSession implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    OneDnnIsa.apply();
  }
}
