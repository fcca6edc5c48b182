package dev.ecg.examples.cli;

import dev.ecg.models.EcgClassifier;
import dev.ecg.models.pkg.ModelPackageException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a {@code --model} argument: an existing folder or zip is loaded as a model package,
 * anything else as the name of a model bundled in the {@code ecg-models} jar.
 */
public final class ModelArg {

  private ModelArg() {}

  /**
   * @param spec a package path or a bundled model name
   * @return the loaded classifier
   * @throws ModelPackageException if the package is invalid, or no such bundled model exists
   *     (the message names it and says how to get one)
   */
  public static EcgClassifier load(String spec) throws ModelPackageException {
    return load(spec, EcgClassifier.Options.DEFAULT);
  }

  /**
   * @param spec a package path or a bundled model name
   * @param options loading options (engine, precision)
   * @return the loaded classifier
   * @throws ModelPackageException as {@link #load(String)}
   */
  public static EcgClassifier load(String spec, EcgClassifier.Options options)
      throws ModelPackageException {
    Path p = Path.of(spec);
    if (Files.exists(p)) {
      return EcgClassifier.load(p, options);
    }
    if (spec.contains("/") || spec.contains("\\") || spec.endsWith(".zip")) {
      throw new ModelPackageException("model package " + spec + " does not exist");
    }
    try {
      return EcgClassifier.load(spec, options);
    } catch (ModelPackageException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("no bundled model")) {
        throw new ModelPackageException("bundled model '" + spec + "' is missing from this "
            + "build (no class-path resource dev/ecg/models/bundled/" + spec
            + "/ecg-model.json); bundled models: " + String.join(", ",
            dev.ecg.models.pkg.ModelPackage.bundledNames(ModelArg.class.getClassLoader()))
            + " ('ecg models' describes them); or pass --model PATH to a model package, or "
            + "train one with 'ecg train'", e);
      }
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ModelPackageException("'" + spec + "' is neither an existing model package "
          + "path nor a valid bundled model name: " + e.getMessage(), e);
    }
  }
}
