package dev.ecg.models;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

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
      JsonObject o = JsonParser.parseString(new String(in.readAllBytes(),
          StandardCharsets.UTF_8)).getAsJsonObject();
      return new TorchFixture(matrix(o.getAsJsonArray("inputs")),
          matrix(o.getAsJsonArray("probabilities")));
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

  private static float[][] matrix(JsonArray a) {
    float[][] m = new float[a.size()][];
    for (int r = 0; r < m.length; r++) {
      JsonArray row = a.get(r).getAsJsonArray();
      m[r] = new float[row.size()];
      for (int c = 0; c < m[r].length; c++) {
        m[r][c] = row.get(c).getAsFloat();
      }
    }
    return m;
  }
}
