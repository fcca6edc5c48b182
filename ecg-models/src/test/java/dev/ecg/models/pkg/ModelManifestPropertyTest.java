package dev.ecg.models.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecg.io.pipeline.Step;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;

class ModelManifestPropertyTest {

  @Property(tries = 200)
  void jsonRoundTripIsIdentity(
      @ForAll @Size(min = 1, max = 6) @UniqueElements List<@AlphaChars @StringLength(min = 1,
          max = 8) String> classes,
      @ForAll @IntRange(min = 1, max = 12) int leads,
      @ForAll @IntRange(min = 1, max = 5000) int length,
      @ForAll @DoubleRange(min = 1, max = 2000) double fs,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1000) int filters,
      @ForAll @DoubleRange(min = 0, max = 1) double dropout) throws ModelPackageException {
    ModelManifest m = ModelManifest.builder().setName("p").setClassNames(classes).optLeads(leads)
        .setInputLength(length).setSamplingRate(fs)
        .optArchitecture("A", Map.of("filters", (long) filters, "dropout", 0.05 + 0.9 * dropout))
        .addPreprocessing(Step.of("crop-pad", "length", (long) length))
        .optProvenance(new Provenance("d", "s", seed, 3, Map.of("acc", dropout), null, null))
        .addWeight(new WeightFile("m.onnx", WeightFile.Format.ONNX, "a".repeat(64)))
        .build();
    assertEquals(m, ModelManifest.fromJson(m.toJson(), "property"));
  }
}
