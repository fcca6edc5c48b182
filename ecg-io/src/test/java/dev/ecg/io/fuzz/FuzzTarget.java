package dev.ecg.io.fuzz;

import java.nio.file.Path;
import java.util.List;

/**
 * A parser under fuzzing: its seed inputs, how to run it on files written to a scratch folder,
 * and which failures it documents.
 */
public interface FuzzTarget {

  /** @return a short identifier, used in reports and for regression folders */
  String name();

  /**
   * @return valid seed inputs taken from real or self-written files
   * @throws Exception when a seed cannot be loaded
   */
  List<FuzzInput> seeds() throws Exception;

  /**
   * Parses the files of one input, already written under {@code dir}.
   *
   * @param dir the scratch folder holding {@link FuzzInput#names()}
   * @param input the same input (for targets that parse bytes in memory)
   * @throws Exception whatever the parser throws; {@link #allowed(Throwable)} judges it
   */
  void run(Path dir, FuzzInput input) throws Exception;

  /**
   * @param t a throwable raised by {@link #run}
   * @return whether it is a documented, typed failure
   */
  boolean allowed(Throwable t);
}
