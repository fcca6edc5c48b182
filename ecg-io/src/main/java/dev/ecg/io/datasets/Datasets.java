package dev.ecg.io.datasets;

import dev.ecg.io.EcgFormatException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared checks of the dataset loaders. */
final class Datasets {
  private Datasets() {}

  static Path requireFile(Path file, String database) throws EcgFormatException {
    if (!Files.isRegularFile(file)) {
      throw new EcgFormatException(file, null, -1, database + ": required file is missing;"
          + " point the loader at the database folder (see docs/datasets.md)");
    }
    return file;
  }

  static Path requireDir(Path dir, String database) throws EcgFormatException {
    if (!Files.isDirectory(dir)) {
      throw new EcgFormatException(dir, null, -1, database + ": folder not found;"
          + " point the loader at the database folder (see docs/datasets.md)");
    }
    return dir;
  }
}
