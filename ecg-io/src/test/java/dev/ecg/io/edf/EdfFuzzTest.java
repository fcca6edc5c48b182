package dev.ecg.io.edf;

import dev.ecg.io.mat.MutationFuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Damaged EDF files fail only with EcgFormatException (see {@link MutationFuzzTest}). */
class EdfFuzzTest {
  @Property(tries = 300)
  void damagedEdfFiles(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int which)
      throws IOException {
    String name = new String[] {"plain.edf", "plus_c_mixed.edf", "plus_d.edf"}[which];
    MutationFuzzTest.check(Files.readAllBytes(EdfTest.resource(name)), seed, f -> {
      EdfFile e = Edf.read(f);
      if (e.hasUniformRate()) {
        e.toRecord();
      }
    });
  }
}
