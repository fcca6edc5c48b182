package dev.ecg.spark;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.pkg.ModelPackageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A model package as Spark ships it to executors: a bundled model's name, or a package's bytes
 * (a zip, broadcast once per executor). {@link #classifier()} loads it once per executor JVM
 * and shares it among that JVM's tasks ({@code EcgClassifier} is thread-safe); loaded models
 * stay for the JVM's lifetime.
 */
public final class EcgModelRef implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, EcgClassifier> LOADED = new ConcurrentHashMap<>();

  private final String bundled;
  private final byte[] zip;
  private final String key;

  private EcgModelRef(String bundled, byte[] zip) {
    this.bundled = bundled;
    this.zip = zip;
    this.key = bundled != null ? "bundled:" + bundled : "sha256:" + ModelPackage.sha256(zip);
  }

  /**
   * @param name a bundled model ({@code mitbih-aami5}, {@code af-detect}...)
   * @return its reference
   * @throws EcgArgumentException if no such model is bundled
   */
  public static EcgModelRef bundled(String name) {
    List<String> names = ModelPackage.bundledNames(EcgModelRef.class.getClassLoader());
    if (!names.contains(name)) {
      throw new EcgArgumentException("no bundled model '" + name + "'; bundled: " + names);
    }
    return new EcgModelRef(name, null);
  }

  /**
   * Reads a package (folder or zip) on the driver; its bytes travel to the executors.
   *
   * @param dirOrZip a model package
   * @return its reference
   * @throws UncheckedIOException if it cannot be read
   * @throws EcgArgumentException if it is not a valid package
   */
  public static EcgModelRef of(Path dirOrZip) {
    try {
      try (ModelPackage ignored = ModelPackage.open(dirOrZip)) {
        // validated: manifest, weights and hashes
      }
      byte[] bytes;
      if (Files.isDirectory(dirOrZip)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out); var files = Files.list(dirOrZip)) {
          for (Path f : files.sorted().toList()) {
            if (Files.isRegularFile(f)) {
              z.putNextEntry(new ZipEntry(f.getFileName().toString()));
              Files.copy(f, z);
              z.closeEntry();
            }
          }
        }
        bytes = out.toByteArray();
      } else {
        bytes = Files.readAllBytes(dirOrZip);
      }
      return new EcgModelRef(null, bytes);
    } catch (ModelPackageException e) {
      throw new EcgArgumentException("not a model package: " + dirOrZip + ": " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model package " + dirOrZip, e);
    }
  }

  /** @return the bundled name, or the package's SHA-256 */
  public String key() {
    return key;
  }

  /**
   * @return the classifier, loaded once per JVM
   * @throws EcgArgumentException if the package cannot be loaded here
   */
  public EcgClassifier classifier() {
    return LOADED.computeIfAbsent(key, k -> {
      try {
        if (bundled != null) {
          return EcgClassifier.load(bundled);
        }
        Path tmp = Files.createTempFile("ecg-model", ".zip");
        tmp.toFile().deleteOnExit();
        Files.write(tmp, zip);
        return EcgClassifier.load(tmp);
      } catch (ModelPackageException e) {
        throw new EcgArgumentException("cannot load model " + k + ": " + e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stage model " + k, e);
      }
    });
  }

  @Override
  public String toString() {
    return "EcgModelRef[" + key + "]";
  }
}
