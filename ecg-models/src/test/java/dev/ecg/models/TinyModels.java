package dev.ecg.models;

import ai.djl.Model;
import ai.djl.nn.Block;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.SimpleCnn;
import dev.ecg.models.pkg.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Untrained, randomly initialised tiny models packaged with a given preprocessing, for tests
 * of the pipeline around the network (the network's answers do not matter there).
 */
final class TinyModels {

  private TinyModels() {}

  /**
   * @param dir a scratch folder
   * @param name package name
   * @param classes class names
   * @param inputLength samples per example (one lead)
   * @param fs the model's sampling rate
   * @param steps preprocessing
   * @return the package folder
   */
  static Path write(Path dir, String name, List<String> classes, int inputLength, double fs,
      List<Step> steps) throws Exception {
    Architecture arch = SimpleCnn.builder().setInput(1, inputLength).setNumClasses(classes.size())
        .optFilters(2, 2).optHidden(4).build();
    Path saved = dir.resolve(name + "-djl");
    Files.createDirectories(saved);
    try (Model model = Model.newInstance(name, "PyTorch")) {
      Block block = arch.build();
      model.setBlock(block);
      block.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
          arch.inputShape(1));
      model.save(saved, "model");
    }
    ModelManifest.Builder b = ModelManifest.builder().setName(name).setClassNames(classes)
        .setInputLength(inputLength).setSamplingRate(fs);
    steps.forEach(b::addPreprocessing);
    return ModelPackager.write(arch, saved.resolve("model-0000.params"), b.build(),
        dir.resolve(name));
  }
}
