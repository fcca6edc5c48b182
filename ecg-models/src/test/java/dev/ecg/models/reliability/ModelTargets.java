package dev.ecg.models.reliability;

import dev.ecg.io.fuzz.FuzzInput;
import dev.ecg.io.fuzz.FuzzRunner;
import dev.ecg.io.fuzz.FuzzTarget;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.pkg.ModelPackageException;
import dev.ecg.models.pkg.Provenance;
import dev.ecg.models.pkg.WeightFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The model-package parsers as fuzz targets: the manifest JSON and the package zip. */
public final class ModelTargets {
  private ModelTargets() {}

  /** @return both targets */
  public static List<FuzzTarget> all() {
    return List.of(manifestJson(), packageZip());
  }

  /**
   * @param name a target name from {@link #all()}
   * @return that target
   */
  public static FuzzTarget named(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no fuzz target " + name));
  }

  static byte[] resource(String path) {
    try (InputStream in = ModelTargets.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A manifest with every optional section filled. */
  static ModelManifest fullManifest() {
    return ModelManifest.builder().setName("fuzz").setClassNames(List.of("N", "S", "V", "F", "Q"))
        .setInputLength(187).setSamplingRate(125).optLeads(1)
        .optArchitecture("kachuee-resnet", Map.of("filters", 32, "blocks", 5, "dropout", 0.1))
        .addPreprocessing(Step.of("resample", "fs", 125))
        .addPreprocessing(Step.of("normalize", "method", "minmax"))
        .addPreprocessing(Step.of("crop-pad", "length", 187))
        .optProvenance(new Provenance("mitdb", "DS1/DS2", 42L, 30, Map.of("f1", 0.9), "abc",
            "2026-11-23"))
        .addWeight(new WeightFile("model.onnx", WeightFile.Format.ONNX,
            "9acc3123ca128a84b272bb7e69efc8ede935337c94551fec8049a8648802aef3"))
        .build();
  }

  /** {@link ModelManifest#fromJson}: only {@link ModelPackageException} is documented. */
  static FuzzTarget manifestJson() {
    return new FuzzTarget() {
      @Override
      public String name() {
        return "manifest-json";
      }

      @Override
      public List<FuzzInput> seeds() {
        return List.of(
            FuzzInput.of("m.json", resource("dev/ecg/models/bundled/tiny-test/ecg-model.json")),
            FuzzInput.of("m.json",
                resource("dev/ecg/models/torch_fixture/torchscript/ecg-model.json")),
            FuzzInput.of("m.json", fullManifest().toJson().getBytes(StandardCharsets.UTF_8)));
      }

      @Override
      public void run(Path dir, FuzzInput in) throws Exception {
        ModelManifest m = ModelManifest.fromJson(
            new String(in.parts().get(0), StandardCharsets.UTF_8), "fuzz");
        // a manifest that parsed must also serialise and parse back
        ModelManifest.fromJson(m.toJson(), "fuzz-again");
      }

      @Override
      public boolean allowed(Throwable t) {
        return t instanceof ModelPackageException;
      }
    };
  }

  /** {@link ModelPackage#open} on a zip: only {@link ModelPackageException} is documented. */
  static FuzzTarget packageZip() {
    return new FuzzTarget() {
      @Override
      public String name() {
        return "package-zip";
      }

      @Override
      public List<FuzzInput> seeds() throws Exception {
        Path tmp = Files.createTempDirectory("fuzz-seed");
        try {
          byte[] onnx = resource("dev/ecg/models/bundled/tiny-test/model.onnx");
          ModelManifest base = ModelManifest.fromJson(new String(
              resource("dev/ecg/models/bundled/tiny-test/ecg-model.json"),
              StandardCharsets.UTF_8), "seed");
          Path a = ModelPackage.writer(base.withWeights(List.of()))
              .addWeights("model.onnx", WeightFile.Format.ONNX, onnx).optCard("# tiny\n")
              .write(tmp.resolve("a.zip"));
          Path b = ModelPackage.writer(fullManifest().withWeights(List.of()))
              .addWeights("model-0000.params", WeightFile.Format.DJL, new byte[300])
              .addWeights("model.onnx", WeightFile.Format.ONNX, onnx)
              .write(tmp.resolve("b.zip"));
          return List.of(FuzzInput.of("p.zip", Files.readAllBytes(a)),
              FuzzInput.of("p.zip", Files.readAllBytes(b)));
        } finally {
          FuzzRunner.deleteTree(tmp);
        }
      }

      @Override
      public void run(Path dir, FuzzInput in) throws Exception {
        try (ModelPackage p = ModelPackage.open(dir.resolve("p.zip"))) {
          p.manifest();
        }
      }

      @Override
      public boolean allowed(Throwable t) {
        return t instanceof ModelPackageException;
      }
    };
  }
}
