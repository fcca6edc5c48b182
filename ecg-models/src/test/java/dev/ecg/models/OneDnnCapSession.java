package dev.ecg.models;

import dev.ecg.models.engine.OneDnnPolicy;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Applies the oneDNN policy when the test JVM's JUnit session opens, before any test can touch
 * libtorch through raw DJL calls (the library's own entry points apply it themselves): the cap
 * before libtorch loads, then oneDNN off where the policy says so. Without it, whichever test
 * ran first would decide oneDNN's kernels for the whole JVM.
 */
public final class OneDnnCapSession implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    OneDnnPolicy.apply();
    ai.djl.engine.Engine.getEngine("PyTorch");
    OneDnnPolicy.applyToLibtorch();
  }
}
