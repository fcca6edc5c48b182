package dev.ecg.models;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.Record;
import dev.ecg.io.dsp.NanInputException;
import dev.ecg.io.pipeline.Pipeline;
import dev.ecg.io.pipeline.SignalWindows;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.Architectures;
import dev.ecg.models.engine.EngineChoice;
import dev.ecg.models.engine.EngineException;
import dev.ecg.models.engine.EngineSettings;
import dev.ecg.models.engine.InferenceEngine;
import dev.ecg.models.engine.OrtEngine;
import dev.ecg.models.engine.PtEngine;
import dev.ecg.models.engine.PyTorchAvailability;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.pkg.ModelPackageException;
import dev.ecg.models.pkg.WeightFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Classifies ECG beats or records with a model package.
 *
 * <pre>{@code
 * try (EcgClassifier clf = EcgClassifier.load(Path.of("models/mitbih-aami5"))) {
 *   Prediction p = clf.predict(beat);          // beat: float[leads * inputLength]
 *   System.out.println(p.label() + " " + p.probability(p.label()));
 * }
 * }</pre>
 *
 * <p><b>Engine.</b> {@link EngineChoice#AUTO} runs ONNX Runtime when the package holds an ONNX
 * file, else PyTorch (DJL params rebuilt through {@link Architectures#create}, or TorchScript).
 *
 * <p><b>Threads.</b> {@link #predict} and {@link #predictBatch} may be called from many threads
 * at once; there is no lock on that path. ONNX Runtime: one session shared by all threads (its
 * {@code Run} is thread-safe), each thread with its own reused input/output tensors. PyTorch: no
 * DJL {@code Predictor} (not thread-safe) is shared; every thread runs the same read-only block
 * with its own reused input buffer and its own per-call NDManager, which makes a predictor pool
 * unnecessary. {@link Options#intraOpThreads()} sets the threads inside one call (process-wide
 * for libtorch). {@link #close()} waits for calls in flight, refuses new
 * ones with {@link IllegalStateException}, then frees every native resource.
 *
 * <p><b>Input.</b> An example is {@code float[leads * inputLength]}, lead-major (all samples of
 * lead 0, then lead 1, ...), already preprocessed as the manifest's steps describe;
 * {@link #classify(Record)} runs those steps itself and returns a {@link ClassificationResult}. NaN/infinite samples, a wrong length or
 * lead count raise {@link InvalidSignalException}.
 */
public final class EcgClassifier implements AutoCloseable {

  /** What to do with an example of the wrong length. */
  public enum LengthPolicy {
    /** Refuse it with {@link InvalidSignalException} (default). */
    REJECT,
    /** Resample each lead linearly to the model's input length. */
    RESAMPLE
  }

  /** Arithmetic of the network. */
  public enum Precision {
    /** The package's fp32 weights (default). */
    FP32,
    /**
     * The package's int8 graph ({@code model.int8.onnx}, see
     * {@link dev.ecg.models.onnx.Int8Quantizer}) on ONNX Runtime: per-channel int8 weights, uint8
     * activations calibrated on training windows. Faster on CPUs with VNNI; its outputs differ
     * from fp32 within the tolerance the package's tests state. A package without that graph
     * is refused.
     */
    INT8
  }

  /**
   * Loading options.
   *
   * @param engine which runtime (default {@link EngineChoice#AUTO})
   * @param lengthPolicy what to do with examples of the wrong length
   * @param intraOpThreads threads one call may use inside an operator, 0 for the runtime's
   *     default. ONNX Runtime: per session (each classifier has its own pool). PyTorch: libtorch
   *     has <b>one intra-op pool per process</b>, so a positive value sets that pool for every
   *     PyTorch model of the process (the same as the system property
   *     {@code ai.djl.pytorch.num_threads}, which DJL reads when libtorch starts); 0 leaves it
   *     as it is. See {@link EngineSettings}.
   * @param precision {@link Precision#FP32} (default) or {@link Precision#INT8}, which needs the
   *     package's int8 graph and ONNX Runtime
   */
  public record Options(EngineChoice engine, LengthPolicy lengthPolicy, int intraOpThreads,
      Precision precision) {

    /** AUTO engine, REJECT wrong lengths, runtime-default threads, FP32. */
    public static final Options DEFAULT = new Options(EngineChoice.AUTO, LengthPolicy.REJECT, 0);

    /**
     * FP32 options (the form before {@link Precision} existed).
     *
     * @param engine see the record description
     * @param lengthPolicy see the record description
     * @param intraOpThreads see the record description
     */
    public Options(EngineChoice engine, LengthPolicy lengthPolicy, int intraOpThreads) {
      this(engine, lengthPolicy, intraOpThreads, Precision.FP32);
    }

    /**
     * Checks arguments.
     *
     * @param engine see the record description
     * @param lengthPolicy see the record description
     * @param intraOpThreads see the record description
     */
    public Options {
      if (engine == null || lengthPolicy == null || precision == null || intraOpThreads < 0) {
        throw new EcgArgumentException("engine, lengthPolicy and precision are required and "
            + "intraOpThreads must be >= 0");
      }
    }

    /**
     * @param p arithmetic of the network
     * @return a copy with that precision
     */
    public Options withPrecision(Precision p) {
      return new Options(engine, lengthPolicy, intraOpThreads, p);
    }

    /**
     * @param e engine choice
     * @return a copy with that engine
     */
    public Options withEngine(EngineChoice e) {
      return new Options(e, lengthPolicy, intraOpThreads, precision);
    }

    /**
     * @param p length policy
     * @return a copy with that policy
     */
    public Options withLengthPolicy(LengthPolicy p) {
      return new Options(engine, p, intraOpThreads, precision);
    }

    /**
     * @param n intra-op threads per call, 0 for the runtime's default (see the record
     *     description: process-wide for PyTorch)
     * @return a copy with that thread count
     */
    public Options withIntraOpThreads(int n) {
      return new Options(engine, lengthPolicy, n, precision);
    }
  }

  private final ModelPackage pkg;
  private final ModelManifest manifest;
  private final Pipeline pipeline;
  private final InferenceEngine engine;
  private final Options options;
  /** The package's temperature scaling, 1 when it has none. */
  private final double temperature;
  private final int perExample;
  private final boolean logits;
  /**
   * Whether the windows are stretches of the record (rhythm-windows, record-features), not beats:
   * the result then counts windows and gives no heart rate from their positions.
   */
  private final boolean stretchWindows;
  /** Whether NaN in an example is a missing feature (record-features models), not a gap. */
  private final boolean nanIsMissing;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object closeLock = new Object();
  private volatile boolean closed;
  private boolean engineClosed;

  private EcgClassifier(ModelPackage pkg, InferenceEngine engine, Options options) {
    this.pkg = pkg;
    this.manifest = pkg.manifest();
    this.pipeline = manifest.pipeline();
    this.stretchWindows = manifest.preprocessing().stream()
        .anyMatch(st -> st instanceof dev.ecg.io.pipeline.Step.RecordFeatureWindows
            || st instanceof dev.ecg.io.pipeline.Step.RhythmWindows);
    this.nanIsMissing = manifest.preprocessing().stream()
        .anyMatch(st -> st instanceof dev.ecg.io.pipeline.Step.RecordFeatureWindows
            || st instanceof dev.ecg.io.pipeline.Step.BeatFeatureWindows
            || st instanceof dev.ecg.io.pipeline.Step.BeatFeatureSlots);
    this.engine = engine;
    this.options = options;
    this.temperature = pkg.manifest().calibration() == null ? 1
        : pkg.manifest().calibration().temperature();
    this.perExample = manifest.leads() * manifest.inputLength();
    this.logits = manifest.output().equals(ModelManifest.OUTPUT_LOGITS);
  }

  /**
   * @param dirOrZip a package folder or zip
   * @return the classifier
   * @throws ModelPackageException if the package is invalid or tampered with
   * @throws EngineException if the runtime cannot load the model
   */
  public static EcgClassifier load(Path dirOrZip) throws ModelPackageException {
    return load(dirOrZip, Options.DEFAULT);
  }

  /**
   * @param dirOrZip a package folder or zip
   * @param options loading options
   * @return the classifier
   * @throws ModelPackageException if the package is invalid or tampered with
   * @throws EngineException if the runtime cannot load the model
   */
  public static EcgClassifier load(Path dirOrZip, Options options) throws ModelPackageException {
    return load(ModelPackage.open(dirOrZip), options);
  }

  /**
   * Loads a model bundled in the jar under {@code dev/ecg/models/bundled/<name>/}.
   *
   * @param bundledName the bundled model's name
   * @return the classifier
   * @throws ModelPackageException if no such model is bundled or it fails verification
   * @throws EngineException if the runtime cannot load the model
   */
  public static EcgClassifier load(String bundledName) throws ModelPackageException {
    return load(bundledName, Options.DEFAULT);
  }

  /**
   * @param bundledName the bundled model's name
   * @param options loading options
   * @return the classifier
   * @throws ModelPackageException if no such model is bundled or it fails verification
   */
  public static EcgClassifier load(String bundledName, Options options)
      throws ModelPackageException {
    ClassLoader cl = EcgClassifier.class.getClassLoader();
    return load(ModelPackage.openBundled(bundledName, cl), options);
  }

  /**
   * Takes ownership of an open package (closed with the classifier).
   *
   * @param pkg an opened, verified package
   * @param options loading options
   * @return the classifier
   * @throws ModelPackageException if the package has no weights the chosen engine can run
   */
  public static EcgClassifier load(ModelPackage pkg, Options options)
      throws ModelPackageException {
    try {
      // a manifest built in code rather than read is checked here, not at the first classify
      pkg.manifest().validate(pkg.source());
      return new EcgClassifier(pkg, openEngine(pkg, options), options);
    } catch (ModelPackageException | RuntimeException e) {
      pkg.close();
      throw e;
    }
  }

  private static InferenceEngine openEngine(ModelPackage pkg, Options options)
      throws ModelPackageException {
    ModelManifest m = pkg.manifest();
    long[] example = new long[m.inputShape().size()];
    for (int k = 0; k < example.length; k++) {
      example[k] = m.inputShape().get(k);
    }
    Optional<WeightFile> onnx = m.weight(WeightFile.Format.ONNX);
    Optional<WeightFile> djl = m.weight(WeightFile.Format.DJL);
    Optional<WeightFile> ts = m.weight(WeightFile.Format.TORCHSCRIPT);
    EngineChoice choice = options.engine();
    if (options.precision() == Precision.INT8) {
      Optional<WeightFile> int8 = m.weight(WeightFile.Format.ONNX_INT8);
      if (int8.isEmpty()) {
        throw new ModelPackageException(pkg.source() + ": int8 precision requested but the "
            + "package has no int8 graph (write one with ModelPackager.addInt8)");
      }
      if (choice == EngineChoice.PYTORCH) {
        throw new ModelPackageException(pkg.source() + ": the int8 graph runs on ONNX Runtime, "
            + "not PyTorch");
      }
      return new OrtEngine(pkg.file(int8.get()), example, options.intraOpThreads());
    }
    if (choice == EngineChoice.AUTO) {
      choice = onnx.isPresent() ? EngineChoice.ONNX_RUNTIME : EngineChoice.PYTORCH;
    }
    if (choice == EngineChoice.ONNX_RUNTIME) {
      if (onnx.isEmpty()) {
        throw new ModelPackageException(pkg.source() + ": ONNX Runtime requested but the "
            + "package has no ONNX weight file");
      }
      return new OrtEngine(pkg.file(onnx.get()), example, options.intraOpThreads());
    }
    PyTorchAvailability.require(pkg.source() + ": running this package on PyTorch"
        + (onnx.isEmpty() ? " (it has no model.onnx for ONNX Runtime)" : ""));
    EngineSettings settings = EngineSettings.DEFAULT.withIntraOpThreads(options.intraOpThreads());
    if (ts.isPresent() && djl.isEmpty()) {
      return PtEngine.fromTorchScript(pkg.file(ts.get()), example, settings);
    }
    if (djl.isEmpty()) {
      throw new ModelPackageException(pkg.source() + ": PyTorch requested but the package has "
          + "neither DJL params nor a TorchScript module");
    }
    if (m.architecture() == null) {
      throw new ModelPackageException(pkg.source() + ": DJL params need an architecture in "
          + ModelManifest.FILE_NAME);
    }
    Architecture arch;
    try {
      arch = Architectures.create(m.architecture().name(), m.architecture().hyperparameters());
    } catch (IllegalArgumentException e) {
      throw new ModelPackageException(pkg.source() + ": cannot rebuild architecture "
          + m.architecture().name() + ": " + e.getMessage(), e);
    }
    return PtEngine.fromParams(arch.build(), pkg.file(djl.get()), example, settings);
  }

  /**
   * What one input of this model holds, position by position, from its preprocessing steps.
   * For the bundled {@code mitbih-aami5}: 88 samples at 125 Hz around the R peak (min-max
   * normalised), zeros to 183, and the 4 RR ratios at 183-186.
   *
   * @return the layout
   */
  public InputSpec inputSpec() {
    return InputSpec.of(manifest.preprocessing(), manifest.leads(), manifest.inputLength(),
        manifest.samplingRate());
  }

  /**
   * The inputs this model's preprocessing makes from a record: exactly what
   * {@link #classify(Record)} feeds the model (before leaving out the rejected windows).
   *
   * @param record a raw record in physical units
   * @return one input per window, with its reference sample and any rejection
   * @throws EcgArgumentException as {@link #classify(Record)}
   */
  public ModelInputs inputs(Record record) {
    if (record == null) {
      throw new EcgArgumentException("record must not be null");
    }
    return inputsOf(record, pipeline);
  }

  /**
   * The inputs for beats at R peaks you found (your detector, reference annotations): every
   * beat-finding step of the preprocessing uses {@code rPeaks} instead of its detector, and all
   * other steps run as in {@link #classify(Record)}; the RR features come from these peaks.
   *
   * @param record a raw record in physical units
   * @param rPeaks R-peak positions in the record's samples, in {@code [0, record.length())}
   * @return one input per peak the windowing kept (a peak whose window runs off the record is
   *     dropped when the model's windowing drops edges), with reference samples {@code rPeaks}
   * @throws EcgArgumentException if a peak is out of range, or the model does not find beats
   *     (a rhythm or record-feature model takes {@link #inputs(Record)})
   */
  public ModelInputs inputs(Record record, long[] rPeaks) {
    if (record == null || rPeaks == null) {
      throw new EcgArgumentException("record and rPeaks must not be null");
    }
    List<dev.ecg.io.Annotation> beats = new ArrayList<>(rPeaks.length);
    long[] sorted = rPeaks.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] < 0 || sorted[i] >= record.length()) {
        throw new EcgArgumentException("R peak at sample " + sorted[i] + " is outside record "
            + record.name() + " (0.." + (record.length() - 1) + ")");
      }
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        beats.add(dev.ecg.io.Annotation.of(sorted[i], "N"));
      }
    }
    List<dev.ecg.io.pipeline.Step> steps = new ArrayList<>();
    boolean findsBeats = false;
    final dev.ecg.io.pipeline.Step.Detector given = dev.ecg.io.pipeline.Step.Detector.ANNOTATIONS;
    for (dev.ecg.io.pipeline.Step st : manifest.preprocessing()) {
      dev.ecg.io.pipeline.Step t = st;
      if (st instanceof dev.ecg.io.pipeline.Step.QrsWindows q) {
        t = new dev.ecg.io.pipeline.Step.QrsWindows(q.before(), q.after(), given, q.channel(),
            q.edges());
      } else if (st instanceof dev.ecg.io.pipeline.Step.KachueeSegment k) {
        t = new dev.ecg.io.pipeline.Step.KachueeSegment(given, k.channel());
      } else if (st instanceof dev.ecg.io.pipeline.Step.BeatFeatureWindows b) {
        t = new dev.ecg.io.pipeline.Step.BeatFeatureWindows(given, b.channel());
      } else if (st instanceof dev.ecg.io.pipeline.Step.AnnotationWindows a) {
        t = new dev.ecg.io.pipeline.Step.AnnotationWindows(a.before(), a.after(), List.of("N"));
      }
      findsBeats |= t != st;
      steps.add(t);
    }
    if (!findsBeats) {
      throw new EcgArgumentException("model " + manifest.name() + " does not segment beats "
          + "(its steps: " + inputSpec().steps() + "); use inputs(record)");
    }
    return inputsOf(record.withAnnotations(beats), Pipeline.of(
        steps.toArray(new dev.ecg.io.pipeline.Step[0])));
  }

  /**
   * The input for one beat of a stretch of raw samples, such as the last seconds of a monitor's
   * lead: the signal with the R peaks found in it (the earlier ones give the RR intervals) and
   * the index of the beat wanted. Nobody writes a model's layout by hand.
   *
   * @param signal one lead in the units the model was trained on (mV for the bundled models),
   *     at any rate the model's preprocessing resamples from
   * @param fs its sampling rate in Hz
   * @param rPeaks R-peak positions in {@code signal}, at least two for RR features
   * @param beat index into {@code rPeaks} of the beat to build
   * @return the model's input for that beat, {@code leads * inputLength} floats
   * @throws EcgArgumentException if the beat is out of range, its window runs off a model that
   *     drops edge beats, or a gate step rejects it (the message says why)
   */
  public float[] beatInput(double[] signal, double fs, long[] rPeaks, int beat) {
    if (signal == null || rPeaks == null) {
      throw new EcgArgumentException("signal and rPeaks must not be null");
    }
    if (beat < 0 || beat >= rPeaks.length) {
      throw new EcgArgumentException("beat " + beat + " is not an index of the "
          + rPeaks.length + " R peaks");
    }
    String lead = "ECG";
    for (dev.ecg.io.pipeline.Step st : manifest.preprocessing()) {
      if (st instanceof dev.ecg.io.pipeline.Step.SelectLeads sel && sel.names() != null
          && !sel.names().isEmpty()) {
        lead = sel.names().get(0);
        break;
      }
    }
    Record r = new Record("input", fs, List.of(lead), List.of("mV"), new double[][] {signal},
        List.of());
    ModelInputs in = inputs(r, rPeaks);
    for (int i = 0; i < in.size(); i++) {
      if (in.samples()[i] == rPeaks[beat]) {
        if (in.rejections()[i] != null) {
          throw new EcgArgumentException("beat " + beat + " at sample " + rPeaks[beat]
              + " is rejected by model " + manifest.name() + "'s preprocessing: "
              + in.rejections()[i]);
        }
        return in.values()[i];
      }
    }
    throw new EcgArgumentException("beat " + beat + " at sample " + rPeaks[beat] + " gives no "
        + "window in model " + manifest.name() + " (too close to the end of the signal?)");
  }

  /**
   * {@link #beatInput(double[], double, long[], int)} with peaks as the detectors return them.
   *
   * @param signal one lead, as there
   * @param fs its rate
   * @param rPeaks R-peak positions in {@code signal}
   * @param beat index into {@code rPeaks}
   * @return the model's input for that beat
   */
  public float[] beatInput(double[] signal, double fs, int[] rPeaks, int beat) {
    if (rPeaks == null) {
      throw new EcgArgumentException("rPeaks must not be null");
    }
    return beatInput(signal, fs, java.util.Arrays.stream(rPeaks).asLongStream().toArray(), beat);
  }

  /**
   * {@link #inputs(Record, long[])} with peaks as the detectors return them.
   *
   * @param record a raw record
   * @param rPeaks R-peak positions in its samples
   * @return one input per kept peak
   */
  public ModelInputs inputs(Record record, int[] rPeaks) {
    if (rPeaks == null) {
      throw new EcgArgumentException("rPeaks must not be null");
    }
    return inputs(record, java.util.Arrays.stream(rPeaks).asLongStream().toArray());
  }

  private ModelInputs inputsOf(Record record, Pipeline p) {
    Record input = checkScale(record, new ArrayList<>());
    SignalWindows s;
    try {
      s = p.run(input);
    } catch (NanInputException e) {
      throw new InvalidSignalException(InvalidSignalException.Reason.NON_FINITE, "record "
          + record.name() + ": " + e.getMessage());
    }
    List<double[][]> ws = s.windows();
    float[][] values = new float[ws.size()][];
    String[] rejected = new String[ws.size()];
    for (int w = 0; w < ws.size(); w++) {
      values[w] = flatten(ws.get(w));
      rejected[w] = s.rejection(w);
    }
    return new ModelInputs(s.samples().clone(), values, rejected, record.fs());
  }

  private static float[] flatten(double[][] win) {
    int len = win.length == 0 ? 0 : win[0].length;
    float[] flat = new float[win.length * len];
    for (int c = 0; c < win.length; c++) {
      for (int i = 0; i < len; i++) {
        flat[c * len + i] = (float) win[c][i];
      }
    }
    return flat;
  }

  /** @return the package manifest */
  public ModelManifest manifest() {
    return manifest;
  }

  /** @return class names in output order */
  public List<String> classNames() {
    return manifest.classNames();
  }

  /** @return the runtime in use, {@code OnnxRuntime} or {@code PyTorch} */
  public String engineName() {
    return engine.name();
  }

  /** @return the model card, if the package has one */
  public Optional<String> card() {
    return pkg.card();
  }

  /**
   * Classifies one example.
   *
   * @param beat {@code float[leads * inputLength]}, lead-major, preprocessed
   * @return the prediction
   * @throws InvalidSignalException on NaN/Inf (NaN is a missing feature for record-features
   *     and beat-features models), or a wrong length under
   *     {@link LengthPolicy#REJECT}
   * @throws IllegalStateException if the classifier is closed
   */
  public Prediction predict(float[] beat) {
    return predictBatch(new float[][] {beat})[0];
  }

  /**
   * Classifies one multi-lead example given lead by lead.
   *
   * @param leads {@code float[leads][inputLength]}
   * @return the prediction
   * @throws InvalidSignalException on a wrong lead count, NaN/Inf or wrong length
   */
  public Prediction predictLeads(float[][] leads) {
    if (leads == null || leads.length != manifest.leads()) {
      throw new InvalidSignalException(InvalidSignalException.Reason.WRONG_LEADS, "model "
          + manifest.name() + " takes " + manifest.leads() + " lead(s), got "
          + (leads == null ? "null" : leads.length));
    }
    int len = manifest.inputLength();
    float[] flat = new float[perExample];
    for (int c = 0; c < leads.length; c++) {
      float[] l = fitLength(leads[c], len, 0, c);
      System.arraycopy(l, 0, flat, c * len, len);
    }
    return predict(flat);
  }

  /**
   * Classifies a batch in one engine call.
   *
   * @param beats examples, each {@code float[leads * inputLength]}
   * @return one prediction per example
   * @throws InvalidSignalException if any example is invalid (naming its index), or the model's
   *     scores for one are not finite
   * @throws IllegalStateException if the classifier is closed
   */
  public Prediction[] predictBatch(float[][] beats) {
    if (beats == null) {
      throw new EcgArgumentException("beats must not be null");
    }
    if (beats.length == 0) {
      return new Prediction[0];
    }
    float[] x = new float[beats.length * perExample];
    for (int b = 0; b < beats.length; b++) {
      float[] beat = beats[b];
      if (beat == null) {
        throw new EcgArgumentException("example " + b + " is null");
      }
      if (beat.length != perExample) {
        beat = fitExample(beat, b);
      }
      for (int i = 0; i < perExample; i++) {
        float v = beat[i];
        if (!Float.isFinite(v) && !(nanIsMissing && Float.isNaN(v))) {
          throw new InvalidSignalException(InvalidSignalException.Reason.NON_FINITE, "example "
              + b + ", lead " + (i / manifest.inputLength()) + ", sample "
              + (i % manifest.inputLength()) + " is " + v + "; the model needs finite samples"
              + (nanIsMissing ? " or NaN (a missing feature)" : ""));
        }
      }
      System.arraycopy(beat, 0, x, b * perExample, perExample);
    }
    float[] out;
    enter();
    try {
      out = engine.run(x, beats.length);
    } finally {
      exit();
    }
    int k = manifest.numClasses();
    if (out.length != beats.length * k) {
      throw new EngineException("model " + manifest.name() + " returned " + out.length
          + " scores for " + beats.length + " examples of " + k + " classes");
    }
    Prediction[] res = new Prediction[beats.length];
    for (int b = 0; b < beats.length; b++) {
      float[] p = new float[k];
      System.arraycopy(out, b * k, p, 0, k);
      if (logits) {
        softmaxInPlace(p);
      }
      if (temperature != 1) {
        temperInPlace(p, temperature);
      }
      for (float v : p) {
        if (!Float.isFinite(v)) {
          throw new InvalidSignalException(InvalidSignalException.Reason.NON_FINITE, "model "
              + manifest.name() + " gave non-finite scores for example " + b
              + " (input amplitudes far outside the range it was trained on?)");
        }
      }
      res[b] = Prediction.of(p, manifest.classNames());
    }
    return res;
  }

  /** Windows sent to the engine per call by {@link #classify(Record)}. */
  public static final int CLASSIFY_BATCH = 256;

  /**
   * Replays the manifest's preprocessing on a raw record (filters, resampling, QRS detection and
   * segmentation through {@code ecg-io}'s {@link Pipeline}) and classifies every window
   * it yields, in batches of {@value #CLASSIFY_BATCH}: one window per beat after a segmentation
   * step, else the whole record.
   *
   * <pre>{@code
   * ClassificationResult r = clf.classify(record);
   * for (BeatPrediction b : r.beats()) {
   *   System.out.println(b.sample() + " " + b.time() + " " + b.label() + " " + b.probability());
   * }
   * System.out.println(r.summary());   // counts per class, mean heart rate
   * }</pre>
   *
   * @param record a raw record in physical units
   * @return one prediction per window, in record order, with sample positions in the original
   *     record's sample indices, and a summary
   * @throws EcgArgumentException if the record is null or ecg-io refuses the signal (a lead
   *     the steps select is missing, a rate change beyond the limit); steps and parameters were
   *     checked when the package was loaded
   * @throws InvalidSignalException if the windows do not fit the model (rate, leads) or a
   *     sample is infinite
   * @throws IllegalStateException if the classifier is closed
   */
  public ClassificationResult classify(Record record) {
    if (record == null) {
      throw new EcgArgumentException("record must not be null");
    }
    List<String> warnings = new ArrayList<>();
    leadWarning(record, warnings);
    rateWarning(record, warnings);
    Record input = checkScale(record, warnings);
    SignalWindows s;
    try {
      s = pipeline.run(input);
    } catch (NanInputException e) {
      // NaN is a gap and never gets here; an infinite sample has no meaning in any step
      throw new InvalidSignalException(InvalidSignalException.Reason.NON_FINITE, "record "
          + record.name() + ": " + e.getMessage());
    }
    if (Math.abs(s.fs() - manifest.samplingRate()) > 1e-6 * manifest.samplingRate()) {
      throw new InvalidSignalException(InvalidSignalException.Reason.WRONG_SAMPLING_RATE,
          "record " + record.name() + " is at " + s.fs() + " Hz after preprocessing, model "
              + manifest.name() + " expects " + manifest.samplingRate() + " Hz");
    }
    if (s.leadNames().size() != manifest.leads()) {
      throw new InvalidSignalException(InvalidSignalException.Reason.WRONG_LEADS, "record "
          + record.name() + " has " + s.leadNames().size() + " lead(s) after preprocessing, "
          + "model " + manifest.name() + " takes " + manifest.leads()
          + " (add a select-leads step)");
    }
    List<double[][]> all = s.windows();
    long[] allRefs = s.samples();
    // Windows a gate step rejected (poor signal quality) are reported as skipped with its
    // reason. Invalid samples (NaN: WFDB's marker, gaps) are gaps: a window that touches one is
    // reported as skipped and the others are classified. Infinity is not a gap and is refused.
    List<double[][]> ws = new ArrayList<>(all.size());
    long[] refs = new long[all.size()];
    List<ClassificationResult.Skipped> skipped = new ArrayList<>();
    for (int w = 0; w < all.size(); w++) {
      String rejected = s.rejection(w);
      // in feature windows NaN is a missing feature, passed on to the trees
      int nan = rejected == null && !nanIsMissing ? countNaN(all.get(w)) : 0;
      if (rejected != null) {
        // a gate step (signal quality) rejected it: the model abstains and says why
        skipped.add(new ClassificationResult.Skipped(allRefs[w], allRefs[w] / record.fs(),
            "rejected by preprocessing: " + rejected));
      } else if (nan > 0) {
        skipped.add(new ClassificationResult.Skipped(allRefs[w], allRefs[w] / record.fs(),
            "window touches " + nan + " invalid (NaN) sample(s)"));
      } else {
        refs[ws.size()] = allRefs[w];
        ws.add(all.get(w));
      }
    }
    List<BeatPrediction> out = new ArrayList<>(ws.size());
    for (int from = 0; from < ws.size(); from += CLASSIFY_BATCH) {
      int to = Math.min(ws.size(), from + CLASSIFY_BATCH);
      float[][] beats = new float[to - from][];
      for (int w = from; w < to; w++) {
        beats[w - from] = flatten(ws.get(w));
      }
      Prediction[] p;
      try {
        p = predictBatch(beats);
      } catch (InvalidSignalException e) {
        throw new InvalidSignalException(e.reason(), "record " + record.name()
            + ", windows from " + from + " (example index counted from there): "
            + e.getMessage());
      }
      for (int w = 0; w < p.length; w++) {
        long ref = refs[from + w];
        out.add(new BeatPrediction(ref, ref / record.fs(), p[w]));
      }
    }
    coverageWarning(record, all.size(), skipped, warnings);
    return new ClassificationResult(record.name(), record.fs(), record.length(),
        s.segmented() && !stretchWindows,
        manifest.classNames(), out, skipped, warnings);
  }

  /** Share of windows left unclassified above which the result carries a warning. */
  static final double SKIPPED_WARNING_SHARE = 0.1;

  /**
   * Warns when the record gave no window at all (too short for the model, or no beat found), or
   * when a tenth or more of its windows were not classified (poor quality, gaps): counts and
   * labels computed from the rest describe only part of the record.
   */
  private void coverageWarning(Record record, int windows, List<ClassificationResult.Skipped>
      skipped, List<String> warnings) {
    if (windows == 0) {
      warnings.add("record " + record.name() + " (" + hz(Math.round(record.length()
          / record.fs() * 10) / 10.0) + " s) gave no window to classify: it is shorter than "
          + "model " + manifest.name() + "'s window or no beat was found in it");
    } else if (!skipped.isEmpty() && skipped.size() >= SKIPPED_WARNING_SHARE * windows) {
      warnings.add(String.format(java.util.Locale.ROOT, "record %s: %d of %d windows (%.0f %%) "
          + "were not classified (%s); the counts describe the rest only", record.name(),
          skipped.size(), windows, 100.0 * skipped.size() / windows,
          firstReason(skipped.get(0).reason())));
    }
  }

  private static String firstReason(String reason) {
    int cut = reason.indexOf(':', reason.indexOf("preprocessing: ") + 16);
    return cut > 0 && reason.startsWith("rejected") ? reason.substring(0, cut) : reason;
  }

  /**
   * Warns when a model that picks leads by position meets a record with more leads than it
   * reads: lead 0 of a 12-lead record is lead I, not the MLII a MIT-BIH model was trained on,
   * and nothing else would tell the user which lead was classified.
   */
  private void leadWarning(Record record, List<String> warnings) {
    for (dev.ecg.io.pipeline.Step st : manifest.preprocessing()) {
      if (st instanceof dev.ecg.io.pipeline.Step.SelectLeads sel && sel.indices() != null
          && record.channelCount() > sel.indices().size()) {
        List<String> used = new ArrayList<>();
        for (int i : sel.indices()) {
          if (i < record.channelCount()) {
            used.add(i + " ('" + record.channelNames().get(i) + "')");
          }
        }
        warnings.add("record " + record.name() + " has " + record.channelCount() + " leads "
            + record.channelNames() + "; model " + manifest.name() + " reads lead(s) "
            + String.join(", ", used) + " by position. If that is not the lead it was trained "
            + "on (see its card), pass a record with the right lead only");
        return;
      }
    }
  }

  /**
   * Warns when the record's rate is far below the rate the model's preprocessing resamples to:
   * upsampling by more than two cannot restore the QRS detail the model was trained on.
   */
  private void rateWarning(Record record, List<String> warnings) {
    for (dev.ecg.io.pipeline.Step st : manifest.preprocessing()) {
      if (st instanceof dev.ecg.io.pipeline.Step.Resample rs && record.fs() < rs.fs() / 2) {
        warnings.add("record " + record.name() + " is at " + hz(record.fs()) + " Hz; model "
            + manifest.name() + " resamples it to " + hz(rs.fs()) + " Hz, more than twice its "
            + "rate, so detail it was trained on is missing and its output may be unreliable");
        return;
      }
    }
  }

  private static String hz(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
  }

  /** Largest peak amplitude accepted without a warning, in the record's units (mV or uV). */
  static final double PLAUSIBLE_PEAK = 1e5;

  /**
   * Warns about an amplitude no ECG has (in mV or uV), and brings one beyond 1e100 back to unit
   * scale by a power of two (exact), since filters overflow near the double range and a record
   * scaled by 1e300 used to give no beats at all, silently. The rescaled record keeps its units;
   * the warning says by how much it was scaled.
   */
  private static Record checkScale(Record record, List<String> warnings) {
    double peak = 0;
    for (double[] lead : record.signals()) {
      for (double v : lead) {
        if (Double.isFinite(v)) {
          peak = Math.max(peak, Math.abs(v));
        }
      }
    }
    if (peak == 0) {
      return record;
    }
    String units = record.units().isEmpty() ? "" : " " + record.units().get(0);
    if (peak > 1e100 || peak < 1e-100) {
      int k = -Math.getExponent(peak);
      double[][] scaled = new double[record.signals().length][];
      for (int c = 0; c < scaled.length; c++) {
        scaled[c] = record.signals()[c].clone();
        for (int i = 0; i < scaled[c].length; i++) {
          scaled[c][i] = Math.scalb(scaled[c][i], k);
        }
      }
      warnings.add(String.format(java.util.Locale.ROOT, "record %s peaks at %.3g%s, outside any "
          + "ECG's range (wrong units or gain?); scaled by 2^%d before preprocessing",
          record.name(), peak, units, k));
      return new Record(record.name(), record.fs(), record.channelNames(), record.units(),
          scaled, record.annotations());
    }
    if (peak > PLAUSIBLE_PEAK || peak < 1 / PLAUSIBLE_PEAK) {
      warnings.add(String.format(java.util.Locale.ROOT, "record %s peaks at %.3g%s, outside the "
          + "range of an ECG in mV or uV (wrong units or gain?)", record.name(), peak, units));
    }
    return record;
  }

  /** @return how many NaN values the window holds (infinities are not counted) */
  private static int countNaN(double[][] win) {
    int n = 0;
    for (double[] lead : win) {
      for (double v : lead) {
        if (Double.isNaN(v)) {
          n++;
        }
      }
    }
    return n;
  }

  private float[] fitExample(float[] beat, int index) {
    if (options.lengthPolicy() == LengthPolicy.REJECT || beat.length % manifest.leads() != 0) {
      throw new InvalidSignalException(InvalidSignalException.Reason.WRONG_LENGTH, "example "
          + index + " has " + beat.length + " samples; model " + manifest.name() + " takes "
          + manifest.leads() + " lead(s) x " + manifest.inputLength() + " = " + perExample);
    }
    int have = beat.length / manifest.leads();
    int len = manifest.inputLength();
    float[] out = new float[perExample];
    for (int c = 0; c < manifest.leads(); c++) {
      float[] lead = java.util.Arrays.copyOfRange(beat, c * have, (c + 1) * have);
      System.arraycopy(fitLength(lead, len, index, c), 0, out, c * len, len);
    }
    return out;
  }

  private float[] fitLength(float[] lead, int len, int index, int c) {
    if (lead.length == len) {
      return lead;
    }
    if (options.lengthPolicy() == LengthPolicy.REJECT || lead.length < 2) {
      throw new InvalidSignalException(InvalidSignalException.Reason.WRONG_LENGTH, "example "
          + index + ", lead " + c + " has " + lead.length + " samples; model " + manifest.name()
          + " takes " + len);
    }
    return resampleLinear(lead, len);
  }

  /**
   * Linear interpolation onto {@code len} points spanning the same first and last sample.
   *
   * @param x at least two samples
   * @param len target length, at least 2
   * @return the resampled signal
   */
  static float[] resampleLinear(float[] x, int len) {
    float[] y = new float[len];
    double step = (x.length - 1) / (double) Math.max(1, len - 1);
    for (int i = 0; i < len; i++) {
      double t = i * step;
      int j = Math.min((int) Math.floor(t), x.length - 2);
      double f = t - j;
      y[i] = (float) (x[j] * (1 - f) + x[j + 1] * f);
    }
    return y;
  }

  /** Temperature scaling of probabilities: {@code p^(1/T)} renormalised (softmax of z / T). */
  static void temperInPlace(float[] p, double t) {
    double[] q = dev.ecg.core.metrics.Calibration.scale(toDoubles(p), t);
    for (int j = 0; j < p.length; j++) {
      p[j] = (float) q[j];
    }
  }

  private static double[] toDoubles(float[] p) {
    double[] d = new double[p.length];
    for (int j = 0; j < p.length; j++) {
      d[j] = p[j];
    }
    return d;
  }

  static void softmaxInPlace(float[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] e = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      e[k] = Math.exp(z[k] - max);
      sum += e[k];
    }
    for (int k = 0; k < z.length; k++) {
      z[k] = (float) (e[k] / sum);
    }
  }

  private void enter() {
    inFlight.incrementAndGet();
    if (closed) {
      exit();
      throw new IllegalStateException("EcgClassifier for " + manifest.name() + " is closed");
    }
  }

  private void exit() {
    if (inFlight.decrementAndGet() == 0 && closed) {
      synchronized (closeLock) {
        closeLock.notifyAll();
      }
    }
  }

  /**
   * Refuses new calls, waits for calls in flight to finish, then frees the engine's native
   * memory and any temporary package folder. Idempotent.
   */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed && engineClosed) {
        return;
      }
      closed = true;
      boolean interrupted = false;
      while (inFlight.get() > 0) {
        try {
          closeLock.wait(50);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      try {
        engine.close();
        if (gradients != null && gradients != engine) {
          gradients.close();
        }
      } finally {
        engineClosed = true;
        pkg.close();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private PtEngine gradients; // the package's DJL params on PyTorch, for Explainer

  /**
   * Gradients of target scores with respect to inputs, on the package's DJL parameters and
   * libtorch's autograd (built on first use, closed with the classifier).
   */
  float[] inputGradient(float[] x, int batch, int[] targets) {
    PtEngine e;
    synchronized (closeLock) {
      if (closed) {
        throw new IllegalStateException("the classifier is closed");
      }
      if (gradients == null) {
        if (engine instanceof PtEngine pt && manifest.weight(WeightFile.Format.DJL).isPresent()) {
          gradients = pt;
        } else {
          try {
            InferenceEngine g = openEngine(pkg, new Options(EngineChoice.PYTORCH,
                options.lengthPolicy(), 1));
            if (!(g instanceof PtEngine pt)) {
              g.close();
              throw new EngineException("no PyTorch engine for " + manifest.name());
            }
            gradients = pt;
          } catch (ModelPackageException ex) {
            throw new EngineException("gradients of " + manifest.name() + " need its DJL "
                + "params: " + ex.getMessage(), ex);
          }
        }
      }
      e = gradients;
    }
    return e.inputGradient(x, batch, targets);
  }

  /** The network's scores (before softmax) of one class on the gradient engine, per example. */
  double[] gradientScores(float[] x, int batch, int target) {
    inputGradient(x, batch, new int[batch]); // builds the engine
    float[] out = gradients.run(x, batch);
    int k = manifest.numClasses();
    double[] s = new double[batch];
    for (int b = 0; b < batch; b++) {
      s[b] = out[b * k + target];
    }
    return s;
  }

  @Override
  public String toString() {
    return "EcgClassifier[" + manifest.name() + " on " + engine.name() + ", classes="
        + manifest.classNames() + "]";
  }
}
