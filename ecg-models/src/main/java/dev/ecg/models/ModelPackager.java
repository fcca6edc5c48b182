package dev.ecg.models;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import dev.ecg.io.pipeline.Step;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.onnx.OnnxExporter;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.pkg.ModelPackageException;
import dev.ecg.models.pkg.WeightFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns trained DJL parameters into a model package: the parameters are loaded into a fresh
 * {@code architecture.build()} block (so the package holds exactly what the file holds, e.g. the
 * trainer's best checkpoint), exported to ONNX with {@link OnnxExporter}, and written with a
 * manifest and a generated model card.
 *
 * <pre>{@code
 * ModelManifest base = ModelManifest.builder().setName("mitbih-aami5")
 *     .setClassNames(List.of("N", "S", "V", "F", "Q")).setInputLength(187).setSamplingRate(125)
 *     .addPreprocessing(...).optProvenance(...).build();
 * ModelPackager.write(result.architecture(),
 *     result.checkpointDir().resolve(result.checkpointName() + "-0000.params"),
 *     base, Path.of("models/mitbih-aami5.zip"));
 * }</pre>
 */
public final class ModelPackager {

  private static final Pattern PARAMS = Pattern.compile("(.+?)(-\\d{4})?\\.params");

  private ModelPackager() {}

  /**
   * @param arch the architecture the parameters belong to
   * @param paramsFile DJL parameters ({@code <prefix>[-NNNN].params})
   * @param base manifest holding name, class names, sampling rate, preprocessing and
   *     provenance; its architecture, leads, input length and input shape are replaced by the
   *     architecture's, and its weight list by the package's files
   * @param target a folder (must not exist) or a {@code .zip}
   * @return the target
   * @throws ModelPackageException if the parameters do not load, the class count differs from
   *     the architecture's, or writing fails
   */
  public static Path write(Architecture arch, Path paramsFile, ModelManifest base, Path target)
      throws ModelPackageException {
    return write(arch, paramsFile, base, target, OnnxExporter.builder().build());
  }

  /**
   * Like {@link #write(Architecture, Path, ModelManifest, Path)} with a given ONNX exporter
   * (e.g. {@code OnnxExporter.builder().optConv1dAs2d(false).build()}).
   *
   * @param arch the architecture the parameters belong to
   * @param paramsFile DJL parameters ({@code <prefix>[-NNNN].params})
   * @param base see {@link #write(Architecture, Path, ModelManifest, Path)}
   * @param target a folder (must not exist) or a {@code .zip}
   * @param exporter writes {@code model.onnx}; must not add a softmax (the package holds logits)
   * @return the target
   * @throws ModelPackageException if the parameters do not load, the class count differs from
   *     the architecture's, the exporter adds a softmax, or writing fails
   */
  public static Path write(Architecture arch, Path paramsFile, ModelManifest base, Path target,
      OnnxExporter exporter) throws ModelPackageException {
    if (exporter.softmax()) {
      throw new ModelPackageException("packages hold logits; use an exporter without softmax");
    }
    if (arch.numClasses() != base.numClasses()) {
      throw new ModelPackageException("manifest " + base.name() + " names " + base.numClasses()
          + " classes but architecture " + arch.name() + " outputs " + arch.numClasses());
    }
    Matcher m = PARAMS.matcher(paramsFile.getFileName().toString());
    if (!m.matches()) {
      throw new ModelPackageException(paramsFile + ": DJL parameter files are named "
          + "<prefix>[-NNNN].params");
    }
    byte[] onnx;
    dev.ecg.models.engine.PyTorchAvailability.require(
        "packaging DJL parameters (" + paramsFile + ")");
    dev.ecg.models.engine.OneDnnPolicy.apply(); // before libtorch's first use
    try (Model model = Model.newInstance(m.group(1), Device.cpu(), "PyTorch")) {
      model.setBlock(arch.build());
      model.load(paramsFile.getParent(), m.group(1));
      onnx = exporter.export(model.getBlock(),
          arch.inputShape(1).getShape());
    } catch (IOException | MalformedModelException e) {
      throw new ModelPackageException(paramsFile + ": cannot load into " + arch.name() + ": "
          + e.getMessage(), e);
    }
    long[] shape = arch.inputShape(1).getShape();
    List<Long> example = new ArrayList<>();
    for (int k = 1; k < shape.length; k++) {
      example.add(shape[k]);
    }
    ModelManifest mf = new ModelManifest(ModelManifest.SCHEMA_VERSION, base.name(),
        new ModelManifest.ArchitectureSpec(arch.name(), arch.hyperparameters()),
        base.classNames(), arch.leads(), arch.inputLength(), base.samplingRate(), example,
        ModelManifest.OUTPUT_LOGITS, base.preprocessing(), base.provenance(), List.of(),
        base.calibration());
    byte[] params;
    try {
      params = Files.readAllBytes(paramsFile);
    } catch (IOException e) {
      throw new ModelPackageException(paramsFile + ": cannot read: " + e.getMessage(), e);
    }
    return ModelPackage.writer(mf)
        .addWeights("model-0000.params", WeightFile.Format.DJL, params)
        .addWeights("model.onnx", WeightFile.Format.ONNX, onnx)
        .optCard(card(mf))
        .write(target);
  }

  /** File name of the int8 graph {@link #addInt8} writes. */
  public static final String INT8_FILE = "model.int8.onnx";

  /**
   * Adds (or replaces) the int8 graph of an unpacked package folder: the network is rebuilt from
   * the package's DJL parameters, exported, and quantized by
   * {@link dev.ecg.models.onnx.Int8Quantizer} with activation ranges calibrated on windows the
   * package's own preprocessing makes from {@code records} (at most {@code maxWindows}, spread
   * evenly over all accepted windows). The graph is written as {@value #INT8_FILE} and listed
   * in the manifest with its SHA-256 and format {@code ONNX_INT8}; the fp32 weights stay.
   * Load it with {@code EcgClassifier.Options.withPrecision(Precision.INT8)}.
   *
   * @param dir an unpacked package folder with DJL parameters
   * @param records calibration records (training data, never the data you evaluate on)
   * @param maxWindows most calibration windows used (a few hundred are enough)
   * @return the number of calibration windows used
   * @throws ModelPackageException if the package has no DJL parameters, the records give no
   *     window, or writing fails
   */
  public static int addInt8(Path dir, List<dev.ecg.io.Record> records, int maxWindows)
      throws ModelPackageException {
    if (maxWindows < 1) {
      throw new dev.ecg.core.EcgArgumentException("maxWindows must be >= 1, got " + maxWindows);
    }
    List<float[]> all = new ArrayList<>();
    try (EcgClassifier clf = EcgClassifier.load(dir)) {
      for (dev.ecg.io.Record r : records) {
        ModelInputs in = clf.inputs(r);
        for (int k = 0; k < in.size(); k++) {
          if (in.rejections()[k] == null) {
            all.add(in.values()[k]);
          }
        }
      }
    }
    if (all.isEmpty()) {
      throw new ModelPackageException(dir + ": the calibration records gave no window");
    }
    List<float[]> cal = new ArrayList<>();
    int n = Math.min(maxWindows, all.size());
    for (int k = 0; k < n; k++) {
      cal.add(all.get((int) ((long) k * all.size() / n)));
    }
    addInt8(dir, cal);
    return n;
  }

  /**
   * Adds (or replaces) the int8 graph of an unpacked package folder from calibration inputs
   * already made (each one flattened model input, {@code leads * inputLength} values).
   *
   * @param dir an unpacked package folder with DJL parameters
   * @param calibration calibration inputs
   * @throws ModelPackageException if the package has no DJL parameters or writing fails
   */
  public static void addInt8(Path dir, List<float[]> calibration) throws ModelPackageException {
    Path json = dir.resolve(ModelManifest.FILE_NAME);
    ModelManifest m;
    try {
      m = ModelManifest.fromJson(Files.readString(json), json.toString());
    } catch (IOException e) {
      throw new ModelPackageException(json + ": cannot read: " + e.getMessage(), e);
    }
    WeightFile djl = m.weight(WeightFile.Format.DJL).orElseThrow(() -> new ModelPackageException(
        dir + ": int8 export needs the package's DJL parameters"));
    if (m.architecture() == null) {
      throw new ModelPackageException(dir + ": int8 export needs an architecture in "
          + ModelManifest.FILE_NAME);
    }
    Architecture arch = dev.ecg.models.arch.Architectures.create(m.architecture().name(),
        m.architecture().hyperparameters());
    Matcher pm = PARAMS.matcher(djl.file());
    if (!pm.matches()) {
      throw new ModelPackageException(dir + ": DJL parameter file " + djl.file()
          + " is not named <prefix>[-NNNN].params");
    }
    dev.ecg.models.engine.PyTorchAvailability.require("int8 export of " + dir);
    dev.ecg.models.engine.OneDnnPolicy.apply();
    byte[] int8;
    try (Model model = Model.newInstance(pm.group(1), Device.cpu(), "PyTorch")) {
      model.setBlock(arch.build());
      model.load(dir, pm.group(1));
      int8 = dev.ecg.models.onnx.Int8Quantizer.quantize(OnnxExporter.builder().build()
          .exportGraph(model.getBlock(), arch.inputShape(1).getShape()), calibration);
    } catch (IOException | MalformedModelException e) {
      throw new ModelPackageException(dir + ": cannot load its parameters: " + e.getMessage(), e);
    }
    List<WeightFile> ws = new ArrayList<>();
    for (WeightFile w : m.weights()) {
      if (w.format() != WeightFile.Format.ONNX_INT8 && !w.file().equals(INT8_FILE)) {
        ws.add(w);
      }
    }
    ws.add(new WeightFile(INT8_FILE, WeightFile.Format.ONNX_INT8, ModelPackage.sha256(int8)));
    try {
      Files.write(dir.resolve(INT8_FILE), int8);
      Files.writeString(json, m.withWeights(ws).toJson());
    } catch (IOException e) {
      throw new ModelPackageException(dir + ": cannot write the int8 graph: " + e.getMessage(), e);
    }
  }

  /**
   * Packages a gradient-boosted tree ensemble (XGBoost's JSON model read by
   * {@link dev.ecg.models.trees.XgbModel}) as an ONNX-ML {@code TreeEnsembleClassifier}
   * ({@link dev.ecg.models.trees.TreeOnnxExporter}): the package runs on ONNX Runtime alone and
   * outputs probabilities. The preprocessing must end in windows of one lead holding the
   * model's features in its order, such as the {@code record-features} or {@code beat-features}
   * step; when the model names its features and such a step is used, the names must be the
   * step's ({@link dev.ecg.io.features.RecordFeatures#names()},
   * {@link dev.ecg.io.features.BeatFeatures#names()}).
   *
   * <pre>{@code
   * XgbModel trees = XgbModel.read(Path.of("final-xgb.json"));
   * ModelManifest base = ModelManifest.builder().setName("af-detect")
   *     .setClassNames(List.of("non-AF", "AF")).setSamplingRate(300)
   *     .setInputLength(Step.RecordFeatureWindows.featureCount())
   *     .addPreprocessing(new Step.Resample(300))
   *     .addPreprocessing(new Step.RecordFeatureWindows(30, 10, 0))
   *     .optProvenance(provenance).build();
   * ModelPackager.writeTrees(trees, base, Path.of("af-detect"));
   * }</pre>
   *
   * @param trees the ensemble
   * @param base manifest holding name, class names, sampling rate, preprocessing and provenance;
   *     its architecture, leads, input length, shape, output and weights are replaced
   * @param target a folder (must not exist) or a {@code .zip}
   * @return the target
   * @throws ModelPackageException if the class count or the feature names do not match, the
   *     preprocessing does not end in the model's input, or writing fails
   */
  public static Path writeTrees(dev.ecg.models.trees.XgbModel trees, ModelManifest base,
      Path target) throws ModelPackageException {
    if (trees.numClasses() != base.numClasses()) {
      throw new ModelPackageException("manifest " + base.name() + " names " + base.numClasses()
          + " classes but the tree ensemble (" + trees.source() + ") has "
          + trees.numClasses());
    }
    List<String> expected = null;
    for (Step st : base.preprocessing()) {
      if (st instanceof Step.RecordFeatureWindows) {
        expected = dev.ecg.io.features.RecordFeatures.names();
      } else if (st instanceof Step.BeatFeatureWindows) {
        expected = dev.ecg.io.features.BeatFeatures.names();
      }
    }
    List<String> names = trees.featureNames();
    if (expected != null && names != null && !names.isEmpty() && !names.equals(expected)) {
      throw new ModelPackageException("tree ensemble " + trees.source() + " was trained on "
          + "features " + names + ", not on the " + base.preprocessing().stream()
              .filter(st -> st instanceof Step.RecordFeatureWindows
                  || st instanceof Step.BeatFeatureWindows).findFirst().orElseThrow().name()
          + " step's " + expected);
    }
    byte[] onnx = dev.ecg.models.trees.TreeOnnxExporter.export(trees);
    ModelManifest mf = new ModelManifest(ModelManifest.SCHEMA_VERSION, base.name(), null,
        base.classNames(), 1, trees.numFeatures(), base.samplingRate(), null,
        ModelManifest.OUTPUT_PROBABILITIES, base.preprocessing(), base.provenance(), List.of(),
        base.calibration());
    return ModelPackage.writer(mf)
        .addWeights("model.onnx", WeightFile.Format.ONNX, onnx)
        .optCard(card(mf))
        .write(target);
  }

  /**
   * Packages a hybrid classifier: a trained network (DJL parameters) and a tree ensemble over
   * ECG features plus the network's class probabilities, fused into one ONNX graph
   * ({@link dev.ecg.models.trees.HybridOnnxExporter}). The preprocessing must end in windows of
   * one lead: the network's input, then the features (for example {@code qrs-windows} ...
   * {@code crop-pad} to the sum, then {@code beat-feature-slots}). The package runs on ONNX
   * Runtime alone and outputs probabilities.
   *
   * @param arch the network's architecture (one lead)
   * @param paramsFile its DJL parameters
   * @param offsetsToRemove logit offsets folded into the network's output bias, taken off
   *     before its softmax (null for none)
   * @param trees the ensemble, trained on {@code [features..., network probabilities...]}
   * @param features how many feature values follow the network's window
   * @param base name, class names, sampling rate, preprocessing and provenance
   * @param target a folder (must not exist) or a {@code .zip}
   * @return the target
   * @throws ModelPackageException if the parameters do not load, sizes do not fit, or writing
   *     fails
   */
  public static Path writeHybrid(Architecture arch, Path paramsFile, double[] offsetsToRemove,
      dev.ecg.models.trees.XgbModel trees, int features, ModelManifest base, Path target)
      throws ModelPackageException {
    if (arch.leads() != 1) {
      throw new ModelPackageException("hybrid packages take a one-lead network, "
          + arch.name() + " has " + arch.leads());
    }
    if (trees.numClasses() != base.numClasses() || arch.numClasses() != base.numClasses()) {
      throw new ModelPackageException("manifest " + base.name() + " names " + base.numClasses()
          + " classes; the network outputs " + arch.numClasses() + ", the trees "
          + trees.numClasses());
    }
    Matcher m = PARAMS.matcher(paramsFile.getFileName().toString());
    if (!m.matches()) {
      throw new ModelPackageException(paramsFile + ": DJL parameter files are named "
          + "<prefix>[-NNNN].params");
    }
    byte[] onnx;
    dev.ecg.models.engine.PyTorchAvailability.require(
        "packaging DJL parameters (" + paramsFile + ")");
    dev.ecg.models.engine.OneDnnPolicy.apply();
    try (Model model = Model.newInstance(m.group(1), Device.cpu(), "PyTorch")) {
      model.setBlock(arch.build());
      model.load(paramsFile.getParent(), m.group(1));
      onnx = dev.ecg.models.trees.HybridOnnxExporter.export(OnnxExporter.builder().build(),
          model.getBlock(), arch.inputLength(), offsetsToRemove, trees, features);
    } catch (IOException | MalformedModelException e) {
      throw new ModelPackageException(paramsFile + ": cannot load into " + arch.name() + ": "
          + e.getMessage(), e);
    } catch (dev.ecg.core.EcgArgumentException e) {
      throw new ModelPackageException("hybrid " + base.name() + ": " + e.getMessage(), e);
    }
    ModelManifest mf = new ModelManifest(ModelManifest.SCHEMA_VERSION, base.name(), null,
        base.classNames(), 1, arch.inputLength() + features, base.samplingRate(), null,
        ModelManifest.OUTPUT_PROBABILITIES, base.preprocessing(), base.provenance(), List.of(),
        base.calibration());
    return ModelPackage.writer(mf)
        .addWeights("model.onnx", WeightFile.Format.ONNX, onnx)
        .optCard(card(mf))
        .write(target);
  }

  /**
   * @param m a manifest
   * @return a Markdown model card describing it
   */
  public static String card(ModelManifest m) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(m.name()).append("\n\n");
    if (m.architecture() == null && m.preprocessing().stream()
        .anyMatch(st -> st instanceof Step.RecordFeatureWindows
            || st instanceof Step.BeatFeatureWindows)) {
      sb.append("- Model: gradient-boosted trees on ECG features (ONNX-ML "
          + "TreeEnsembleClassifier)\n");
    }
    if (m.architecture() != null) {
      sb.append("- Architecture: `").append(m.architecture().name()).append("` ")
          .append(m.architecture().hyperparameters()).append('\n');
    }
    sb.append("- Classes: ").append(String.join(", ", m.classNames())).append('\n');
    sb.append("- Input: ").append(m.inputShape()).append(" at ").append(m.samplingRate())
        .append(" Hz; output: ").append(m.output()).append('\n');
    sb.append("- Preprocessing:");
    if (m.preprocessing().isEmpty()) {
      sb.append(" none");
    }
    sb.append('\n');
    for (Step s : m.preprocessing()) {
      sb.append("  1. `").append(s.name()).append("` ").append(s.params()).append('\n');
    }
    var p = m.provenance();
    sb.append("- Data: ").append(p.data()).append('\n');
    sb.append("- Split: ").append(p.split()).append('\n');
    sb.append("- Seed: ").append(p.seed()).append(", epochs: ").append(p.epochs())
        .append(", commit: ").append(p.commit()).append(", date: ").append(p.date())
        .append('\n');
    if (!p.metrics().isEmpty()) {
      sb.append("- Metrics:\n");
      p.metrics().forEach((k, v) -> sb.append("  - ").append(k).append(": ").append(v)
          .append('\n'));
    }
    if (p.training() != null) {
      var t = p.training();
      sb.append("- Training: ").append(t.architecture()).append(' ')
          .append(t.hyperparameters()).append('\n');
      sb.append("  - optimizer ").append(t.optimizer()).append(", schedule ")
          .append(t.schedule()).append(", batch ").append(t.batchSize()).append('\n');
      sb.append("  - epochs run ").append(t.epochsRun()).append(" of ").append(t.maxEpochs())
          .append(", best epoch ").append(t.bestEpoch()).append(", early stopping ")
          .append(t.earlyStopping()).append(t.stoppedEarly() ? " (stopped early)" : "")
          .append('\n');
      sb.append("  - sampler ").append(t.sampler()).append(", class weights ")
          .append(t.classWeights()).append(", focal gamma ").append(t.focalGamma())
          .append(", clip norm ").append(t.clipNorm()).append('\n');
      sb.append("  - seed ").append(t.seed()).append(", device ").append(t.device())
          .append(", libraries ").append(t.libraries()).append('\n');
    }
    return sb.toString();
  }
}
