package dev.ecg.models.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackageException;
import dev.ecg.models.pkg.Provenance;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The outcome of {@link EcgTrainer#fit}: the trained DJL {@link Model} (holding the weights of the
 * best epoch), its architecture, the history and where the best checkpoint was saved. Closing it
 * closes the model.
 */
public final class TrainingResult implements AutoCloseable {

  private final Model model;
  private final Architecture architecture;
  private final TrainingHistory history;
  private final Path checkpointDir;
  private final String checkpointName;
  private final Device device;
  private final String deviceReason;
  private final long seed;
  private final Provenance.Training training;

  TrainingResult(
      Model model,
      Architecture architecture,
      TrainingHistory history,
      Path checkpointDir,
      String checkpointName,
      Device device,
      String deviceReason,
      long seed,
      Provenance.Training training) {
    this.model = model;
    this.architecture = architecture;
    this.history = history;
    this.checkpointDir = checkpointDir;
    this.checkpointName = checkpointName;
    this.device = device;
    this.deviceReason = deviceReason;
    this.seed = seed;
    this.training = training;
  }

  /**
   * @return the trainer's configuration and decisions for this run (architecture, optimiser,
   *     schedule, sampler, class weights, seed, epochs run, early stopping, library versions)
   */
  public Provenance.Training training() {
    return training;
  }

  /**
   * Writes the kept checkpoint as a model package (DJL parameters, ONNX export, manifest, model
   * card), with the trainer's own record as provenance: the caller supplies only what the
   * trainer cannot know, the model's name, class names, sampling rate and preprocessing, and
   * in its provenance the data, the split and held-out metrics. Seed, epochs, commit and date
   * are filled in here. The preprocessing is checked against the architecture's input (rate,
   * leads, window length) before anything is written.
   *
   * <pre>{@code
   * Path zip = result.toPackage(ModelManifest.builder().setName("mitbih-aami5")
   *     .setClassNames(List.of("N", "S", "V", "F", "Q")).setSamplingRate(125)
   *     .addPreprocessing(pipeline)
   *     .optProvenance(new Provenance("mitdb DS1", "de Chazal DS1/DS2", null, null,
   *         Map.of("ds2_macro_f1", 0.61), null, null)),
   *     Path.of("models/mitbih-aami5.zip"));
   * }</pre>
   *
   * @param base the manifest so far; its leads, input length and architecture are set here
   * @param target a folder (must not exist) or a {@code .zip}
   * @return the target
   * @throws ModelPackageException if the preprocessing does not fit the model, the class count
   *     differs from the architecture's, or writing fails
   */
  public Path toPackage(ModelManifest.Builder base, Path target) throws ModelPackageException {
    return toPackage(base.setInputLength(architecture.inputLength())
        .optLeads(architecture.leads())
        .optArchitecture(architecture.name(), architecture.hyperparameters()).build(), target);
  }

  /**
   * Like {@link #toPackage(ModelManifest.Builder, Path)} from a built manifest; its
   * architecture, leads, input length and input shape are replaced by this result's
   * architecture's, and its provenance completed as described there.
   *
   * @param m the manifest so far
   * @param target a folder (must not exist) or a {@code .zip}
   * @return the target
   * @throws ModelPackageException if the preprocessing does not fit the model, the class count
   *     differs from the architecture's, or writing fails
   */
  public Path toPackage(ModelManifest m, Path target) throws ModelPackageException {
    Provenance given = m.provenance();
    Provenance full = new Provenance(given.data(), given.split(), seed,
        history.epochs().size(), given.metrics(),
        given.commit() != null ? given.commit() : BuildInfo.gitCommit(),
        given.date() != null ? given.date()
            : java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString(),
        training, given.trainingSet());
    ModelManifest withProvenance = new ModelManifest(ModelManifest.SCHEMA_VERSION, m.name(),
        m.architecture(), m.classNames(), m.leads(), m.inputLength(), m.samplingRate(),
        m.inputShape(), m.output(), m.preprocessing(), full, m.weights(),
        m.calibration());
    Path params;
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(checkpointDir)) {
      params = files.filter(f -> f.getFileName().toString().startsWith(checkpointName + "-")
              && f.getFileName().toString().endsWith(".params")).sorted()
          .reduce((a, b) -> b).orElseThrow(() -> new ModelPackageException(checkpointDir
              + ": no " + checkpointName + "-NNNN.params checkpoint to package"));
    } catch (IOException e) {
      throw new ModelPackageException(checkpointDir + ": cannot list checkpoints: "
          + e.getMessage(), e);
    }
    return dev.ecg.models.ModelPackager.write(architecture, params, withProvenance, target);
  }

  /** @return the trained model; its block holds the best epoch's weights */
  public Model model() {
    return model;
  }

  /** @return the architecture that was trained */
  public Architecture architecture() {
    return architecture;
  }

  /** @return the per-epoch history */
  public TrainingHistory history() {
    return history;
  }

  /**
   * @return the folder holding the best epoch's parameters as a DJL model file {@code
   *     <checkpointName>-0000.params} (load with {@code Model.newInstance(..); model.setBlock(
   *     architecture.build()); model.load(dir, checkpointName)})
   */
  public Path checkpointDir() {
    return checkpointDir;
  }

  /** @return the DJL model name of the checkpoint */
  public String checkpointName() {
    return checkpointName;
  }

  /** @return the device trained on */
  public Device device() {
    return device;
  }

  /** @return why that device was chosen */
  public String deviceReason() {
    return deviceReason;
  }

  /** @return the seed used */
  public long seed() {
    return seed;
  }

  /**
   * Runs the trained network in inference mode and returns softmax probabilities.
   *
   * @param features one flat row per example, of length {@code leads * inputLength}
   * @return one row of class probabilities per example
   * @throws EcgArgumentException for rows of the wrong length
   */
  public float[][] predictProbabilities(float[][] features) {
    int len = architecture.leads() * architecture.inputLength();
    float[][] out = new float[features.length][];
    int batch = 256;
    try (NDManager m = model.getNDManager().newSubManager()) {
      ParameterStore ps = new ParameterStore(m, false);
      for (int start = 0; start < features.length; start += batch) {
        int n = Math.min(batch, features.length - start);
        float[] buf = new float[n * len];
        for (int b = 0; b < n; b++) {
          if (features[start + b].length != len) {
            throw new EcgArgumentException(
                "row " + (start + b) + " has " + features[start + b].length + " values, expected " + len);
          }
          System.arraycopy(features[start + b], 0, buf, b * len, len);
        }
        try (NDManager bm = m.newSubManager()) {
          NDArray x = bm.create(buf, architecture.inputShape(n));
          NDArray p = model.getBlock().forward(ps, new NDList(x), false).singletonOrThrow().softmax(-1);
          float[] flat = p.toFloatArray();
          int k = architecture.numClasses();
          for (int b = 0; b < n; b++) {
            float[] row = new float[k];
            System.arraycopy(flat, b * k, row, 0, k);
            out[start + b] = row;
          }
        }
      }
    }
    return out;
  }

  /**
   * @param features one flat row per example
   * @return the argmax class of each example
   */
  public int[] predict(float[][] features) {
    float[][] p = predictProbabilities(features);
    int[] y = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      int best = 0;
      for (int c = 1; c < p[i].length; c++) {
        if (p[i][c] > p[i][best]) {
          best = c;
        }
      }
      y[i] = best;
    }
    return y;
  }

  /**
   * Writes the run's artefacts into a folder: {@code history.json}, {@code loss.png} and, when
   * validation metrics were computed, {@code metrics.png}.
   *
   * @param dir destination (created if needed)
   * @return the files written
   * @throws IOException if a file cannot be written
   */
  public java.util.List<Path> saveReport(Path dir) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    java.util.List<Path> written = new java.util.ArrayList<>();
    Path json = dir.resolve("history.json");
    java.nio.file.Files.writeString(json, history.toJson(), java.nio.charset.StandardCharsets.UTF_8);
    written.add(json);
    Path loss = dir.resolve("loss.png");
    Plots.lossCurves(history, loss);
    written.add(loss);
    if (!history.epochs().isEmpty() && !history.epochs().get(0).metrics().isEmpty()) {
      Path metrics = dir.resolve("metrics.png");
      Plots.metricCurves(history, metrics);
      written.add(metrics);
    }
    return written;
  }

  /**
   * Adds constant offsets to the network's output logits by adding them to the bias of its
   * output layer (the last parameter of the block, which must be a bias with one entry per
   * class), then rewrites the checkpoint in {@link #checkpointDir()} so that a package written
   * from it carries the offsets too. Used for decision offsets (class-prior corrections) chosen
   * on validation data: {@code argmax(logits + offsets)} then needs nothing outside the model.
   *
   * @param offsets one value per class, added to the logits
   * @throws EcgArgumentException if {@code offsets} has the wrong length, or the block does not
   *     end with a per-class bias
   * @throws IOException if the checkpoint cannot be rewritten
   */
  public void addToOutputBias(double[] offsets) throws IOException {
    int k = architecture.numClasses();
    if (offsets == null || offsets.length != k) {
      throw new EcgArgumentException("need " + k + " offsets, got "
          + (offsets == null ? "null" : Integer.toString(offsets.length)));
    }
    ai.djl.util.PairList<String, ai.djl.nn.Parameter> ps = model.getBlock().getParameters();
    if (ps.isEmpty()) {
      throw new EcgArgumentException("the block has no parameters");
    }
    String key = ps.get(ps.size() - 1).getKey();
    ai.djl.nn.Parameter bias = ps.get(ps.size() - 1).getValue();
    if (bias.getType() != ai.djl.nn.Parameter.Type.BIAS || !bias.isInitialized()
        || bias.getArray().size() != k) {
      throw new EcgArgumentException("the block's last parameter '" + key
          + "' is not a bias with " + k + " entries");
    }
    float[] add = new float[k];
    for (int c = 0; c < k; c++) {
      add[c] = (float) offsets[c];
    }
    NDArray b = bias.getArray();
    try (NDManager m = b.getManager().newSubManager()) {
      b.addi(m.create(add).reshape(b.getShape()));
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(checkpointDir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(checkpointName + "-")
          && f.getFileName().toString().endsWith(".params")).toList()) {
        java.nio.file.Files.delete(f);
      }
    }
    model.save(checkpointDir, checkpointName);
  }

  @Override
  public void close() {
    model.close();
  }
}
