package dev.ecg.models.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.pkg.ModelPackageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile packages beyond those in {@code dev.ecg.models.pkg.ModelPackageTest}: a zip bomb whose
 * size fields lie (the caps must count inflated bytes, not trust the directory), cleanup of the
 * extraction folder after every refusal, and every non-1 schema version refused.
 */
class HostilePackageTest {
  @TempDir Path tmp;

  /**
   * Extraction folders holding a file of at least 1 MiB: what a leaked extraction of the bomb
   * below would leave (it is refused only after its first MiB). Other processes sharing the
   * temporary folder extract small packages concurrently, so folders are filtered by that size.
   */
  static Set<String> extractionFolders() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("ecg-model-"))
          .filter(HostilePackageTest::holdsAMebibyte)
          .map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private static boolean holdsAMebibyte(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(f -> {
        try {
          return Files.size(f) >= 1 << 20;
        } catch (IOException e) {
          return false; // deleted meanwhile by its owner
        }
      });
    } catch (IOException e) {
      return false;
    }
  }

  /** Overwrites every local and central uncompressed-size field with {@code size}. */
  static byte[] lieAboutSizes(byte[] zip, int size) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 30 <= zip.length; i++) {
      int sig = b.getInt(i);
      if (sig == 0x04034b50) {
        b.putInt(i + 22, size);
      } else if (sig == 0x02014b50 && i + 46 <= zip.length) {
        b.putInt(i + 24, size);
      }
    }
    return zip;
  }

  /** A package zip whose {@code model.onnx} is {@code mib} MiB of zeros (about as many KiB). */
  static byte[] bomb(int mib) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bos)) {
      z.putNextEntry(new ZipEntry(ModelManifest.FILE_NAME));
      z.write(ModelTargets.fullManifest().toJson().getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
      z.putNextEntry(new ZipEntry("model.onnx"));
      z.write(new byte[mib << 20]);
      z.closeEntry();
    }
    return bos.toByteArray();
  }

  @Test
  void bombWithLyingSizeFieldsIsRefusedAndCleanedUp() throws IOException {
    Path zip = tmp.resolve("liar.zip");
    Files.write(zip, lieAboutSizes(bomb(64), 100));
    Set<String> before = extractionFolders();
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> ModelPackage.open(zip));
    assertTrue(e.getMessage().contains(zip.toString()), e.getMessage());
    assertEquals(before, extractionFolders(), "extraction folder left behind");
  }

  /**
   * A bomb whose size fields claim a large compressed size: the ratio is taken against the
   * archive's real length, so extraction stops after a few MiB instead of inflating everything.
   */
  @Test
  void bombWithLyingCompressedSizesIsRefusedEarly() throws IOException {
    byte[] zipBytes = bomb(96);
    ByteBuffer b = ByteBuffer.wrap(zipBytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 46 <= zipBytes.length; i++) {
      if (b.getInt(i) == 0x02014b50) {
        b.putInt(i + 20, 90 << 20); // central directory: compressed size 90 MiB
      }
    }
    Path zip = tmp.resolve("csize-liar.zip");
    Files.write(zip, zipBytes);
    ModelPackageException e = assertThrows(ModelPackageException.class,
        () -> ModelPackage.open(zip));
    assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) bytes inflated")
        .matcher(e.getMessage());
    assertTrue(m.find(), e.getMessage());
    long inflated = Long.parseLong(m.group(1));
    assertTrue(inflated < (32L << 20), "inflated " + inflated + " bytes before refusing");
  }

  @Test
  void everyOtherSchemaVersionIsRefused() throws Exception {
    String json = ModelTargets.fullManifest().toJson();
    // versions 1 and 2 are read
    for (String v : new String[] {"1", "2"}) {
      String ok = json.replaceFirst("\"schemaVersion\"\\s*:\\s*2", "\"schemaVersion\": " + v);
      assertTrue(ok.contains("\"schemaVersion\": " + v), ok);
      assertTrue(ModelManifest.fromJson(ok, "v" + v).schemaVersion() == Integer.parseInt(v));
    }
    for (String v : new String[] {"0", "3", "1.5", "2.5", "-1", "1e308", "\"2\"", "null",
        "true"}) {
      String changed = json.replaceFirst("\"schemaVersion\"\\s*:\\s*2", "\"schemaVersion\": " + v);
      assertTrue(!changed.equals(json), "fixture has a schemaVersion field");
      ModelPackageException e = assertThrows(ModelPackageException.class,
          () -> ModelManifest.fromJson(changed, "v" + v));
      assertTrue(e.getMessage().contains("schema"), e.getMessage());
    }
  }
}
