package dev.ecg.examples;

import ai.djl.Model;
import ai.djl.nn.Block;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.ModelPackager;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.SimpleCnn;
import dev.ecg.models.pkg.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An untrained AAMI-5 Kachuee-layout package: tests the plumbing, not the accuracy. */
final class TestModels {

  private TestModels() {}

  static Path kachueeAami5(Path dir) throws Exception {
    Architecture arch = SimpleCnn.builder().setInput(1, 187).setNumClasses(5)
        .optFilters(2, 2).optHidden(4).build();
    Path saved = dir.resolve("djl");
    Files.createDirectories(saved);
    try (Model model = Model.newInstance("t", "PyTorch")) {
      Block block = arch.build();
      model.setBlock(block);
      block.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
          arch.inputShape(1));
      model.save(saved, "model");
    }
    ModelManifest base = ModelManifest.builder().setName("test-aami5")
        .setClassNames(List.of("N", "S", "V", "F", "Q")).setInputLength(187).setSamplingRate(125)
        .addPreprocessing(Step.of("select-leads", "indices", List.of(0)))
        .addPreprocessing(Step.of("resample", "fs", 125))
        .addPreprocessing(Step.of("kachuee-segment")).build();
    return ModelPackager.write(arch, saved.resolve("model-0000.params"), base,
        dir.resolve("test-aami5"));
  }
}
