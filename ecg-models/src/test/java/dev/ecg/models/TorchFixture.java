package dev.ecg.models;

import dev.ecg.core.json.JsonFields;
import dev.ecg.core.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Reads the PyTorch 1.13 golden fixture written by export_torch_fixture.py. */
final class TorchFixture {

  final float[][] inputs;
  final float[][] probabilities;

  private TorchFixture(float[][] inputs, float[][] probabilities) {
    this.inputs = inputs;
    this.probabilities = probabilities;
  }

  static TorchFixture load() throws IOException {
    try (InputStream in = TorchFixture.class.getResourceAsStream(
        "/dev/ecg/models/torch_fixture/expected.json")) {
      JsonFields o = JsonFields.of(JsonReader.parse(new String(in.readAllBytes(),
          StandardCharsets.UTF_8)), "torch_fixture/expected.json");
      return new TorchFixture(matrix(o.list("inputs")), matrix(o.list("probabilities")));
    }
  }

  static Path packageDir(String sub) {
    try {
      return Path.of(TorchFixture.class.getResource("/dev/ecg/models/torch_fixture/" + sub)
          .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static float[][] matrix(List<Object> a) {
    float[][] m = new float[a.size()][];
    for (int r = 0; r < m.length; r++) {
      List<?> row = (List<?>) a.get(r);
      m[r] = new float[row.size()];
      for (int c = 0; c < m[r].length; c++) {
        m[r][c] = ((Number) row.get(c)).floatValue();
      }
    }
    return m;
  }
}
