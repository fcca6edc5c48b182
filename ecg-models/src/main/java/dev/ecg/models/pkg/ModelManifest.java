package dev.ecg.models.pkg;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.json.JsonReader;
import dev.ecg.core.json.JsonWriter;
import dev.ecg.io.pipeline.Pipeline;
import dev.ecg.io.pipeline.PipelineException;
import dev.ecg.io.pipeline.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The contents of {@code ecg-model.json}: everything needed to rebuild, verify and feed a model.
 *
 * <p>The network takes a float tensor of shape {@code [batch, leads, inputLength]} and returns
 * one score per class in {@link #classNames()} order; {@link #output()} says whether those scores
 * are raw logits (the default; softmax is applied by {@code EcgClassifier}) or probabilities.
 *
 * <p>Schema history: version 1 (steps as a free-form name and parameter map, checked only when
 * a record was classified); version {@value #SCHEMA_VERSION} (typed {@link Step}s from
 * {@code dev.ecg.io.pipeline}, checked with the model's input when a package is written and
 * loaded; training provenance). Both are read; version {@value #SCHEMA_VERSION} is written.
 *
 * @param schemaVersion manifest schema version; this library writes {@value #SCHEMA_VERSION}
 *     and reads it and 1
 * @param name short model name, e.g. {@code mitbih-aami5}
 * @param architecture architecture name and hyperparameters ({@code Architectures.create}); may
 *     be null for imported TorchScript/ONNX models that have no Java architecture
 * @param classNames class labels in output order
 * @param leads number of input leads (channels)
 * @param inputLength samples per lead in one network input
 * @param samplingRate sampling rate in Hz the input is expected at
 * @param inputShape the network's input shape for one example, without the batch dimension;
 *     defaults to {@code [leads, inputLength]} (a 2-D model may use {@code [leads, freqBins,
 *     timeFrames]}); its first entry is {@code leads} and its product
 *     {@code leads * inputLength}
 * @param output {@code logits} or {@code probabilities}
 * @param preprocessing the steps, in order, that turn a raw record into network inputs
 * @param provenance where the model came from
 * @param weights weight files with their SHA-256
 * @param calibration temperature scaling applied to the outputs, or null for none
 */
public record ModelManifest(
    int schemaVersion,
    String name,
    ArchitectureSpec architecture,
    List<String> classNames,
    int leads,
    int inputLength,
    double samplingRate,
    List<Long> inputShape,
    String output,
    List<Step> preprocessing,
    Provenance provenance,
    List<WeightFile> weights,
    TemperatureScaling calibration) {

  /**
   * Temperature scaling (Guo et al. 2017) fitted on held-out data: {@code EcgClassifier} divides
   * the network's log-probabilities by {@code temperature} before the softmax, which changes the
   * confidence and never the predicted class.
   *
   * @param temperature the divisor, in [0.05, 20]; above 1 softens overconfident outputs
   * @param fittedOn the data and protocol it was fitted on, in words
   */
  public record TemperatureScaling(double temperature, String fittedOn) {
    /** Checks the range. */
    public TemperatureScaling {
      if (!(temperature >= 0.05 && temperature <= 20)) {
        throw new EcgArgumentException("calibration temperature must be in [0.05, 20], got "
            + temperature);
      }
      if (fittedOn != null && fittedOn.length() > 1000) {
        throw new EcgArgumentException("calibration.fittedOn is longer than 1000 characters");
      }
    }
  }

  /** The schema version this library writes. */
  public static final int SCHEMA_VERSION = 2;

  /** The oldest schema version this library reads. */
  public static final int OLDEST_READABLE_VERSION = 1;

  /** File name of the manifest inside a package. */
  public static final String FILE_NAME = "ecg-model.json";

  /** Value of {@link #output()} for raw scores. */
  public static final String OUTPUT_LOGITS = "logits";

  /** Value of {@link #output()} for scores that already sum to one. */
  public static final String OUTPUT_PROBABILITIES = "probabilities";

  /**
   * Most input values one example may have (leads x inputLength): 2^24, 64 MiB of float per
   * example, far above any ECG model and small enough that a hostile manifest cannot make the
   * engines allocate beyond a small heap.
   */
  public static final long MAX_INPUT_VALUES = 1L << 24;

  /**
   * Architecture name and hyperparameters, as understood by
   * {@code dev.ecg.models.arch.Architectures.create(name, hyperparameters)}.
   *
   * @param name registered architecture name
   * @param hyperparameters its hyperparameters (integers are read back as {@link Long}, other
   *     numbers as {@link Double})
   */
  public record ArchitectureSpec(String name, Map<String, Object> hyperparameters) {
    /**
     * Checks the name, copies the map.
     *
     * @param name see the record description
     * @param hyperparameters see the record description
     */
    public ArchitectureSpec {
      Objects.requireNonNull(name, "architecture name");
      hyperparameters = hyperparameters == null
          ? Map.of()
          : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    }
  }

  /**
   * Validates every field.
   *
   * @param schemaVersion see the record description
   * @param name see the record description
   * @param architecture see the record description
   * @param classNames see the record description
   * @param leads see the record description
   * @param inputLength see the record description
   * @param samplingRate see the record description
   * @param inputShape see the record description
   * @param output see the record description
   * @param preprocessing see the record description
   * @param provenance see the record description
   * @param weights see the record description
   * @param calibration see the record description
   */
  public ModelManifest {
    if (schemaVersion < OLDEST_READABLE_VERSION || schemaVersion > SCHEMA_VERSION) {
      throw new EcgArgumentException("unsupported ecg-model.json schema version "
          + schemaVersion + " (this library reads versions " + OLDEST_READABLE_VERSION + " to "
          + SCHEMA_VERSION + ")");
    }
    Objects.requireNonNull(name, "name");
    if (classNames == null || classNames.isEmpty()) {
      throw new EcgArgumentException("manifest " + name + ": classNames is empty");
    }
    classNames = List.copyOf(classNames);
    if (new HashSet<>(classNames).size() != classNames.size()) {
      throw new EcgArgumentException("manifest " + name + ": duplicate class names "
          + classNames);
    }
    if (leads < 1) {
      throw new EcgArgumentException("manifest " + name + ": leads must be >= 1, got "
          + leads);
    }
    if (inputLength < 1) {
      throw new EcgArgumentException("manifest " + name + ": inputLength must be >= 1, got "
          + inputLength);
    }
    if (!(samplingRate > 0) || Double.isInfinite(samplingRate)) {
      throw new EcgArgumentException("manifest " + name + ": samplingRate must be > 0, got "
          + samplingRate);
    }
    if ((long) leads * inputLength > MAX_INPUT_VALUES) {
      throw new EcgArgumentException("manifest " + name + ": leads * inputLength = "
          + (long) leads * inputLength + " values per example exceeds the limit of "
          + MAX_INPUT_VALUES);
    }
    if (inputShape == null || inputShape.isEmpty()) {
      inputShape = List.of((long) leads, (long) inputLength);
    }
    inputShape = List.copyOf(inputShape);
    long prod = 1;
    for (Long d : inputShape) {
      if (d == null || d < 1 || d > MAX_INPUT_VALUES) {
        throw new EcgArgumentException("manifest " + name + ": inputShape " + inputShape
            + " has a dimension outside 1.." + MAX_INPUT_VALUES);
      }
      prod *= d; // both factors <= 2^24 after the check below, so no overflow
      if (prod > MAX_INPUT_VALUES) {
        throw new EcgArgumentException("manifest " + name + ": inputShape " + inputShape
            + " holds more than " + MAX_INPUT_VALUES + " values");
      }
    }
    if (inputShape.get(0) != leads || prod != (long) leads * inputLength) {
      throw new EcgArgumentException("manifest " + name + ": inputShape " + inputShape
          + " must start with leads=" + leads + " and hold leads*inputLength="
          + (long) leads * inputLength + " values");
    }
    if (output == null) {
      output = OUTPUT_LOGITS;
    }
    if (!output.equals(OUTPUT_LOGITS) && !output.equals(OUTPUT_PROBABILITIES)) {
      throw new EcgArgumentException("manifest " + name + ": output must be '"
          + OUTPUT_LOGITS + "' or '" + OUTPUT_PROBABILITIES + "', got '" + output + "'");
    }
    preprocessing = preprocessing == null ? List.of() : List.copyOf(preprocessing);
    provenance = provenance == null ? Provenance.unknown() : provenance;
    weights = weights == null ? List.of() : List.copyOf(weights);
    var seen = new HashSet<String>();
    for (WeightFile w : weights) {
      if (!seen.add(w.file())) {
        throw new EcgArgumentException("manifest " + name + ": weight file " + w.file()
            + " listed twice");
      }
    }
  }

  /**
   * @return a builder for a manifest of the current schema version
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param format a weight format
   * @return the first weight file of that format, if any
   */
  public Optional<WeightFile> weight(WeightFile.Format format) {
    return weights.stream().filter(w -> w.format() == format).findFirst();
  }

  /**
   * @param newWeights the weight list to store
   * @return a copy of this manifest with another weight list
   */
  public ModelManifest withWeights(List<WeightFile> newWeights) {
    return new ModelManifest(schemaVersion, name, architecture, classNames, leads, inputLength,
        samplingRate, inputShape, output, preprocessing, provenance, newWeights, calibration);
  }

  /**
   * @param scaling the temperature scaling to store, or null for none
   * @return a copy of this manifest with it
   */
  public ModelManifest withCalibration(TemperatureScaling scaling) {
    return new ModelManifest(schemaVersion, name, architecture, classNames, leads, inputLength,
        samplingRate, inputShape, output, preprocessing, provenance, weights, scaling);
  }

  /**
   * @param batch number of examples
   * @return the network input shape for a batch of {@code batch} examples
   */
  public long[] batchShape(int batch) {
    long[] s = new long[inputShape.size() + 1];
    s[0] = batch;
    for (int k = 0; k < inputShape.size(); k++) {
      s[k + 1] = inputShape.get(k);
    }
    return s;
  }

  /** @return number of classes */
  public int numClasses() {
    return classNames.size();
  }

  /** @return the preprocessing as a {@link Pipeline} */
  public Pipeline pipeline() {
    return new Pipeline(preprocessing);
  }

  /**
   * Checks what a package is refused for before any record is classified: the steps must fit each
   * other, and the rate, lead count and window length they end with (as far as they fix them)
   * must be the model's.
   *
   * @param source where the manifest is written to or read from, for the message
   * @return this manifest
   * @throws ModelPackageException naming the step and what does not fit
   */
  public ModelManifest validate(String source) throws ModelPackageException {
    try {
      pipeline().requireOutput(leads, inputLength, samplingRate);
    } catch (PipelineException e) {
      throw new ModelPackageException(source + ": " + FILE_NAME + " of model " + name
          + ": " + e.getMessage(), e);
    }
    return this;
  }

  /** @return this manifest as a tree of maps and lists, the shape of {@code ecg-model.json} */
  public Map<String, Object> toJsonTree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", SCHEMA_VERSION);
    m.put("name", name);
    if (architecture != null) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("name", architecture.name());
      a.put("hyperparameters", architecture.hyperparameters());
      m.put("architecture", a);
    }
    m.put("classNames", classNames);
    m.put("leads", leads);
    m.put("inputLength", inputLength);
    m.put("samplingRate", samplingRate);
    m.put("inputShape", inputShape);
    m.put("output", output);
    m.put("preprocessing", pipeline().toJson());
    m.put("provenance", provenance.toJsonTree());
    List<Object> ws = new ArrayList<>();
    for (WeightFile w : weights) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("file", w.file());
      e.put("format", w.format().name());
      e.put("sha256", w.sha256());
      ws.add(e);
    }
    m.put("weights", ws);
    if (calibration != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("method", "temperature");
      c.put("temperature", calibration.temperature());
      if (calibration.fittedOn() != null) {
        c.put("fittedOn", calibration.fittedOn());
      }
      m.put("calibration", c);
    }
    return m;
  }

  /** @return this manifest as pretty-printed JSON, always at the current schema version */
  public String toJson() {
    return JsonWriter.pretty(toJsonTree()) + "\n";
  }

  /** Top-level members of {@code ecg-model.json}. */
  private static final List<String> MEMBERS = List.of("schemaVersion", "name", "architecture",
      "classNames", "leads", "inputLength", "samplingRate", "inputShape", "output",
      "preprocessing", "provenance", "weights", "calibration");

  /**
   * Parses a manifest of schema version 1 or {@value #SCHEMA_VERSION} and validates it
   * ({@link #validate}). The schema version is read first: an absent or unknown version is
   * refused rather than guessed. Unknown members, an unknown preprocessing step, a parameter of
   * the wrong type or out of range, and steps whose rate or shape does not fit the model are
   * all refused here, with the member's place in the file.
   *
   * @param json the text of {@code ecg-model.json}
   * @param source where the text came from, for messages
   * @return the manifest
   * @throws ModelPackageException if the JSON is malformed, the version is unknown or a field
   *     is invalid
   */
  public static ModelManifest fromJson(String json, String source) throws ModelPackageException {
    Object tree;
    try {
      tree = JsonReader.parse(json);
    } catch (EcgArgumentException e) {
      throw new ModelPackageException(source + ": " + FILE_NAME + " is not valid JSON: "
          + e.getMessage(), e);
    }
    if (!(tree instanceof Map)) {
      throw new ModelPackageException(source + ": " + FILE_NAME + " is not a JSON object");
    }
    String where = source + ": " + FILE_NAME;
    JsonFields f = JsonFields.of(tree, where);
    Object v = f.map().get("schemaVersion");
    if (!(v instanceof Number n)) {
      throw new ModelPackageException(where + " has no numeric schemaVersion");
    }
    double version = n.doubleValue();
    if (version != Math.rint(version) || version < OLDEST_READABLE_VERSION
        || version > SCHEMA_VERSION) {
      throw new ModelPackageException(where + " has schema version "
          + JsonWriter.formatNumber(version) + ", but this library reads versions "
          + OLDEST_READABLE_VERSION + " to " + SCHEMA_VERSION
          + "; upgrade the library or re-export the model");
    }
    ModelManifest m;
    try {
      f.requireOnly(MEMBERS);
      ArchitectureSpec arch = null;
      if (f.map().get("architecture") != null) {
        JsonFields a = f.object("architecture").requireOnly(List.of("name", "hyperparameters"));
        arch = new ArchitectureSpec(a.string("name"), a.has("hyperparameters")
            ? wholeAsLong(a.object("hyperparameters").map()) : Map.of());
      }
      List<Long> shape = null;
      if (f.map().get("inputShape") != null) {
        shape = new ArrayList<>();
        List<Object> raw = f.list("inputShape");
        for (int i = 0; i < raw.size(); i++) {
          shape.add(JsonFields.of(Map.of("d", raw.get(i) == null ? "null" : raw.get(i)),
              where + ": inputShape[" + i + "]").wholeNumber("d", 1, MAX_INPUT_VALUES));
        }
      }
      List<WeightFile> weights = new ArrayList<>();
      if (f.map().get("weights") != null) {
        List<Object> raw = f.list("weights");
        for (int i = 0; i < raw.size(); i++) {
          JsonFields w = JsonFields.of(raw.get(i), where + ": weights[" + i + "]")
              .requireOnly(List.of("file", "format", "sha256"));
          weights.add(new WeightFile(w.string("file"),
              w.enumValue("format", WeightFile.Format.class, null), w.string("sha256")));
        }
      }
      List<Step> steps = f.map().get("preprocessing") == null ? List.of()
          : Pipeline.fromJson(f.map().get("preprocessing"), where + ": preprocessing").steps();
      Provenance p = f.map().get("provenance") == null ? Provenance.unknown()
          : Provenance.fromJson(f.object("provenance"));
      TemperatureScaling cal = null;
      if (f.map().get("calibration") != null) {
        JsonFields c = JsonFields.of(f.map().get("calibration"), where + ": calibration")
            .requireOnly(List.of("method", "temperature", "fittedOn"));
        if (!"temperature".equals(c.string("method"))) {
          throw new EcgArgumentException(where + ": calibration.method must be 'temperature'");
        }
        cal = new TemperatureScaling(c.number("temperature"), c.map().get("fittedOn") == null
            ? null : c.string("fittedOn"));
      }
      m = new ModelManifest((int) version, f.string("name"), arch,
          f.stringList("classNames"), (int) f.wholeNumber("leads", 1, MAX_INPUT_VALUES),
          (int) f.wholeNumber("inputLength", 1, MAX_INPUT_VALUES), f.number("samplingRate"),
          shape, f.string("output", OUTPUT_LOGITS), steps, p, weights, cal);
    } catch (RuntimeException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new ModelPackageException((msg.startsWith(source) ? "" : where + ": invalid: ")
          + msg, e);
    }
    return m.validate(source);
  }

  /** Whole numbers read as double become {@code Long}, as written; others stay as they are. */
  private static Map<String, Object> wholeAsLong(Map<String, Object> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, val) -> out.put(k, val instanceof Double d && d == Math.rint(d)
        && Math.abs(d) < 9.007199254740992E15 ? (Object) d.longValue() : val));
    return out;
  }

  /** Builder: required {@code setX}, optional {@code optX}, in DJL style. */
  public static final class Builder {
    private String name;
    private ArchitectureSpec architecture;
    private List<String> classNames;
    private int leads = 1;
    private int inputLength;
    private double samplingRate;
    private List<Long> inputShape;
    private String output = OUTPUT_LOGITS;
    private final List<Step> preprocessing = new ArrayList<>();
    private Provenance provenance = Provenance.unknown();
    private final List<WeightFile> weights = new ArrayList<>();

    private Builder() {}

    /**
     * @param n model name
     * @return this builder
     */
    public Builder setName(String n) {
      this.name = n;
      return this;
    }

    /**
     * @param names class labels in output order
     * @return this builder
     */
    public Builder setClassNames(List<String> names) {
      this.classNames = names;
      return this;
    }

    /**
     * @param n samples per lead
     * @return this builder
     */
    public Builder setInputLength(int n) {
      this.inputLength = n;
      return this;
    }

    /**
     * @param fs sampling rate in Hz
     * @return this builder
     */
    public Builder setSamplingRate(double fs) {
      this.samplingRate = fs;
      return this;
    }

    /**
     * @param archName architecture name
     * @param hyperparameters its hyperparameters
     * @return this builder
     */
    public Builder optArchitecture(String archName, Map<String, Object> hyperparameters) {
      this.architecture = new ArchitectureSpec(archName, hyperparameters);
      return this;
    }

    /**
     * @param n number of leads (default 1)
     * @return this builder
     */
    public Builder optLeads(int n) {
      this.leads = n;
      return this;
    }

    /**
     * @param shape per-example input shape without batch (default {@code [leads, inputLength]})
     * @return this builder
     */
    public Builder optInputShape(List<Long> shape) {
      this.inputShape = shape;
      return this;
    }

    /**
     * @param o {@code logits} (default) or {@code probabilities}
     * @return this builder
     */
    public Builder optOutput(String o) {
      this.output = o;
      return this;
    }

    /**
     * @param step a preprocessing step, appended
     * @return this builder
     */
    public Builder addPreprocessing(Step step) {
      this.preprocessing.add(java.util.Objects.requireNonNull(step, "step"));
      return this;
    }

    /**
     * @param pipeline preprocessing steps, appended in order
     * @return this builder
     */
    public Builder addPreprocessing(Pipeline pipeline) {
      this.preprocessing.addAll(pipeline.steps());
      return this;
    }

    /**
     * @param p training provenance
     * @return this builder
     */
    public Builder optProvenance(Provenance p) {
      this.provenance = p;
      return this;
    }

    /**
     * @param w a weight file entry, appended
     * @return this builder
     */
    public Builder addWeight(WeightFile w) {
      this.weights.add(w);
      return this;
    }

    /** @return the manifest */
    public ModelManifest build() {
      return new ModelManifest(SCHEMA_VERSION, name, architecture, classNames, leads,
          inputLength, samplingRate, inputShape, output, preprocessing, provenance, weights,
          null);
    }
  }
}
