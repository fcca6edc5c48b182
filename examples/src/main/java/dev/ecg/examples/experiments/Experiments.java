package dev.ecg.examples.experiments;

import dev.ecg.core.EcgArgumentException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The registry of experiments known to {@code ecg train --experiment}. */
public final class Experiments {
  private static final Map<String, Supplier<? extends Experiment<?>>> ALL = new LinkedHashMap<>();

  static {
    register("mitbih-inter", MitBihInter::new);
    register("mitbih-intra", MitBihIntra::new);
    register("cinc2017", Cinc2017Rhythm::new);
    register("cinc2017-fast", Cinc2017Fast::new);
    register("af-binary", AfBinary::new);
    register("af-windows", AfWindows::new);
    register("ptbxl-mi-transfer", PtbxlMiTransfer::new);
    register("cinc2017-features", Cinc2017Features::new);
    register("mitbih-beat-trees", MitBihBeatTrees::new);
  }

  private Experiments() {}

  /**
   * @param name experiment name
   * @param factory creates the experiment
   */
  public static synchronized void register(String name,
      Supplier<? extends Experiment<?>> factory) {
    ALL.put(name, factory);
  }

  /** @return the registered names, in registration order */
  public static synchronized java.util.List<String> names() {
    return java.util.List.copyOf(ALL.keySet());
  }

  /**
   * @param name experiment name
   * @return a new instance
   * @throws EcgArgumentException naming the known experiments when {@code name} is unknown
   */
  public static synchronized Experiment<?> get(String name) {
    Supplier<? extends Experiment<?>> f = ALL.get(name);
    if (f == null) {
      throw new EcgArgumentException("unknown experiment '" + name + "', known: " + ALL.keySet());
    }
    return f.get();
  }
}
