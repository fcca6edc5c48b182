package dev.ecg.io.csv;

import dev.ecg.io.mat.MutationFuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Damaged CSV files fail only with EcgFormatException (see {@link MutationFuzzTest}). */
class CsvFuzzTest {
  @Property(tries = 200)
  void damagedHeartbeatFiles(@ForAll long seed) throws IOException {
    byte[] b = Files.readAllBytes(HeartbeatCsvTest.resource("heartbeat_small.csv"));
    MutationFuzzTest.check(b, seed, HeartbeatCsv::read);
  }

  @Property(tries = 200)
  void damagedSignalFiles(@ForAll long seed) throws IOException {
    byte[] b = Files.readAllBytes(HeartbeatCsvTest.resource("signal_time.csv"));
    MutationFuzzTest.check(b, seed, CsvSignal::read);
  }
}
