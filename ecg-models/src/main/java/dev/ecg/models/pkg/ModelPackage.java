package dev.ecg.models.pkg;

import dev.ecg.core.EcgArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A self-describing model package: a folder or a zip holding {@code ecg-model.json} (the
 * {@link ModelManifest}), the weight files it lists (DJL {@code .params}, {@code model.onnx},
 * TorchScript {@code .pt}) and optionally {@code card.md}.
 *
 * <p>{@link #open(Path)} verifies the SHA-256 of every listed weight file and refuses a package
 * whose bytes differ from the manifest. A zip is extracted into a private temporary folder with
 * entries restricted to plain file names (no zip slip), symbolic-link entries refused, and the
 * inflated size capped ({@link ZipLimits}); {@link #close()} deletes that folder.
 *
 * <pre>{@code
 * try (ModelPackage pkg = ModelPackage.open(Path.of("mitbih-aami5.zip"))) {
 *   ModelManifest m = pkg.manifest();
 *   Path onnx = pkg.file(m.weight(WeightFile.Format.ONNX).orElseThrow());
 * }
 * }</pre>
 */
public final class ModelPackage implements AutoCloseable {

  /** File name of the optional model card. */
  public static final String CARD_FILE = "card.md";

  /** Resource folder holding models bundled in the jar: {@code <prefix><name>/ecg-model.json}. */
  public static final String BUNDLED_PREFIX = "dev/ecg/models/bundled/";

  private static final Pattern BUNDLED_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final long MAX_MANIFEST_BYTES = 1 << 20;

  private final String source;
  private final Path root;
  private final boolean temporary;
  private final ModelManifest manifest;
  private final String card;

  private ModelPackage(String source, Path root, boolean temporary, ModelManifest manifest,
      String card) {
    this.source = source;
    this.root = root;
    this.temporary = temporary;
    this.manifest = manifest;
    this.card = card;
  }

  /**
   * Opens a package folder or zip with {@link ZipLimits#DEFAULT}.
   *
   * @param path a package folder or {@code .zip} file
   * @return the verified package
   * @throws ModelPackageException if the package is missing, malformed, unsafe or tampered with
   */
  public static ModelPackage open(Path path) throws ModelPackageException {
    return open(path, ZipLimits.DEFAULT);
  }

  /**
   * Opens a package folder or zip.
   *
   * @param path a package folder or zip file
   * @param limits caps for zip extraction
   * @return the verified package
   * @throws ModelPackageException if the package is missing, malformed, unsafe or tampered with
   */
  public static ModelPackage open(Path path, ZipLimits limits) throws ModelPackageException {
    if (path == null || limits == null) {
      throw new EcgArgumentException("path and limits must not be null");
    }
    if (Files.isDirectory(path)) {
      return verify(path.toString(), path, false);
    }
    if (!Files.isRegularFile(path)) {
      throw new ModelPackageException(path + ": no such model package (folder or zip)");
    }
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("ecg-model-");
      extract(path, tmp, limits);
      return verify(path.toString(), tmp, true);
    } catch (IOException e) {
      deleteQuietly(tmp);
      if (e instanceof ModelPackageException mpe) {
        throw mpe;
      }
      throw new ModelPackageException(path + ": cannot extract: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  /**
   * The names of the models bundled in the jar, from the resource
   * {@code dev/ecg/models/bundled/INDEX} (one name per line).
   *
   * @param loader class loader to search
   * @return the names in index order; empty when the index is absent
   */
  public static List<String> bundledNames(ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(BUNDLED_PREFIX + "INDEX")) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Opens a package bundled as class-path resources under
   * {@code dev/ecg/models/bundled/<name>/}: the manifest, the weight files it lists and an
   * optional {@code card.md} are copied to a temporary folder and verified like any package.
   *
   * @param name bundled model name (lower-case letters, digits, '.', '_', '-')
   * @param loader class loader to search
   * @return the verified package
   * @throws ModelPackageException if no such bundled model exists or it fails verification
   */
  public static ModelPackage openBundled(String name, ClassLoader loader)
      throws ModelPackageException {
    if (name == null || !BUNDLED_NAME.matcher(name).matches()) {
      throw new EcgArgumentException("bundled model name must match " + BUNDLED_NAME
          + ", got " + name);
    }
    String base = BUNDLED_PREFIX + name + "/";
    String src = "bundled model '" + name + "' (classpath:" + base + ")";
    Path tmp = null;
    try (InputStream in = loader.getResourceAsStream(base + ModelManifest.FILE_NAME)) {
      if (in == null) {
        throw new ModelPackageException("no bundled model named '" + name + "': resource "
            + base + ModelManifest.FILE_NAME + " not found; bundled models: "
            + String.join(", ", bundledNames(loader)));
      }
      byte[] json = in.readNBytes((int) MAX_MANIFEST_BYTES + 1);
      if (json.length > MAX_MANIFEST_BYTES) {
        throw new ModelPackageException(src + ": manifest larger than 1 MiB");
      }
      ModelManifest m = ModelManifest.fromJson(new String(json, StandardCharsets.UTF_8), src);
      tmp = Files.createTempDirectory("ecg-model-" + name + "-");
      Files.write(tmp.resolve(ModelManifest.FILE_NAME), json);
      List<String> files = new ArrayList<>();
      for (WeightFile w : m.weights()) {
        files.add(w.file());
      }
      files.add(CARD_FILE);
      for (String f : files) {
        try (InputStream r = loader.getResourceAsStream(base + f)) {
          if (r == null) {
            if (f.equals(CARD_FILE)) {
              continue;
            }
            throw new ModelPackageException(src + ": weight file " + f + " not found");
          }
          Files.copy(r, tmp.resolve(f));
        }
      }
      return verify(src, tmp, true);
    } catch (IOException e) {
      deleteQuietly(tmp);
      if (e instanceof ModelPackageException mpe) {
        throw mpe;
      }
      throw new ModelPackageException(src + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** @return the manifest */
  public ModelManifest manifest() {
    return manifest;
  }

  /** @return the model card text, if the package has one */
  public Optional<String> card() {
    return Optional.ofNullable(card);
  }

  /** @return the folder holding the (extracted) package files */
  public Path root() {
    return root;
  }

  /** @return where the package was opened from (path or resource), for messages */
  public String source() {
    return source;
  }

  /**
   * @param w a weight file of this package's manifest
   * @return its path in {@link #root()}
   */
  public Path file(WeightFile w) {
    if (!manifest.weights().contains(w)) {
      throw new EcgArgumentException(source + ": " + w.file() + " is not in the manifest");
    }
    return root.resolve(w.file());
  }

  /** Deletes the temporary folder of an extracted zip or bundled package; idempotent. */
  @Override
  public void close() {
    if (temporary) {
      deleteQuietly(root);
    }
  }

  @Override
  public String toString() {
    return "ModelPackage[" + source + ": " + manifest.name() + ", classes="
        + manifest.classNames() + ", provenance={" + manifest.provenance() + "}]";
  }

  // ---------------------------------------------------------------- verification

  private static ModelPackage verify(String source, Path dir, boolean temporary)
      throws ModelPackageException {
    Path mf = dir.resolve(ModelManifest.FILE_NAME);
    if (!Files.isRegularFile(mf, LinkOption.NOFOLLOW_LINKS)) {
      throw new ModelPackageException(source + ": missing " + ModelManifest.FILE_NAME);
    }
    ModelManifest m;
    String card = null;
    try {
      if (Files.size(mf) > MAX_MANIFEST_BYTES) {
        throw new ModelPackageException(source + ": " + ModelManifest.FILE_NAME
            + " larger than 1 MiB");
      }
      m = ModelManifest.fromJson(Files.readString(mf, StandardCharsets.UTF_8), source);
      for (WeightFile w : m.weights()) {
        Path f = dir.resolve(w.file());
        if (Files.isSymbolicLink(f)) {
          throw new ModelPackageException(source + ": weight file " + w.file()
              + " is a symbolic link; packages must hold plain files");
        }
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          throw new ModelPackageException(source + ": weight file " + w.file()
              + " listed in " + ModelManifest.FILE_NAME + " is missing");
        }
        String actual = sha256(f);
        if (!actual.equals(w.sha256())) {
          throw new ModelPackageException(source + ": weight file " + w.file()
              + " fails its SHA-256 check (manifest " + w.sha256() + ", file " + actual
              + "); the package was modified or corrupted");
        }
      }
      Path c = dir.resolve(CARD_FILE);
      if (Files.isRegularFile(c, LinkOption.NOFOLLOW_LINKS)) {
        card = Files.readString(c, StandardCharsets.UTF_8);
      }
    } catch (ModelPackageException e) {
      if (temporary) {
        deleteQuietly(dir);
      }
      throw e;
    } catch (IOException e) {
      if (temporary) {
        deleteQuietly(dir);
      }
      throw new ModelPackageException(source + ": cannot read: " + e.getMessage(), e);
    }
    return new ModelPackage(source, dir, temporary, m, card);
  }

  /**
   * @param file a file
   * @return lower-case hex SHA-256 of its bytes
   * @throws IOException if it cannot be read
   */
  public static String sha256(Path file) throws IOException {
    MessageDigest md = newSha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * @param bytes some bytes
   * @return lower-case hex SHA-256
   */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  // ---------------------------------------------------------------- zip extraction

  private static void extract(Path zip, Path target, ZipLimits limits) throws IOException {
    List<ZipCentralDirectory.Entry> entries = ZipCentralDirectory.read(zip, limits.maxEntries());
    Path base = target.toAbsolutePath().normalize();
    String prefix = commonFolder(entries);
    long declared = 0;
    Map<String, String> names = new LinkedHashMap<>();
    for (ZipCentralDirectory.Entry e : entries) {
      String n = e.name();
      if (e.symlink()) {
        throw new ModelPackageException(zip + ": entry " + n
            + " is a symbolic link; packages must hold plain files");
      }
      if (n.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        // a NUL would make Path.resolve throw InvalidPathException (found by fuzzing)
        throw new ModelPackageException(zip + ": entry name " + n.replaceAll("\\p{Cntrl}", "?")
            + " contains a control character; refused");
      }
      Path resolved = base.resolve(n).normalize();
      if (!resolved.startsWith(base) || n.startsWith("/") || n.contains("\\")
          || n.contains("..")) {
        throw new ModelPackageException(zip + ": entry " + n
            + " would be written outside the extraction folder (zip slip); refused");
      }
      if (n.equals(prefix)) {
        continue;
      }
      String plain = n.substring(prefix.length());
      try {
        WeightFile.checkName(plain);
      } catch (IllegalArgumentException ex) {
        throw new ModelPackageException(zip + ": entry " + n
            + " is not a plain file name; a package zip holds its files at the top level or "
            + "inside one folder");
      }
      if (names.containsValue(plain) || names.put(n, plain) != null) {
        throw new ModelPackageException(zip + ": entry " + n + " appears twice");
      }
      declared += e.size();
      if (declared > limits.maxTotalBytes()) {
        throw new ModelPackageException(zip + ": entries claim " + declared
            + " bytes, more than the cap of " + limits.maxTotalBytes());
      }
    }
    long total = 0;
    byte[] buf = new byte[64 * 1024];
    // The archive's own length bounds what any entry really holds compressed: a central
    // directory that declares large compressed sizes must not relax the ratio check.
    long zipBytes = Math.max(1, Files.size(zip));
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      var it = zf.entries();
      int count = 0;
      while (it.hasMoreElements()) {
        ZipEntry ze = it.nextElement();
        if (++count > limits.maxEntries()) {
          throw new ModelPackageException(zip + ": more entries than the cap of "
              + limits.maxEntries());
        }
        String n = ze.getName();
        if (n.equals(prefix)) {
          continue;
        }
        String plain = names.get(n);
        if (plain == null) {
          throw new ModelPackageException(zip + ": entry " + n
              + " not in the central directory scan; refused");
        }
        long compressed = Math.max(1, Math.min(ze.getCompressedSize(), zipBytes));
        Path out = base.resolve(plain);
        long written = 0;
        try (InputStream in = zf.getInputStream(ze);
            OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
          int r;
          while ((r = in.read(buf)) > 0) {
            written += r;
            total += r;
            if (total > limits.maxTotalBytes()) {
              throw new ModelPackageException(zip + ": inflates past the cap of "
                  + limits.maxTotalBytes() + " bytes at entry " + n + " (zip bomb?)");
            }
            if (written > (1 << 20) && written / compressed > limits.maxRatio()) {
              throw new ModelPackageException(zip + ": entry " + n + ": " + written
                  + " bytes inflated from at most " + compressed + " compressed, more than "
                  + limits.maxRatio() + " times its compressed size (zip bomb?)");
            }
            if (total > (1 << 20) && total / zipBytes > limits.maxRatio()) {
              throw new ModelPackageException(zip + ": " + total + " bytes inflated from a "
                  + zipBytes + "-byte archive, more than " + limits.maxRatio()
                  + " times its size (zip bomb?)");
            }
            os.write(buf, 0, r);
          }
        }
      }
    }
  }

  /**
   * @return {@code "name/"} when every entry lies in (or is) one top-level folder with a plain
   *     name, as {@code zip -r pkg.zip pkg/} produces; else the empty string
   */
  private static String commonFolder(List<ZipCentralDirectory.Entry> entries) {
    if (entries.isEmpty()) {
      return "";
    }
    String first = entries.get(0).name();
    int slash = first.indexOf('/');
    if (slash <= 0) {
      return "";
    }
    String prefix = first.substring(0, slash + 1);
    try {
      WeightFile.checkName(prefix.substring(0, slash));
    } catch (IllegalArgumentException e) {
      return "";
    }
    for (ZipCentralDirectory.Entry e : entries) {
      if (!e.name().startsWith(prefix)) {
        return "";
      }
    }
    return prefix;
  }

  // ---------------------------------------------------------------- writing

  /**
   * @param manifest the manifest to write; its weight list is replaced by the writer's files
   * @return a writer
   */
  public static Writer writer(ModelManifest manifest) {
    return new Writer(manifest);
  }

  /**
   * Writes a package atomically: everything goes to a temporary sibling first, which is then
   * renamed onto the target, so readers never see a half-written package.
   */
  public static final class Writer {
    private final ModelManifest manifest;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, WeightFile.Format> formats = new LinkedHashMap<>();
    private String card;

    private Writer(ModelManifest manifest) {
      if (manifest == null) {
        throw new EcgArgumentException("manifest must not be null");
      }
      this.manifest = manifest;
    }

    /**
     * @param name plain file name inside the package
     * @param format what the file holds
     * @param bytes its content
     * @return this writer
     */
    public Writer addWeights(String name, WeightFile.Format format, byte[] bytes) {
      WeightFile.checkName(name);
      if (name.equals(ModelManifest.FILE_NAME) || name.equals(CARD_FILE)) {
        throw new EcgArgumentException(name + " is reserved");
      }
      if (files.put(name, bytes.clone()) != null) {
        throw new EcgArgumentException("weight file " + name + " added twice");
      }
      formats.put(name, format);
      return this;
    }

    /**
     * @param name plain file name inside the package
     * @param format what the file holds
     * @param source file to copy
     * @return this writer
     * @throws UncheckedIOException if the source cannot be read
     */
    public Writer addWeights(String name, WeightFile.Format format, Path source) {
      try {
        return addWeights(name, format, Files.readAllBytes(source));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + source, e);
      }
    }

    /**
     * @param markdown model card text, written as {@code card.md}
     * @return this writer
     */
    public Writer optCard(String markdown) {
      this.card = markdown;
      return this;
    }

    /** @return the manifest as it will be written, with the files' hashes */
    public ModelManifest finalManifest() {
      List<WeightFile> ws = new ArrayList<>();
      files.forEach((n, b) -> ws.add(new WeightFile(n, formats.get(n), sha256(b))));
      return manifest.withWeights(ws);
    }

    /**
     * Writes the package: a zip when the target's name ends with {@code .zip} (replacing an
     * existing file atomically), otherwise a new folder (which must not exist yet).
     *
     * @param target folder or zip path
     * @return the target
     * @throws ModelPackageException if the manifest's preprocessing does not fit its model (see
     *     {@link ModelManifest#validate}), the target folder exists or writing fails
     */
    public Path write(Path target) throws ModelPackageException {
      // refused here, with the package's name, rather than by the first classify after loading
      manifest.validate(target.toString());
      Path abs = target.toAbsolutePath();
      Path parent = abs.getParent();
      boolean zip = abs.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
          .endsWith(".zip");
      Path tmp = parent.resolve("." + abs.getFileName() + ".tmp-" + UUID.randomUUID());
      Map<String, byte[]> all = new LinkedHashMap<>();
      all.put(ModelManifest.FILE_NAME, finalManifest().toJson().getBytes(StandardCharsets.UTF_8));
      all.putAll(files);
      if (card != null) {
        all.put(CARD_FILE, card.getBytes(StandardCharsets.UTF_8));
      }
      try {
        Files.createDirectories(parent);
        if (zip) {
          try (ZipOutputStream zos = new ZipOutputStream(Files.newOutputStream(tmp,
              StandardOpenOption.CREATE_NEW))) {
            for (var e : all.entrySet()) {
              zos.putNextEntry(new ZipEntry(e.getKey()));
              zos.write(e.getValue());
              zos.closeEntry();
            }
          }
          move(tmp, abs, true);
        } else {
          if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelPackageException(abs + ": target folder already exists; "
                + "refusing to overwrite a model package");
          }
          Files.createDirectory(tmp);
          for (var e : all.entrySet()) {
            Files.write(tmp.resolve(e.getKey()), e.getValue(), StandardOpenOption.CREATE_NEW);
          }
          move(tmp, abs, false);
        }
        return target;
      } catch (ModelPackageException e) {
        deleteQuietly(tmp);
        throw e;
      } catch (IOException e) {
        deleteQuietly(tmp);
        throw new ModelPackageException(abs + ": cannot write model package: " + e.getMessage(),
            e);
      }
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
      try {
        if (replace) {
          Files.move(from, to, StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } else {
          Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (FileAlreadyExistsException e) {
        throw new ModelPackageException(to + ": target already exists", e);
      } catch (AtomicMoveNotSupportedException e) {
        throw new ModelPackageException(to + ": file system cannot rename atomically", e);
      }
    }
  }

  static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a temp folder left behind is harmless
        }
      });
    } catch (IOException | UncheckedIOException ignored) {
      // best effort
    }
  }
}
