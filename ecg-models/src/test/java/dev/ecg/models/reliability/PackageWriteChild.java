package dev.ecg.models.reliability;

import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.pkg.ModelPackageException;
import dev.ecg.models.pkg.WeightFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Child process of {@link PackageWriteTest}: writes a package with 2 MiB of incompressible
 * weights, so that {@code ulimit -f} makes the write fail part way. Exit status 3: the writer threw
 * a ModelPackageException; 0: success; 4: anything else.
 */
public final class PackageWriteChild {
  private PackageWriteChild() {}

  static void write(Path target) throws ModelPackageException {
    byte[] w = new byte[2 << 20];
    new Random(3).nextBytes(w);
    ModelPackage.writer(ModelTargets.fullManifest().withWeights(List.of()))
        .addWeights("model.onnx", WeightFile.Format.ONNX, w).optCard("# big\n").write(target);
  }

  /** @param args the target path */
  public static void main(String[] args) {
    try {
      write(Path.of(args[0]));
      System.exit(0);
    } catch (ModelPackageException e) {
      System.out.println("ModelPackageException: " + e.getMessage());
      System.exit(3);
    } catch (Throwable e) {
      e.printStackTrace(System.out);
      System.exit(4);
    }
  }
}
