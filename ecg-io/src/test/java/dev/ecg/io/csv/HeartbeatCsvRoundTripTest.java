package dev.ecg.io.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Writing heartbeats and reading them back gives bit-identical floats and the same labels. */
class HeartbeatCsvRoundTripTest {
  @Provide
  Arbitrary<HeartbeatData> data() {
    Arbitrary<Integer> len = Arbitraries.integers().between(1, 20);
    return len.flatMap(n -> {
      Arbitrary<float[]> beat = Arbitraries.floats()
          .filter(Float::isFinite)
          .array(float[].class).ofSize(n);
      Arbitrary<float[][]> beats = beat.array(float[][].class).ofMinSize(0).ofMaxSize(15);
      return beats.flatMap(b -> Arbitraries.integers().between(0, 10_000)
          .array(int[].class).ofSize(b.length)
          .map(l -> new HeartbeatData(b, l)));
    });
  }

  @Property(tries = 150)
  void writeThenReadIsIdentity(@ForAll("data") HeartbeatData d) throws IOException {
    Path dir = Files.createTempDirectory("hbprop");
    Path f = dir.resolve("beats.csv");
    try {
      HeartbeatCsv.write(f, d);
      if (d.size() == 0) {
        assertArrayEquals(new int[0], HeartbeatCsv.read(f, 5).labels());
        return;
      }
      HeartbeatData back = HeartbeatCsv.read(f, d.beatLength());
      assertArrayEquals(d.labels(), back.labels());
      for (int i = 0; i < d.size(); i++) {
        int[] want = new int[d.beatLength()];
        int[] got = new int[d.beatLength()];
        for (int j = 0; j < want.length; j++) {
          want[j] = Float.floatToIntBits(d.beats()[i][j]);
          got[j] = Float.floatToIntBits(back.beats()[i][j]);
        }
        assertArrayEquals(want, got, "beat " + i);
      }
    } finally {
      Files.deleteIfExists(f);
      Files.delete(dir);
    }
  }

}
